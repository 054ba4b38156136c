// Pipeline for `attain data`: a sources file + a directory of contracts + a period -> metric data
// in the SPEC section 4 format (YAML, JSON or CSV), one entry per contract and period, including
// the period before (previous()/growth()). Any error: no text (nothing partial is written).
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../diagnostics/source.js';
import type { Contract, MetricUnit } from '../contract/model.js';
import { toDecimalString, type Rational } from '../numbers/rational.js';
import { closeEngines } from '../sources/engines/lazy.js';
import { checkContractFile } from '../check/check-file.js';
import { isNotContractFile } from '../data/data-owner.js';
import { addLocatedFiles } from './evaluate-sourced.js';
import { expandPaths, readSource } from '../workspace/files.js';
import { aggregateSources, readSourcesFile } from './sources.js';
import { appendAll } from '../diagnostics/append-all.js';

export type DataFormat = 'yaml' | 'json' | 'csv';

export interface DataRun {
  readonly text?: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, SourceFile>;
}

/** A value as section 4 writes it: percents with `%`, durations in seconds, money with its currency. */
export function dataValueText(value: Rational, unit: MetricUnit, currency: string): string {
  switch (unit) {
    case 'percent':
      return `${toDecimalString(value.mul(100), 12)}%`;
    case 'duration':
      return `${toDecimalString(value, 12)} s`;
    case 'money':
      return `${toDecimalString(value, 12)} ${currency}`;
    default:
      return toDecimalString(value, 12);
  }
}

/** Aggregate the sources for every contract of `contractsDir` and render section 4 data. */
export async function dataFromSources(sourcesPath: string, contractsDir: string, period: string, format: DataFormat): Promise<DataRun> {
  const files = new Map<string, SourceFile>();
  const diagnostics: Diagnostic[] = [];
  const sourcesRead = await readSourcesFile(sourcesPath);
  if (sourcesRead.file !== undefined) files.set(sourcesPath, sourcesRead.file);
  appendAll(diagnostics, sourcesRead.diagnostics);
  const found = await expandPaths([contractsDir], ['.yaml', '.yml']);
  appendAll(diagnostics, found.diagnostics);
  const contracts: Contract[] = [];
  for (const p of found.files) {
    const read = await readSource(p);
    appendAll(diagnostics, read.diagnostics);
    if (read.file === undefined || p === sourcesPath || isNotContractFile(p, read.file.text)) continue;
    files.set(p, read.file);
    const checked = checkContractFile(read.file);
    appendAll(diagnostics, checked.diagnostics);
    if (checked.checked !== undefined) contracts.push(checked.checked.contract);
  }
  if (sourcesRead.value === undefined || hasErrors(diagnostics)) return { diagnostics, sources: files };
  let result;
  try {
    result = await aggregateSources(sourcesRead.value, contracts, period);
  } finally {
    await closeEngines();
  }
  appendAll(diagnostics, result.diagnostics);
  for (const c of contracts) {
    appendAll(diagnostics, result.failed.get(c.id.value) ?? []);
    appendAll(diagnostics, result.warnings.get(c.id.value) ?? []);
  }
  await addLocatedFiles(diagnostics, files);
  if (hasErrors(diagnostics)) return { diagnostics, sources: files };
  // contract -> period -> metric -> text, contracts in id order, metrics in declaration order.
  const table = new Map<string, Map<string, Map<string, string>>>();
  for (const c of [...contracts].sort((a, b) => (a.id.value < b.id.value ? -1 : 1))) {
    const periods = result.values.get(c.id.value);
    if (periods === undefined || periods.size === 0) continue;
    const out = new Map<string, Map<string, string>>();
    for (const [p, record] of [...periods].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const values = new Map<string, string>();
      for (const [name, decl] of c.metrics) {
        const v = record.get(name);
        if (v !== undefined) values.set(name, dataValueText(v.value, decl.unit.value, c.currency.value));
      }
      out.set(p, values);
    }
    table.set(c.id.value, out);
  }
  return { text: render(table, format, sourcesPath, period), diagnostics, sources: files };
}

function render(table: Map<string, Map<string, Map<string, string>>>, format: DataFormat, sourcesPath: string, period: string): string {
  if (format === 'json') {
    const contracts: Record<string, unknown> = {};
    for (const [id, periods] of table) contracts[id] = { periods: Object.fromEntries([...periods].map(([p, v]) => [p, Object.fromEntries(v)])) };
    return `${JSON.stringify({ contracts }, null, 2)}\n`;
  }
  if (format === 'csv') {
    const metrics: string[] = [];
    for (const periods of table.values()) for (const v of periods.values()) for (const m of v.keys()) if (!metrics.includes(m)) metrics.push(m);
    const lines = [['contract', 'period', ...metrics].join(',')];
    for (const [id, periods] of table) for (const [p, v] of periods) lines.push([id, p, ...metrics.map((m) => csvCell(v.get(m) ?? ''))].join(','));
    return `${lines.join('\n')}\n`;
  }
  const lines = [`# Metric data aggregated by attain data from ${sourcesPath} for ${period} (and the period before).`, 'contracts:'];
  if (table.size === 0) lines[1] = 'contracts: {}';
  for (const [id, periods] of table) {
    lines.push(`  ${id}:`, '    periods:');
    for (const [p, v] of periods) lines.push(`      ${p}: { ${[...v].map(([m, x]) => `${m}: ${x}`).join(', ')} }`);
  }
  return `${lines.join('\n')}\n`;
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
