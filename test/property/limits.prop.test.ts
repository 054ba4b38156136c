// Fuzzer and regressions for the input limits: every limit is a located E004 (never a stack
// trace), legitimate large files are not refused, and the checks stay linear. Seeded and short in
// CI; FUZZ_RUNS=500 for a long local run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, loadYaml } from '../../src/contract/load-yaml.js';
import { loadMetricFile } from '../../src/data/load-metrics.js';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { MAX_DEFINE_CHAIN } from '../../src/check/session.js';
import { MAX_EXACT_BITS } from '../../src/compile/size-limit.js';
import { checkContractFile } from '../../src/check/check-file.js';
import { runCli } from '../helpers/cli.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 25);

type Level = 'map' | 'seq' | 'compact-seq' | 'flow-seq' | 'flow-map';

/** YAML text nesting the given levels, innermost last, with content after the nest. */
function nested(levels: readonly Level[]): string {
  let text = 'x';
  for (let i = levels.length - 1; i >= 0; i--) {
    const indent = ' '.repeat(i);
    switch (levels[i] ?? 'map') {
      case 'map':
        text = `k${i}:\n${indent} ${text.trimStart()}`;
        break;
      case 'seq':
        text = `-\n${indent} ${text.trimStart()}`;
        break;
      case 'compact-seq':
        text = `- ${text.trimStart()}`;
        break;
      case 'flow-seq':
        text = `[${text.includes('\n') ? '1' : text}]`;
        break;
      case 'flow-map':
        text = `{a: ${text.includes('\n') ? '1' : text}}`;
        break;
    }
  }
  return `root: ${text.includes('\n') ? `\n ${text}` : text}\nafter: 1\n`;
}

describe('YAML nesting', () => {
  it.each([
    ['block maps', 'k:'],
    ['block sequences', '-'],
  ])('2 200 levels of %s are one located E004, not a stack overflow', (_name, unit) => {
    const lines = Array.from({ length: 2200 }, (_, i) => `${' '.repeat(i)}${unit}`);
    const text = `${lines.join('\n')}\n${' '.repeat(2200)}x\nafter: 1\n`;
    const r = loadYaml(createSourceFile('deep.yaml', text));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.data?.['limit']])).toEqual([['E004', 'depth']]);
    expect(r.diagnostics[0]!.message).toBe(`nesting deeper than ${DEFAULT_LIMITS.maxDepth} levels`);
    expect(r.diagnostics[0]!.span.start).toBeGreaterThan(0);
  });

  it('6 KB of compact sequences (`- - - ...`) is E004 at line 1', () => {
    const r = loadYaml(createSourceFile('deep.yaml', `${'- '.repeat(3000)}x\n`));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E004']);
  });

  it('random nests of every kind: a value or diagnostics, never an exception (seeded)', () => {
    const level = fc.constantFrom<Level>('map', 'seq', 'compact-seq', 'flow-seq', 'flow-map');
    fc.assert(
      fc.property(fc.array(level, { minLength: 1, maxLength: 3000 }), (levels) => {
        const r = loadYaml(createSourceFile('n.yaml', nested(levels)));
        if (r.value === undefined) expect(r.diagnostics.length).toBeGreaterThan(0);
        for (const d of r.diagnostics) expect(d.code).toMatch(/^E00\d$/);
      }),
      { seed: 13, numRuns: RUNS },
    );
  });
});

describe('aliases are counted as aliases', () => {
  it('a 0.7 MB multi-contract data file without aliases (145 000 values) loads', () => {
    const lines = ['contracts:'];
    for (let c = 0; c < 100; c++) {
      lines.push(`  c${c}:`, '    periods:');
      for (let p = 1; p <= 12; p++) {
        const values = Array.from({ length: 60 }, (_, k) => `m${k}: ${k * 13 + p}`).join(', ');
        lines.push(`      2026-${String(p).padStart(2, '0')}: { ${values} }`);
      }
    }
    const text = `${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(700_000);
    const r = loadMetricFile(createSourceFile('big.yaml', text));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('an alias bomb is still stopped, at the alias that crosses the limit', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']] as const) rows.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${prev}`).join(', ')}]`);
    const r = loadYaml(createSourceFile('bomb.yaml', `${rows.join('\n')}\n`));
    expect(r.diagnostics.map((d) => [d.code, d.data?.['limit']])).toEqual([['E004', 'expansion']]);
  });
});

describe('many keys stay linear', () => {
  it('20 000 unknown keys: one E010 each, with the right spans', () => {
    const head = 'contract: big\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\n';
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1\n`).join('');
    const text = head + keys;
    const { diagnostics } = checkContractFile(createSourceFile('big.yaml', text));
    const unknown = diagnostics.filter((d) => d.code === 'E010');
    expect(unknown).toHaveLength(20_000);
    const last = unknown.find((d) => d.message === 'unknown key "k19999"');
    expect(text.slice(last!.span.start, last!.span.end)).toBe('k19999');
  }, 120_000);

  it('20 000 duplicate keys: one E003 each, in document order', () => {
    const text = `a: 1\n${Array.from({ length: 20_000 }, () => 'a: 2\n').join('')}`;
    const r = loadYaml(createSourceFile('dup.yaml', text));
    expect(r.diagnostics).toHaveLength(20_000);
    expect(r.diagnostics.every((d) => d.code === 'E003')).toBe(true);
    expect(r.diagnostics[0]!.span.start).toBe(5);
  }, 120_000);
});

const dir = mkdtempSync(join(tmpdir(), 'attain-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEAD = 'version: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\n';

/** A contract whose defines form one chain of `n`, written first-first or last-first. */
function chain(id: string, n: number, lastFirst: boolean): string {
  const lines = Array.from({ length: n }, (_, i) => (i === 0 ? '  d0: leads + 1' : `  d${i}: d${i - 1} + 1`));
  const defines = lastFirst ? [...lines].reverse() : lines;
  return `contract: ${id}\n${HEAD}define:\n${defines.join('\n')}\nkpis:\n  k: { target: d${n - 1} > 0, weight: 100% }\npayments:\n  - { id: fee, label: Fee, amount: 100 RUB }\n`;
}

describe('define chains', () => {
  it('random chain lengths in either order: the same verdict, E026 exactly past the limit, never an exception (seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1200 }), (n) => {
        const verdicts = [false, true].map((lastFirst) => checkContractFile(createSourceFile('c.yaml', chain('c', n, lastFirst))).diagnostics.map((d) => d.code));
        expect(verdicts[0]).toEqual(verdicts[1]);
        expect(verdicts[0]).toEqual(n > MAX_DEFINE_CHAIN ? ['E026'] : []);
      }),
      { seed: 13, numRuns: Math.max(5, Math.floor(RUNS / 3)) },
    );
  }, 120_000);
});

describe('define cycles', () => {
  it('a cycle of 20 000 defines: one E031, no exception (typing does not recurse around it)', () => {
    const n = 20_000;
    const defines = Array.from({ length: n }, (_, i) => `  d${i}: d${(i + 1) % n} + 1`).join('\n');
    const text = `contract: cycle\n${HEAD}define:\n${defines}\nkpis:\n  k: { target: d0 > 0 and leads > 0, weight: 100% }\npayments:\n  - { id: fee, label: Fee, amount: 100 RUB }\n`;
    const { diagnostics } = checkContractFile(createSourceFile('cycle.yaml', text));
    expect(diagnostics.map((d) => d.code)).toEqual(['E031']);
    expect(diagnostics[0]?.message.startsWith('cycle: d0 -> d1 -> d2')).toBe(true);
  }, 120_000);

  it('a define on a short cycle still reports its own unknown name', () => {
    const text = `contract: cycle\n${HEAD}define:\n  a: b + lead\n  b: a + 1\nkpis:\n  k: { target: leads > 0, weight: 100% }\npayments:\n  - { id: fee, label: Fee, amount: 100 RUB }\n`;
    const codes = checkContractFile(createSourceFile('cycle.yaml', text)).diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(['E030', 'E031']);
  });
});

describe('size of exact numbers', () => {
  const squares = (id: string): string => {
    const defines = Array.from({ length: 22 }, (_, i) => `  d${i + 1}: d${i} * d${i}`).join('\n');
    return `contract: ${id}\n${HEAD}define:\n  d0: leads / 7 + 1\n${defines}\nkpis:\n  k: { target: d22 > 0, weight: 100% }\npayments:\n  - { id: fee, label: Fee, amount: 100 RUB }\n`;
  };

  it('22 defines each squaring the last: E077 at the operation, naming the limit', async () => {
    const contract = join(dir, 'squares.yaml');
    const data = join(dir, 'squares-data.yaml');
    writeFileSync(contract, squares('squares'));
    writeFileSync(data, 'contract: squares\nperiods:\n  2026-10: { leads: 12 }\n');
    const run = await runCli('evaluate', contract, '--data', data, '--period', '2026-10');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error[E077]: period 2026-10: an exact number would need more than ${MAX_EXACT_BITS} bits`);
    expect(run.stderr).toMatch(/squares\.yaml:\d+:\d+: error\[E077\]/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('the monthly run isolates the contracts that hit a limit: the others are invoiced', async () => {
    const here = join(dir, 'monthly');
    mkdirSync(join(here, 'contracts'), { recursive: true });
    writeFileSync(join(here, 'contracts', 'squares.yaml'), squares('squares'));
    writeFileSync(join(here, 'contracts', 'longchain.yaml'), chain('longchain', MAX_DEFINE_CHAIN + 50, true));
    writeFileSync(join(here, 'contracts', 'deep.yaml'), `contract: deep\n${Array.from({ length: 2200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n`);
    writeFileSync(join(here, 'contracts', 'fine.yaml'), chain('fine', 3, false));
    const data = ['squares', 'longchain', 'deep', 'fine'].map((id) => `  ${id}:\n    periods:\n      2026-10: { leads: 12 }`).join('\n');
    writeFileSync(join(here, 'data.yaml'), `contracts:\n${data}\n`);
    const run = await runCli('invoice', '--contracts', join(here, 'contracts'), '--data', join(here, 'data.yaml'), '--period', '2026-10', '--out', join(here, 'out'));
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('cannot write');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const summary = JSON.parse(readFileSync(join(here, 'out', 'summary.json'), 'utf8')) as { contracts: { contract: string; status: string; error: string | null }[] };
    expect(summary.contracts.map((c) => [c.contract, c.status, c.error?.match(/E0\d\d/)?.[0] ?? null])).toEqual([
      ['deep', 'failed', 'E004'],
      ['fine', 'ok', null],
      ['longchain', 'failed', 'E026'],
      ['squares', 'failed', 'E077'],
    ]);
  }, 120_000);
});
