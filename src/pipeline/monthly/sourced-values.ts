// Pipeline for `attain invoice --sources`: one contract's aggregated values (period -> metric ->
// exact value, span, provenance) <-> bytes that wait in the run's spool until the contract's turn.
import type { Span } from '../../diagnostics/diagnostic.js';
import { rational } from '../../numbers/rational.js';
import type { ContractValues, SourcedValue, SourcesResult } from '../../sources/run.js';
import type { Spool, SpoolRef } from './spool.js';

/** One contract's values as the sources run gives them. */
export type { ContractValues };

/** A period's values as JSON: `[period, [[metric, "n/d", span, provenance], ...]]`. */
type PackedPeriod = [string, [string, string, Span, SourcedValue['provenance']][]];

/**
 * The values packed as JSON text, each rational as exact `n/d` text (its class does not survive
 * a round trip). Text, not a serialized buffer: it goes to the spool through one scratch buffer.
 */
export function packContractValues(values: ContractValues): string {
  const periods: PackedPeriod[] = [];
  for (const [period, metrics] of values) periods.push([period, [...metrics].map(([metric, v]) => [metric, v.value.toFraction(), v.span, v.provenance])]);
  return JSON.stringify(periods);
}

/** The values back from `packContractValues`: the same periods, metrics, exact values, spans and provenance, in the same order. */
export function unpackContractValues(text: string): ContractValues {
  const out = new Map<string, ReadonlyMap<string, SourcedValue>>();
  for (const [period, metrics] of JSON.parse(text) as PackedPeriod[]) out.set(period, new Map(metrics.map(([metric, value, span, provenance]) => [metric, { value: rational(value), span, provenance }] as const)));
  return out;
}

/**
 * The run's result with `id`'s values only (from its packed bytes; none when absent): what
 * binding one contract reads (`values.get(id)`), the shared findings and provenance unchanged.
 */
export function resultFor(result: SourcesResult, id: string, packed: string | undefined): SourcesResult {
  const values = new Map<string, ContractValues>();
  if (packed !== undefined) values.set(id, unpackContractValues(packed));
  return { ...result, values };
}

/** One contract's values moved to the spool (packed as by `packContractValues`): where they wait. */
export function spoolValues(values: ContractValues, spool: Spool): SpoolRef {
  return spool.putText(packContractValues(values));
}
