// Pipeline for `attain invoice --sources --jobs N`: a run's aggregated sources <-> plain data that
// crosses to worker threads once per worker (exact values as "n/d" text; the sources file as text).
import { createSourceFile } from '../../diagnostics/source.js';
import { rational, type Rational } from '../../numbers/rational.js';
import { loadSourcesFile } from '../../sources/load-sources.js';
import type { SourcedValue, SourcesResult } from '../../sources/run.js';
import type { SourcedRun } from './monthly-run.js';

type WireValue = Omit<SourcedValue, 'value'> & { readonly value: string };

/** A SourcedRun as structured-clone-safe data (a rational's class does not survive the clone). */
export interface SourcedRunWire {
  readonly file: { readonly path: string; readonly text: string; readonly sha256: string };
  readonly result: Omit<SourcesResult, 'values'> & { readonly values: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, WireValue>>> };
}

function mapValues<K, A, B>(m: ReadonlyMap<K, A>, f: (a: A) => B): Map<K, B> {
  return new Map([...m].map(([k, v]) => [k, f(v)] as const));
}

/** The run for the wire: the sources file's text (each worker loads it once) and every value as exact text. */
export function sourcedRunToWire(run: SourcedRun): SourcedRunWire {
  const f = run.sources.file;
  const values = mapValues(run.result.values, (periods) => mapValues(periods, (metrics) => mapValues(metrics, (v) => ({ ...v, value: v.value.toFraction() }))));
  return { file: { path: f.path, text: f.text, sha256: f.sha256 }, result: { ...run.result, values } };
}

/** The run back in a worker: the same sources model and the same exact values. */
export function sourcedRunFromWire(wire: SourcedRunWire): SourcedRun {
  const file = { ...createSourceFile(wire.file.path, wire.file.text), sha256: wire.file.sha256 };
  const sources = loadSourcesFile(file).value;
  if (sources === undefined) throw new Error(`${wire.file.path}: the sources file no longer loads in a worker thread`);
  const values = mapValues(wire.result.values, (periods) => mapValues(periods, (metrics) => mapValues(metrics, (v): SourcedValue => ({ ...v, value: fromText(v.value) }))));
  return { sources, result: { ...wire.result, values } };
}

function fromText(text: string): Rational {
  return rational(text);
}
