// src/workspace/make-directories.ts: a directory and its missing parents, one level at a time;
// a path that cannot be made fails at once (under /proc, where mkdir({ recursive: true }) of Node 20
// never returns).
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectories } from '../../../src/workspace/make-directories.js';

describe('makeDirectories', () => {
  it('makes the directory and its missing parents; an existing one is fine', async () => {
    const root = mkdtempSync(join(tmpdir(), 'attain-mkdir-'));
    try {
      const deep = join(root, 'a', 'b', 'c');
      await makeDirectories(deep);
      expect(statSync(deep).isDirectory()).toBe(true);
      await makeDirectories(deep);
      await makeDirectories(root);
      expect(statSync(deep).isDirectory()).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fails on a path through a file, naming the error', async () => {
    const root = mkdtempSync(join(tmpdir(), 'attain-mkdir-'));
    try {
      writeFileSync(join(root, 'file'), 'x');
      await expect(makeDirectories(join(root, 'file', 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.runIf(existsSync('/proc/self'))('fails at once under /proc instead of hanging', async () => {
    await expect(makeDirectories('/proc/attain-nope/x')).rejects.toMatchObject({ code: 'ENOENT' });
  }, 5_000);
});
