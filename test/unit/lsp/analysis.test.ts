// Language server, analysis (src/lsp/analysis.ts): file kinds, the index of declared names and
// their uses (expressions, tests' data keys and expected KPI keys), positions in expressions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { originSpan } from '../../../src/diagnostics/source.js';
import { analyse, coversUnmappedScalar, exprAt, nodeAt, type NameIndex } from '../../../src/lsp/analysis.js';

const PATH = 'contracts/acme-smm.yaml';
const TEXT = readFileSync(PATH, 'utf8');

describe('analyse', () => {
  it('checks a contract and indexes its names', () => {
    const a = analyse(PATH, TEXT);
    expect(a.kind).toBe('contract');
    expect(a.diagnostics).toEqual([]);
    expect(a.checked).toBeDefined();
    const index = a.index as NameIndex;
    expect(index.declared.get('direct_share')?.kind).toBe('define');
    expect(index.declared.get('quality_traffic')?.kind).toBe('kpi');
    const uses = index.uses.filter((u) => u.name === 'quality_traffic').map((u) => TEXT.slice(u.span.start, u.span.end));
    // Two payment conditions and the expected status of three tests.
    expect(uses).toEqual(Array(5).fill('quality_traffic'));
    const followers = index.uses.filter((u) => u.name === 'followers');
    expect(followers.length).toBeGreaterThanOrEqual(7);
  });

  it('tells data from contracts, and keeps the diagnostics of a broken contract', () => {
    expect(analyse('x/metrics.yaml', 'periods:\n  2026-10: { leads: 1 }\n').kind).toBe('data');
    expect(analyse('x/metrics.csv', 'period,leads\n').kind).toBe('data');
    const broken = analyse(PATH, TEXT.replace('bounce_rate <= 20%', 'bounce_rate <= '));
    expect(broken.diagnostics.map((d) => d.code)).toContain('E020');
    expect(broken.contract).toBeDefined();
    expect(analyse(PATH, 'contract: [').contract).toBeUndefined();
  });

  it('finds the expression and the node at an offset', () => {
    const a = analyse(PATH, TEXT);
    const at = TEXT.indexOf('2 min');
    const site = exprAt(a.index as NameIndex, at);
    expect(site?.text.text).toBe('bounce_rate <= 20% and avg_time_on_site >= 2 min');
    expect(site?.expr === undefined ? undefined : nodeAt(site.expr, at)?.kind).toBe('Duration');
    expect(exprAt(a.index as NameIndex, TEXT.indexOf('Monthly retainer'))).toBeUndefined();
  });
});

describe('scalars whose characters cannot be mapped', () => {
  const origin = { file: 'c.yaml', base: 10, scalar: { start: 10, end: 40 }, unmapped: true as const };
  it('put every span on the whole scalar', () => {
    expect(originSpan(origin, 3, 5)).toEqual({ file: 'c.yaml', start: 10, end: 40 });
    expect(originSpan({ file: 'c.yaml', base: 10, scalar: { start: 10, end: 40 } }, 3, 5)).toEqual({ file: 'c.yaml', start: 13, end: 15 });
  });
  it('are recognised so the editor can say so', () => {
    const text = { text: 'a', origin, span: { file: 'c.yaml', start: 10, end: 40 } };
    const index: NameIndex = { declared: new Map(), uses: [], exprs: [{ text }] };
    expect(coversUnmappedScalar(index, { file: 'c.yaml', start: 10, end: 40 })).toBe(true);
    expect(coversUnmappedScalar(index, { file: 'c.yaml', start: 11, end: 40 })).toBe(false);
  });
});
