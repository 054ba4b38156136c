// The VS Code extension (editors/vscode) packages offline into a .vsix with @vscode/vsce
// (scripts/package-vscode.mjs): the archive holds the manifest and the bundled client, and the
// manifest starts `attain lsp --stdio`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('editors/vscode', () => {
  it('packages into a .vsix with the manifest and the bundled extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attain-vsix-'));
    try {
      const out = join(dir, 'attain.vsix');
      execFileSync(process.execPath, ['scripts/package-vscode.mjs', out], { stdio: 'pipe' });
      const zip = readFileSync(out);
      expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
      // Zip entries keep their names uncompressed in the central directory.
      const names = zip.toString('latin1');
      for (const entry of ['extension/package.json', 'extension/dist/extension.js', 'extension.vsixmanifest']) expect(names).toContain(entry);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('starts `attain lsp --stdio` by default', () => {
    const manifest = JSON.parse(readFileSync('editors/vscode/package.json', 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown }> } };
      main: string;
    };
    expect(manifest.contributes.configuration.properties['attain.command']?.default).toEqual(['attain', 'lsp', '--stdio']);
    expect(manifest.main).toBe('./dist/extension.js');
    expect(readFileSync('editors/vscode/extension.js', 'utf8')).toContain("require('vscode-languageclient/node')");
  });
});
