// Crash safety of the monthly run with real processes: `node bin/attain.js invoice` killed with
// SIGKILL at random points while it replaces a month's invoices, then run again. After every kill
// each contract's directory is its old or its new complete self; after every rerun the directory
// is byte-identical to a clean run over the same inputs. ATTAIN_KILL_CONTRACTS=2000 for the long run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../../../src/pipeline/monthly/manifest.js';
import { ASIDE_PREFIX, replayJournal } from '../../../../src/pipeline/monthly/journal.js';
import { generateMonth, readTree } from '../../../helpers/generated-month.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(ROOT, 'bin/attain.js');
const COMPILED = existsSync(join(ROOT, 'dist/src/pipeline/monthly/monthly.js'));
const N = Number(process.env['ATTAIN_KILL_CONTRACTS'] ?? 60);
const KILLS = Number(process.env['ATTAIN_KILLS'] ?? 4);

const work = mkdtempSync(join(tmpdir(), 'attain-kill-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function invoice(inputs: { contracts: string; data: string }, out: string, killAfterMs?: number): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'invoice', '--contracts', inputs.contracts, '--data', inputs.data, '--period', '2026-10', '--out', out, '--quiet', '--force']);
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve(code);
    });
  });
}

/** A seeded generator, so a failure can be replayed (the seed is in the test name). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe.skipIf(!COMPILED)('kill -9 at random points of a monthly run', () => {
  const seed = Number(process.env['ATTAIN_KILL_SEED'] ?? 20261204);
  it(`every kill leaves each contract old or new and the manifest matching the disk; a rerun repairs (seed ${seed}, ${N} contracts)`, async () => {
    const next = random(seed);
    // Clean reference outputs for the two data variants the runs alternate between.
    const refs: Map<string, string>[] = [];
    const inputs = [0, 1].map((v) => generateMonth(join(work, `in-${v}`), N, v));
    let full = 0;
    for (const [v, inp] of inputs.entries()) {
      const started = Date.now();
      expect(await invoice(inp, join(work, `ref-${v}`))).toBe(0);
      full = Math.max(full, Date.now() - started);
      refs.push(readTree(join(work, `ref-${v}`)));
    }
    const out = join(work, 'out');
    expect(await invoice(inputs[0] as (typeof inputs)[0], out)).toBe(0);
    let current = 0;
    for (let k = 0; k < KILLS; k++) {
      const target = 1 - current;
      await invoice(inputs[target] as (typeof inputs)[0], out, Math.floor(next() * full));
      // Right after the kill: every contract directory is one of the two complete versions. A kill
      // between the swap's two renames (announced in the journal first) finds the directory set
      // aside whole under `.attain-old-<id>-*`: that is the old version, which the rerun's journal
      // replay completes; a SIGKILL can land between two system calls however close they are.
      const visible = readTree(out);
      const hidden = readTree(out, true);
      const tree = new Map(visible);
      for (let i = 1; i <= N; i++) {
        const id = `gen-${String(i).padStart(4, '0')}`;
        if ([...visible.keys()].some((p) => p.startsWith(`${id}/`))) continue;
        for (const [p, text] of hidden) {
          if (p.startsWith(`${ASIDE_PREFIX}${id}-`)) tree.set(`${id}/${p.slice(p.indexOf('/') + 1)}`, text);
        }
      }
      for (let i = 1; i <= N; i++) {
        const id = `gen-${String(i).padStart(4, '0')}`;
        const mine = [...tree].filter(([p]) => p.startsWith(`${id}/`));
        const asIn = (ref: Map<string, string>): boolean => {
          const want = [...ref].filter(([p]) => p.startsWith(`${id}/`));
          return JSON.stringify(mine) === JSON.stringify(want);
        };
        expect(asIn(refs[0] as Map<string, string>) || asIn(refs[1] as Map<string, string>), `${id} after kill ${k}`).toBe(true);
      }
      // The manifest with the journal replayed describes exactly the directories on disk.
      const manifestText = tree.get('manifest.json');
      const manifest = manifestText === undefined ? { period: '2026-10', finalized: false, contracts: [] } : parseManifest(manifestText);
      if (manifest === undefined) throw new Error('unreadable manifest after a kill');
      const described = (await replayJournal(out, manifest, true)).manifest;
      for (const e of described.contracts) {
        const files = [...tree].filter(([p]) => p.startsWith(`${e.contract}/`)).map(([p]) => p.slice(e.contract.length + 1));
        expect(files.sort(), e.contract).toEqual(Object.keys(e.files).sort());
      }
      // The rerun repairs and completes: byte-identical to a clean run, no lock, no leftovers.
      expect(await invoice(inputs[target] as (typeof inputs)[0], out)).toBe(0);
      expect(readTree(out)).toEqual(refs[target]);
      expect([...readTree(out, true).keys()].filter((p) => p.startsWith('.'))).toEqual([]);
      current = target;
    }
  }, 900_000);
});
