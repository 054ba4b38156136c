// Fuzzer and regressions for the input limits: every limit is a located E004 (never a stack
// trace), legitimate large files are not refused, and the checks stay linear. Seeded and short in
// CI; FUZZ_RUNS=500 for a long local run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, loadYaml } from '../../src/contract/load-yaml.js';
import { loadMetricFile } from '../../src/data/load-metrics.js';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { checkContractFile } from '../../src/pipeline/check-file.js';

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
