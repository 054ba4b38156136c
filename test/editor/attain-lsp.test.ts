// `attain lsp` driven over stdio as an editor drives it (test/helpers/lsp-client.ts): open and
// edit a shipped contract, then hover, completion, definition, references, rename, formatting and
// code lenses; diagnostics down to the character in quoted and block scalars.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { formatContract } from '../../src/fmt/format-contract.js';
import { BUILTINS } from '../../src/language/builtins.js';
import { positionAt } from '../../src/lsp/positions.js';
import { startLsp, uriOf, type LspClient, type Position, type Range } from '../helpers/lsp-client.js';

const PATH = 'contracts/acme-smm.yaml';
const TEXT = readFileSync(PATH, 'utf8');

/** The position of `needle` in `text` (the n-th occurrence), moved `delta` characters. */
function pos(text: string, needle: string, delta = 0, nth = 0): Position {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  expect(i, `"${needle}" in the text`).toBeGreaterThanOrEqual(0);
  return positionAt(createSourceFile('x', text), i + delta);
}

function rangeOfNeedle(text: string, needle: string, nth = 0): Range {
  const start = pos(text, needle, 0, nth);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const file = createSourceFile('x', text);
  const offset = (p: Position): number => (file.lineStarts[p.line] ?? text.length) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

interface Hover {
  readonly contents: { readonly value: string };
  readonly range: Range;
}
interface Completion {
  readonly label: string;
  readonly insertText?: string;
  readonly insertTextFormat?: number;
}

let lsp: LspClient;
const uri = uriOf(PATH);
const td = { textDocument: { uri } };

beforeAll(async () => {
  lsp = await startLsp();
});
afterAll(async () => {
  await lsp.stop();
});

describe('attain lsp over stdio', () => {
  it('starts as `attain lsp` too, and says what it can do', async () => {
    const plain = await startLsp(false);
    const doc = 'test/editor/fixtures/plain-start.yaml';
    expect(await plain.open(doc, 'contract: x\n')).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'E011' })]));
    await plain.stop();
    expect(plain.exited()).toBe(true);
  });

  it('publishes no diagnostics for a clean contract, and the exact range of an error typed into it', async () => {
    expect(await lsp.open(PATH, TEXT)).toEqual([]);
    const at = rangeOfNeedle(TEXT, 'bounce_rate <= 20%');
    const v = lsp.edit(PATH, { start: { line: at.start.line, character: at.start.character + 10 }, end: { line: at.start.line, character: at.start.character + 11 } }, '');
    const ds = await lsp.diagnostics(PATH, v);
    expect(ds.map((d) => d.code)).toEqual(['E030']);
    expect(ds[0]?.range).toEqual({ start: at.start, end: { line: at.start.line, character: at.start.character + 10 } });
    expect(ds[0]?.message).toContain('bounce_rat');
    const back = lsp.replace(PATH, TEXT);
    expect(await lsp.diagnostics(PATH, back)).toEqual([]);
  });

  it('points at the character inside double-quoted, literal and folded block scalars', async () => {
    const path = 'test/editor/fixtures/scalars.yaml';
    const text = TEXT.replace('target: direct_share >= 60%', 'target: "direct_share >= 60% and \\"a\\" == \\"a\\" and nope_one"')
      .replace('target: follower_growth >= 10%', 'target: |\n      follower_growth >= 10%\n        and nope_two')
      .replace('when: direct_traffic and quality_traffic', 'when: >\n      direct_traffic\n      and nope_three');
    const ds = await lsp.open(path, text);
    const byName = (n: string) => ds.find((d) => d.message.includes(`"${n}"`) || d.message.includes(n));
    for (const n of ['nope_one', 'nope_two', 'nope_three']) expect(byName(n)?.range, n).toEqual(rangeOfNeedle(text, n));
    lsp.close(path);
  });

  it('hovers names, built-ins and literals', async () => {
    const hover = (p: Position) => lsp.request<Hover | null>('textDocument/hover', { ...td, position: p });
    const define = await hover(pos(TEXT, 'direct_share >= 60%', 3));
    expect(define?.contents.value).toContain('**define** `direct_share`');
    expect(define?.contents.value).toContain('direct_sessions / sessions');
    expect(define?.range).toEqual(rangeOfNeedle(TEXT, 'direct_share', 1));
    expect((await hover(pos(TEXT, 'bounce_rate <=', 2)))?.contents.value).toContain('**metric** `bounce_rate`: percent');
    expect((await hover(pos(TEXT, 'when: quality_traffic', 8)))?.contents.value).toContain('bounce_rate <= 20% and avg_time_on_site >= 2 min');
    expect((await hover(pos(TEXT, 'growth(followers)', 1)))?.contents.value).toContain(BUILTINS.get('growth')?.doc ?? 'a doc line');
    expect((await hover(pos(TEXT, '2 min', 1)))?.contents.value).toContain('= 120 s');
    expect((await hover(pos(TEXT, '20%', 1)))?.contents.value).toContain('= 0.2');
    expect((await hover(pos(TEXT, '500 RUB', 1)))?.contents.value).toContain('= 50000 minor units');
    expect(await hover(pos(TEXT, 'Monthly retainer', 2))).toBeNull();
  });

  it('completes names and built-ins in expressions, period fields, units after a number, schema keys outside', async () => {
    const complete = async (p: Position): Promise<Completion[]> => lsp.request<Completion[]>('textDocument/completion', { ...td, position: p });
    const names = await complete(pos(TEXT, 'direct_share >= 60%'));
    const labels = names.map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['sessions', 'direct_share', 'quality_traffic', 'ctr', 'period']));
    expect(names.find((c) => c.label === 'ctr')).toMatchObject({ insertText: 'ctr(${1:clicks}, ${2:impressions})', insertTextFormat: 2 });
    const units = (await complete(pos(TEXT, '2 min', 2))).map((c) => c.label);
    expect(units).toEqual(expect.arrayContaining(['RUB', 'min', 's', '%']));
    // A blank line in a KPI: the KPI's keys.
    const withBlank = TEXT.replace('    weight: 40%\n', '    weight: 40%\n    \n');
    const v = lsp.replace(PATH, withBlank);
    await lsp.diagnostics(PATH, v);
    const keys = (await complete(pos(withBlank, '    weight: 40%\n    \n', 20))).map((c) => c.label);
    expect(keys).toEqual(expect.arrayContaining(['target', 'weight', 'on_no_data', 'description']));
    expect(keys).not.toContain('sessions');
    const withPeriod = TEXT.replace('target: direct_share >= 60%', 'target: period.');
    await lsp.diagnostics(PATH, lsp.replace(PATH, withPeriod));
    expect((await complete(pos(withPeriod, 'period.', 7))).map((c) => c.label)).toEqual(['index', 'month', 'year', 'days']);
    await lsp.diagnostics(PATH, lsp.replace(PATH, TEXT));
  });

  it('goes to the definition, finds references and renames a KPI id everywhere', async () => {
    const def = await lsp.request<{ uri: string; range: Range }>('textDocument/definition', { ...td, position: pos(TEXT, 'when: quality_traffic', 8) });
    expect(def).toEqual({ uri, range: rangeOfNeedle(TEXT, 'quality_traffic') });
    const refs = await lsp.request<{ range: Range }[]>('textDocument/references', { ...td, position: pos(TEXT, 'quality_traffic'), context: { includeDeclaration: true } });
    // The key, two payment conditions, three expected statuses in tests.
    expect(refs).toHaveLength(6);
    const rename = await lsp.request<{ changes: Record<string, TextEdit[]> }>('textDocument/rename', { ...td, position: pos(TEXT, 'when: quality_traffic', 8), newName: 'quality' });
    const edits = rename.changes[uri] ?? [];
    expect(edits).toHaveLength(6);
    const renamed = applyEdits(TEXT, edits);
    expect(renamed).not.toContain('quality_traffic');
    expect(await lsp.diagnostics(PATH, lsp.replace(PATH, renamed))).toEqual([]);
    await expect(lsp.request('textDocument/rename', { ...td, position: pos(renamed, 'when: quality', 8), newName: 'direct_traffic' })).rejects.toThrow(/already declared/);
    await lsp.diagnostics(PATH, lsp.replace(PATH, TEXT));
  });

  it('formats as attain fmt does', async () => {
    const messy = TEXT.replace('direct_sessions / sessions', 'direct_sessions/sessions').replace('bounce_rate <= 20% and', 'bounce_rate<=20%   and');
    await lsp.diagnostics(PATH, lsp.replace(PATH, messy));
    const edits = await lsp.request<TextEdit[]>('textDocument/formatting', { ...td, options: { tabSize: 2, insertSpaces: true } });
    expect(edits.length).toBeGreaterThan(0);
    const formatted = applyEdits(messy, edits);
    expect(formatted).toBe(formatContract(createSourceFile(PATH, messy)).text);
    expect(formatted).toBe(TEXT);
    await lsp.diagnostics(PATH, lsp.replace(PATH, TEXT));
    expect(await lsp.request<TextEdit[]>('textDocument/formatting', { ...td, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  it('shows code lenses: each test passed or failed with expected vs actual, each KPI per test', async () => {
    interface Lens {
      readonly range: Range;
      readonly command: { readonly title: string; readonly command: string };
    }
    const lenses = async (): Promise<Lens[]> => lsp.request<Lens[]>('textDocument/codeLens', td);
    const clean = await lenses();
    expect(clean).toHaveLength(6);
    const onTest = clean.find((l) => l.range.start.line === pos(TEXT, 'a good month').line);
    expect(onTest?.command.title).toBe('✓ passed');
    const onKpi = clean.find((l) => l.range.start.line === pos(TEXT, '  direct_traffic:').line);
    expect(onKpi?.command.title).toBe('met in "a good month" · met in "the cap binds in a record month" · excluded in "grace for direct traffic in the first two months, no lead pay when quality misses"');
    const wrong = TEXT.replace('total: 129320 RUB', 'total: 129321 RUB');
    await lsp.diagnostics(PATH, lsp.replace(PATH, wrong));
    const failed = (await lenses()).find((l) => l.range.start.line === pos(wrong, 'a good month').line);
    expect(failed?.command.title).toMatch(/^✗ failed: .*129321.*129320/);
    await lsp.diagnostics(PATH, lsp.replace(PATH, TEXT));
  });

  it('answers hover and completion from the last good state while the text does not parse', async () => {
    const broken = `${TEXT.slice(0, TEXT.indexOf('payments:'))}payments:\n  - id: x\n    amount: "bounce_rate`;
    const v = lsp.replace(PATH, broken);
    const ds = await lsp.diagnostics(PATH, v);
    expect(ds.length).toBeGreaterThan(0);
    const hover = await lsp.request<Hover | null>('textDocument/hover', { ...td, position: pos(broken, 'bounce_rate <=', 3) });
    expect(hover?.contents.value).toContain('**metric** `bounce_rate`');
    const items = await lsp.request<Completion[]>('textDocument/completion', { ...td, position: pos(broken, 'amount: "bounce_rate', 20) });
    expect(items.map((c) => c.label)).toContain('bounce_rate');
    expect(await lsp.diagnostics(PATH, lsp.replace(PATH, TEXT))).toEqual([]);
    expect(lsp.exited()).toBe(false);
  });
});
