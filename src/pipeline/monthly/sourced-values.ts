// Pipeline for `attain invoice --sources`: one contract's aggregated values (period -> metric ->
// exact value, span, provenance) <-> bytes that wait in the run's spool until the contract's turn.
import { deserialize, serialize } from 'node:v8';
import type { Contract, MetricDecl, Spanned } from '../../contract/model.js';
import type { Span } from '../../diagnostics/diagnostic.js';
import type { SourceFile } from '../../diagnostics/source.js';
import { rational } from '../../numbers/rational.js';
import type { SourcedValue, SourcesResult } from '../../sources/run.js';
import type { Spool, SpoolRef } from './spool.js';

/** One contract's values as the sources run gives them. */
export type ContractValues = ReadonlyMap<string, ReadonlyMap<string, SourcedValue>>;

/** A value on the wire: the rational as exact `n/d` text (its class does not survive a clone). */
type PackedValue = Omit<SourcedValue, 'value'> & { readonly value: string };

/**
 * The values packed as bytes (V8's serializer: maps, strings and numbers come back as they were;
 * each rational as exact `n/d` text).
 */
export function packContractValues(values: ContractValues): Uint8Array {
  const plain = new Map<string, Map<string, PackedValue>>();
  for (const [period, metrics] of values) {
    const out = new Map<string, PackedValue>();
    for (const [metric, v] of metrics) out.set(metric, { ...v, value: v.value.toFraction() });
    plain.set(period, out);
  }
  return new Uint8Array(serialize(plain));
}

/** The values back from `packContractValues`: the same periods, metrics, exact values, spans and provenance. */
export function unpackContractValues(bytes: Uint8Array): ContractValues {
  const plain = deserialize(bytes) as ReadonlyMap<string, ReadonlyMap<string, PackedValue>>;
  const out = new Map<string, ReadonlyMap<string, SourcedValue>>();
  for (const [period, metrics] of plain) {
    const m = new Map<string, SourcedValue>();
    for (const [metric, v] of metrics) m.set(metric, { ...v, value: rational(v.value) });
    out.set(period, m);
  }
  return out;
}

/**
 * The run's result with `id`'s values only (from its packed bytes; none when absent): what
 * binding one contract reads (`values.get(id)`), the shared findings and provenance unchanged.
 */
export function resultFor(result: SourcesResult, id: string, packed: Uint8Array | undefined): SourcesResult {
  const values = new Map<string, ContractValues>();
  if (packed !== undefined) values.set(id, unpackContractValues(packed));
  return { ...result, values };
}

/**
 * Move every contract's values into the spool: the run's result without them (what stays in
 * the heap, and what each worker is sent once) and, per contract id, where its values wait.
 */
export function spoolValues(result: SourcesResult, spool: Spool): { result: SourcesResult; refs: ReadonlyMap<string, SpoolRef> } {
  const refs = new Map<string, SpoolRef>();
  for (const [id, values] of result.values) refs.set(id, spool.put(packContractValues(values)));
  return { result: { ...result, values: new Map() }, refs };
}

/**
 * What aggregation reads of a contract (its id, period kind, currency and metrics: the sources
 * run and the unit check read nothing else), without its KPIs, payments, tests or text, every
 * span naming the file by one shared string (a parse result unpacked from the spool has its own
 * copy of the path in each span). The aggregation of a run is given every contract at once:
 * whole checked models, about 3 KB each even without their text, set the run's peak memory.
 */
export function aggregationView(c: Contract, file: SourceFile): Contract {
  const at = (s: Span): Span => ({ file: file.path, start: s.start, end: s.end });
  const spanned = <T>(x: Spanned<T>): Spanned<T> => ({ value: x.value, span: at(x.span) });
  const metrics = new Map<string, MetricDecl>();
  for (const [name, m] of c.metrics) metrics.set(name, { name: m.name, nameSpan: at(m.nameSpan), unit: spanned(m.unit) });
  return {
    file,
    id: spanned(c.id),
    version: spanned(c.version),
    currency: spanned(c.currency),
    period: spanned(c.period),
    effective: { from: spanned(c.effective.from), ...(c.effective.until === undefined ? {} : { until: spanned(c.effective.until) }) },
    rounding: spanned(c.rounding),
    metrics,
    defines: new Map(),
    kpis: new Map(),
    payments: [],
    tests: [],
  };
}
