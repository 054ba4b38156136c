// Sources, the values of a run: each source's groups (accumulators per contract and period) +
// the run's contracts -> each contract's exact values with provenance, handed out one contract id at a time.
// A contract's groups are dropped once its values are made, so a run never holds all of both.
import type { Span } from '../diagnostics/diagnostic.js';
import type { Contract } from '../contract/model.js';
import type { Rational } from '../numbers/rational.js';
import { aggregateValue, type Accumulator } from './aggregate.js';
import { definitionFor } from './check.js';
import { evaluateDefinition } from './evaluate-definition.js';
import type { Aggregate, SourceDecl, SourcesFile } from './model.js';
import type { AggregateProvenance, ValueProvenance } from './provenance.js';

/** One metric value of a contract and period, exact, with where it came from. */
export interface SourcedValue {
  readonly value: Rational;
  readonly span: Span;
  readonly provenance: ValueProvenance;
}

/** One contract's values: period -> metric -> value (periods sorted, metrics in declaration order). */
export type ContractValues = ReadonlyMap<string, ReadonlyMap<string, SourcedValue>>;

/** Receives each contract id's values once, as soon as they are made (ids in the run's order). */
export type ValuesSink = (id: string, values: ContractValues) => void;

/** One (contract, period) of a source: accumulators by aggregate index, the rows and inputs seen. */
export interface GroupState {
  readonly accs: Accumulator[];
  rows: number;
  /**
   * The files or tables that held its rows, in the order first seen, each once. Never changed in
   * place (replaced by `withInput`): the groups of one file share one array, where a Set per group
   * cost about 140 bytes of the about 830 a group takes.
   */
  inputs: readonly string[];
}

/** A group's inputs with `path` added: the same array when it is there, one shared array per path when it is the first. */
export function inputsWith(shared: Map<string, readonly string[]>): (list: readonly string[], path: string) => readonly string[] {
  return (list, path) => {
    if (list.includes(path)) return list;
    if (list.length > 0) return [...list, path];
    let alone = shared.get(path);
    if (alone === undefined) shared.set(path, (alone = [path]));
    return alone;
  };
}

/** What a run gathered from one source. */
export interface SourceState {
  readonly source: SourceDecl;
  readonly aggregates: Aggregate[];
  /** `${contract}\0${period}` -> accumulators (by aggregate index) and the rows and inputs seen. */
  readonly groups: Map<string, GroupState>;
  readonly seenText: Map<string, Set<string>>;
  failed: boolean;
}

/**
 * Make the values of every contract not in `failed` from the sources' groups and hand each
 * contract id's to `sink`, in the order the ids first appear in `contracts`. Several contracts
 * may share an id (the versions of one contract, as `attain diff` asks): each period's record
 * holds the metrics any of them defines, each value computed once. The groups of an id are
 * deleted from `states` once its values are handed out.
 */
export function makeValues(sources: SourcesFile, contracts: readonly Contract[], states: ReadonlyMap<string, SourceState>, failed: ReadonlyMap<string, unknown>, sink: ValuesSink): void {
  // contract id -> the periods any source holds for it (one pass over the groups, not one per contract).
  const periodsOf = new Map<string, Set<string>>();
  for (const st of states.values()) {
    for (const key of st.groups.keys()) {
      const cut = key.indexOf('\u0000');
      const id = key.slice(0, cut);
      const set = periodsOf.get(id) ?? new Set<string>();
      periodsOf.set(id, set);
      set.add(key.slice(cut + 1));
    }
  }
  // The versions of each id together, ids in the order they first appear.
  const byId = new Map<string, Contract[]>();
  for (const c of contracts) {
    const id = c.id.value;
    if (failed.has(id)) continue;
    const list = byId.get(id);
    if (list === undefined) byId.set(id, [c]);
    else list.push(c);
  }
  const refs = refsMemo(states);
  for (const [id, versions] of byId) {
    const periods = new Map<string, Map<string, SourcedValue>>();
    const held = [...(periodsOf.get(id) ?? [])].sort();
    for (const c of versions) addContract(sources, c, held, refs, periods);
    sink(id, periods);
    // This id's groups are done: they die young instead of being carried to the end of the run.
    for (const period of held) for (const st of states.values()) st.groups.delete(`${id}\u0000${period}`);
    periodsOf.delete(id);
  }
}

/** A definition's aggregate as (source state, index into the state's aggregates). */
type Ref = { readonly a: Aggregate; readonly st: SourceState | undefined; readonly i: number };

/** Each definition's aggregates as refs, found once per definition. */
function refsMemo(states: ReadonlyMap<string, SourceState>): (def: { readonly aggregates: readonly Aggregate[] }) => readonly Ref[] {
  const refsOf = new Map<object, readonly Ref[]>();
  return (def) => {
    let r = refsOf.get(def);
    if (r === undefined) {
      r = def.aggregates.map((a) => {
        const st = states.get(a.source);
        return { a, st, i: st?.aggregates.findIndex((x) => x.key === a.key) ?? -1 };
      });
      refsOf.set(def, r);
    }
    return r;
  };
}

/**
 * An aggregate's values and a group's sorted inputs, made once per group however many metrics
 * read them (sessions, bounce_rate and avg_time_on_site all read sum(sessions)).
 */
interface Made {
  values: (Rational | undefined | null)[];
  inputs: readonly string[];
  provenance: (AggregateProvenance | undefined)[];
}

/** One contract's values for the periods its sources hold, added into `periods` (metrics already there are kept). */
function addContract(
  sources: SourcesFile,
  c: Contract,
  held: readonly string[],
  refs: (def: { readonly aggregates: readonly Aggregate[] }) => readonly Ref[],
  periods: Map<string, Map<string, SourcedValue>>,
): void {
  const id = c.id.value;
  const defs = [...c.metrics.keys()].flatMap((metric) => {
    const def = definitionFor(sources, id, metric);
    return def === undefined ? [] : [{ metric, def }];
  });
  // Per contract: another version of the id makes its own again.
  const made = new Map<GroupState, Made>();
  const madeFor = (g: GroupState): Made => {
    let m = made.get(g);
    if (m === undefined) {
      m = { values: g.accs.map(() => null), inputs: [...g.inputs].sort(), provenance: [] };
      made.set(g, m);
    }
    return m;
  };
  for (const period of held) {
    const record = periods.get(period) ?? new Map<string, SourcedValue>();
    const key = `${id}\u0000${period}`;
    for (const { metric, def } of defs) {
      if (record.has(metric)) continue;
      // The definition's aggregates for this contract and period (any missing: no value).
      const parts: (Rational | undefined)[] = [];
      const aggregates: AggregateProvenance[] = [];
      for (const { a, st, i } of refs(def)) {
        const g = st?.groups.get(key);
        if (g === undefined || i < 0) break;
        const m = madeFor(g);
        const acc = g.accs[i] as Accumulator;
        let v = m.values[i];
        if (v === null) v = m.values[i] = aggregateValue(acc, a);
        parts.push(v);
        aggregates.push((m.provenance[i] ??= { aggregate: a.text, source: a.source, rows: acc.rows, inputs: m.inputs }));
      }
      if (parts.length < def.aggregates.length) continue;
      const value = evaluateDefinition(def.expr, parts);
      if (value === undefined) continue;
      const provenance: ValueProvenance = { metric, definition: def.text, aggregates };
      record.set(metric, { value, span: def.span, provenance });
    }
    if (record.size > 0) periods.set(period, record);
  }
}
