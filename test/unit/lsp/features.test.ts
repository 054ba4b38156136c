// Language server features in process: positions (src/lsp/positions.ts), the formatting edit
// (formatting.ts), rename rules (symbols.ts), snippets and units (completion.ts), literals in base
// units (hover.ts) and duplicate ids and data bound to contracts (workspace-diagnostics.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSourceFile } from '../../../src/diagnostics/source.js';
import { formatContract } from '../../../src/fmt/format-contract.js';
import { analyse, type Analysis, type NameIndex } from '../../../src/lsp/analysis.js';
import { completeAt, snippet } from '../../../src/lsp/completion.js';
import { formatEdit } from '../../../src/lsp/formatting.js';
import { hoverAt } from '../../../src/lsp/hover.js';
import { offsetAt, positionAt } from '../../../src/lsp/positions.js';
import { renameProblem, renameSpans, symbolAt } from '../../../src/lsp/symbols.js';
import { workspaceDiagnostics } from '../../../src/lsp/workspace-diagnostics.js';

const PATH = 'contracts/acme-smm.yaml';
const TEXT = readFileSync(PATH, 'utf8');

describe('positions', () => {
  it('count UTF-16 code units and keep a character past the line end on its line', () => {
    const file = createSourceFile('x', 'a: "😀x"\r\nb: 1\n');
    expect(positionAt(file, file.text.indexOf('x'))).toEqual({ line: 0, character: 6 });
    expect(offsetAt(file, { line: 0, character: 6 })).toBe(file.text.indexOf('x'));
    expect(offsetAt(file, { line: 0, character: 99 })).toBe(file.text.indexOf('\r'));
    expect(offsetAt(file, { line: 1, character: 0 })).toBe(file.text.indexOf('b'));
    expect(offsetAt(file, { line: 9, character: 0 })).toBe(file.text.length);
  });
});

describe('formatting', () => {
  it('is one edit that gives what attain fmt gives, and none for a formatted file', () => {
    const messy = TEXT.replace('direct_sessions / sessions', 'direct_sessions/sessions');
    const file = createSourceFile(PATH, messy);
    const edit = formatEdit(file);
    expect(edit).toBeDefined();
    if (edit === undefined) return;
    expect(messy.slice(0, edit.start) + edit.text + messy.slice(edit.end)).toBe(formatContract(file).text);
    expect(edit.end - edit.start).toBeLessThan(30);
    expect(formatEdit(createSourceFile(PATH, TEXT))).toBeUndefined();
  });
});

describe('rename', () => {
  const index = analyse(PATH, TEXT).index as NameIndex;
  const symbol = symbolAt(index, TEXT.indexOf('follower_growth >= 10%'));
  it('finds the symbol from a use and lists the key and every use', () => {
    expect(symbol?.kind).toBe('define');
    if (symbol === undefined) return;
    expect(renameSpans(index, symbol).map((s) => TEXT.slice(s.start, s.end))).toEqual(['follower_growth', 'follower_growth']);
  });
  it('refuses names that are not ids, reserved, built in or taken', () => {
    if (symbol === undefined) return;
    expect(renameProblem(index, symbol, 'Growth')).toMatch(/not an id/);
    expect(renameProblem(index, symbol, 'score')).toMatch(/built-in name/);
    expect(renameProblem(index, symbol, 'ctr')).toMatch(/built-in function/);
    expect(renameProblem(index, symbol, 'leads')).toMatch(/already declared/);
    expect(renameProblem(index, symbol, 'growth_of_followers')).toBeUndefined();
  });
});

describe('completion and hover details', () => {
  it('builds argument snippets from the doc line', () => {
    expect(snippet('round', 'round(x, digits = 0): rounded', 1)).toBe('round(${1:x})');
    expect(snippet('min', 'min(a, b, ...): the smallest', 2)).toBe('min(${1:a}, ${2:b})');
  });
  it('offers the contract currency right after a number', () => {
    const a = analyse(PATH, TEXT);
    const model = { contract: a.contract!, index: a.index!, current: true };
    const at = TEXT.indexOf('50000 RUB') + 5;
    const items = completeAt(TEXT, at, model);
    expect(items[0]).toMatchObject({ label: 'RUB', insertText: ' RUB' });
  });
  it('shows a money literal in minor units and notes a foreign currency', () => {
    const text = TEXT.replace('amount: 50000 RUB', 'amount: 12.5 USD');
    const a = analyse(PATH, text);
    const hover = hoverAt(text, text.indexOf('12.5 USD') + 1, a.contract!, a.index!, undefined, true);
    expect(hover?.markdown).toBe('**money** 12.5 USD = 1250 minor units (the contract currency is RUB)');
  });
});

describe('workspace diagnostics', () => {
  it('gives E056 to the later of two open contracts with one id', () => {
    const docs = new Map<string, Analysis>([
      ['b.yaml', analyse('b.yaml', TEXT)],
      ['a.yaml', analyse('a.yaml', TEXT)],
    ]);
    const out = workspaceDiagnostics(docs);
    expect(out.get('a.yaml')).toEqual([]);
    expect(out.get('b.yaml')?.map((d) => d.code)).toEqual(['E056']);
  });

  it('binds a data file to its contract, open or on disk beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attain-lsp-'));
    try {
      const contract = join(dir, 'acme.yaml');
      writeFileSync(contract, TEXT);
      const data = join(dir, 'metrics.yaml');
      const text = 'contract: acme-smm\nperiods:\n  2026-10: { sessions: -1, leads: 12 }\n';
      const alone = workspaceDiagnostics(new Map([[data, analyse(data, text)]]));
      const fromDisk = (alone.get(data) ?? []).map((d) => d.code);
      expect(fromDisk).toContain('E064');
      const open = workspaceDiagnostics(new Map([[data, analyse(data, text)], [contract, analyse(contract, TEXT)]]));
      expect((open.get(data) ?? []).map((d) => d.code)).toEqual(fromDisk);
      const unknown = 'contract: nobody\nperiods:\n  2026-10: { leads: 1 }\n';
      expect((workspaceDiagnostics(new Map([[data, analyse(data, unknown)]])).get(data) ?? []).map((d) => d.code)).toEqual(['W068']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
