// Sources, a run: SourcesFile + the run's contracts and periods -> exact metric values per
// contract and period, with provenance. Checks first (nothing is read when a definition is wrong);
// each source is read once for every contract (CSV and JSON exports by attain, Parquet by DuckDB,
// tables by their database); a contract whose sources fail is isolated from the others.
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, extname, relative } from 'node:path';
import { diag } from '../diagnostics/codes.js';
import { hasErrors, type Diagnostic, type Span } from '../diagnostics/diagnostic.js';
import { createSourceFile } from '../diagnostics/source.js';
import type { Contract, PeriodKind } from '../contract/model.js';
import { accumulate, matches, mergeAccumulators, newAccumulator, type Accumulator } from './aggregate.js';
import { checkColumns, definitionFor } from './check.js';
import type { SqlAnswer, SqlRequest, TextEngine } from './engines/engine.js';
import { ENGINE_TEXT_BYTES, engineTextWanted, readTextWithEngine, type EngineTextContext } from './engine-text.js';
import { inputsWith, makeValues, type ContractValues, type SourceState, type ValuesSink } from './make-values.js';
import type { Aggregate, SourceDecl, SourcesFile } from './model.js';
import type { InputProvenance } from './provenance.js';
import { contractsFromPath, expandGlob } from './read/glob.js';
import { readJsonSource } from './read/json-source.js';
import { filePieces } from './read/file-pieces.js';
import { readTextPieces, type DataRow, type FileRead, type SkipReason } from './read/text-source.js';
import { neededColumns, periodOfDate, periodRange, whereLiterals } from './run-support.js';
import { appendAll } from '../diagnostics/append-all.js';

/** What a run is asked for. */
export interface SourcesRequest {
  readonly sources: SourcesFile;
  /** The contracts to aggregate for; versions of one id may be given together. */
  readonly contracts: readonly Contract[];
  /** contract id -> periods wanted; absent: every period the sources hold. */
  readonly periods?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Paths in provenance are shown relative to this directory (default: the working directory). */
  readonly cwd?: string;
  /**
   * Text exports from this many bytes up are aggregated by DuckDB when the source allows it
   * (default ENGINE_TEXT_BYTES); the values, counts and findings are the same either way.
   */
  readonly engineTextBytes?: number;
  /**
   * When given, each contract id's values are handed here as soon as they are made (in the
   * order the ids first appear in `contracts`) and the result's `values` stays empty: a caller
   * that stores them elsewhere (the monthly run's spool) never holds every contract's at once.
   */
  readonly onValues?: ValuesSink;
}

export interface SourcesResult {
  /** contract id -> period -> metric -> value (contracts that failed are absent; empty with `onValues`). */
  readonly values: ReadonlyMap<string, ContractValues>;
  readonly inputs: readonly InputProvenance[];
  readonly queries: readonly string[];
  /** Findings that concern every contract (the sources file itself). */
  readonly diagnostics: readonly Diagnostic[];
  /** Contracts whose sources failed, with their findings. */
  readonly failed: ReadonlyMap<string, readonly Diagnostic[]>;
  /** Findings (warnings) about contracts that did not fail. */
  readonly warnings: ReadonlyMap<string, readonly Diagnostic[]>;
}

/** A SQL engine, loaded lazily by the caller that needs it (DuckDB, Postgres). */
export type SqlEngine = (request: SqlRequest) => Promise<SqlAnswer>;

export interface Engines {
  readonly duckdb: () => Promise<SqlEngine>;
  /** DuckDB for large text exports; without it, attain reads every text export itself. */
  readonly duckdbText?: () => Promise<TextEngine>;
  readonly postgres: (source: SourceDecl, sources: SourcesFile) => Promise<SqlEngine>;
}

const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);
/** Read by attain too: numbers from their text (DuckDB's JSON reader would make them doubles). */
const JSON_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson']);
const DUCKDB_EXTENSIONS = new Set(['.parquet']);

/** Run the sources for the request's contracts. */
export async function runSources(request: SourcesRequest, engines: Engines): Promise<SourcesResult> {
  const { sources } = request;
  const cwd = request.cwd ?? process.cwd();
  const shared: Diagnostic[] = [...checkColumns(sources)];
  const failed = new Map<string, Diagnostic[]>();
  const warnings = new Map<string, Diagnostic[]>();
  const fail = (id: string, d: readonly Diagnostic[]): void => {
    const errors = d.filter((x) => x.severity === 'error');
    const rest = d.filter((x) => x.severity !== 'error');
    if (rest.length > 0) warnings.set(id, [...(warnings.get(id) ?? []), ...rest]);
    if (errors.length > 0) failed.set(id, [...(failed.get(id) ?? []), ...errors]);
  };
  const empty = { values: new Map(), inputs: [], queries: [], failed, warnings };
  if (hasErrors(shared)) return { ...empty, diagnostics: shared };
  const byId = new Map(request.contracts.map((c) => [c.id.value, c]));

  // The aggregates each source must compute: those of the definitions of the contracts still in.
  const states = new Map<string, SourceState>();
  for (const c of request.contracts) {
    if (failed.has(c.id.value)) continue;
    for (const metric of c.metrics.keys()) {
      for (const a of definitionFor(sources, c.id.value, metric)?.aggregates ?? []) {
        const src = sources.sources.get(a.source);
        if (src === undefined) continue;
        let st = states.get(a.source);
        if (st === undefined) {
          st = { source: src, aggregates: [], groups: new Map(), seenText: new Map(), failed: false };
          states.set(a.source, st);
        }
        if (!st.aggregates.some((x) => x.key === a.key)) st.aggregates.push(a);
      }
    }
  }

  const inputs: InputProvenance[] = [];
  const queries: string[] = [];
  const base = dirname(sources.file.path);
  const withInput = inputsWith(new Map());
  for (const st of states.values()) {
    const users = request.contracts.filter((c) => !failed.has(c.id.value) && [...c.metrics.keys()].some((m) => definitionFor(sources, c.id.value, m)?.aggregates.some((a) => a.source === st.source.name) === true));
    const findings: Diagnostic[] = [];
    const resolveContract = (raw: string): string | undefined => {
      const id = st.source.map.get(raw) ?? raw;
      return byId.has(id) ? id : undefined;
    };
    const wantPeriod = (id: string, date: string | undefined): string | undefined => {
      const c = byId.get(id);
      if (c === undefined || date === undefined) return undefined;
      const p = periodOfDate(date, c.period.value);
      const wanted = request.periods?.get(id);
      return wanted === undefined || wanted.has(p) ? p : undefined;
    };
    const add = (id: string, period: string, path: string, row: DataRow): void => {
      const key = `${id}\u0000${period}`;
      let g = st.groups.get(key);
      if (g === undefined) {
        g = { accs: st.aggregates.map(() => newAccumulator()), rows: 0, inputs: [] };
        st.groups.set(key, g);
      }
      g.rows++;
      g.inputs = withInput(g.inputs, path);
      st.aggregates.forEach((a, i) => {
        if (a.where === undefined || matches(a.where, row.values)) accumulate(g.accs[i] as Accumulator, a, row.values, row.date);
      });
    };
    const origin = st.source.origin;
    if (origin.kind === 'files') {
      const files: string[] = [];
      for (const p of origin.patterns) {
        const found = expandGlob(base, p.value);
        if (found.length === 0) findings.push(diag('E096', p.span, { reason: `files: "${p.value}" matches no file (relative to ${base === '' ? '.' : base})` }));
        for (const f of found) if (!files.includes(f)) files.push(f);
      }
      const needed = neededColumns(st.source, st.aggregates);
      // The text columns `where` lists compare (for W090), with the values seen: found once, not per row.
      const seenColumns: [string, Set<string>][] = [];
      for (const [col, lits] of whereLiterals(st.aggregates)) {
        if (lits.size === 0) continue;
        const seen = st.seenText.get(col) ?? new Set<string>();
        st.seenText.set(col, seen);
        seenColumns.push([col, seen]);
      }
      const duck: string[] = [];
      for (const path of files) {
        const shown = relative(cwd, path) || path;
        const ext = extname(path).toLowerCase();
        const pathContract = st.source.contract.kind === 'path' ? pickContract(contractsFromPath(base, st.source.contract.pattern, path), resolveContract) : undefined;
        if (DUCKDB_EXTENSIONS.has(ext)) {
          duck.push(path);
          continue;
        }
        if (!TEXT_EXTENSIONS.has(ext) && !JSON_EXTENSIONS.has(ext)) {
          findings.push(diag('E096', origin.patterns[0]?.span ?? st.source.span, { reason: `${shown}: a source file is .csv, .tsv, .txt, .parquet, .json or .jsonl` }));
          continue;
        }
        const contractsHere = new Set<string>();
        let other = 0;
        let outside = 0;
        let undated = 0;
        const before = findings.length;
        // A row's contract: the source's fixed one, the file path's, or the raw cell's.
        const rule = st.source.contract;
        const contractOf = (raw: string): string | undefined =>
          rule.kind === 'value' ? resolveContract(rule.value) : rule.kind === 'path' ? (pathContract === undefined ? undefined : resolveContract(pathContract)) : resolveContract(raw);
        const sink = (row: DataRow): void => {
          const id = contractOf(row.contract ?? '');
          if (id === undefined) {
            other++;
            return;
          }
          if (row.date === undefined) {
            undated++;
            return;
          }
          const period = wantPeriod(id, row.date);
          if (period === undefined) {
            outside++;
            return;
          }
          for (const [col, seen] of seenColumns) {
            const v = row.values.get(col);
            if (v?.kind === 'text') seen.add(v.value);
          }
          contractsHere.add(id);
          add(id, period, shown, row);
        };
        // A large plain export is read and summed by DuckDB, when it reads it exactly as attain would.
        const ctx: EngineTextContext = {
          source: st.source,
          aggregates: st.aggregates,
          needed,
          files: files.length,
          resolve: contractOf,
          periodOf: (id, month) => wantPeriod(id, `${month}-01`),
        };
        const viaEngine =
          TEXT_EXTENSIONS.has(ext) && engines.duckdbText !== undefined && engineTextWanted(ctx, path, fileSize(path), request.engineTextBytes ?? ENGINE_TEXT_BYTES)
            ? await readTextWithEngine(engines.duckdbText, path, shown, ctx)
            : undefined;
        if (viaEngine !== undefined) {
          other += viaEngine.other;
          outside += viaEngine.outside;
          undated += viaEngine.undated;
          for (const [col, values] of viaEngine.seen) for (const v of values) st.seenText.get(col)?.add(v);
          for (const [key, g] of viaEngine.groups) {
            contractsHere.add(g.id);
            const into = st.groups.get(key);
            if (into === undefined) {
              st.groups.set(key, { accs: g.accs, rows: g.rows, inputs: withInput([], shown) });
              continue;
            }
            into.rows += g.rows;
            into.inputs = withInput(into.inputs, shown);
            mergeAccumulators(into.accs, g.accs, st.aggregates);
          }
        }
        let read: FileRead;
        let sha256: string;
        if (viaEngine !== undefined) {
          read = { rows: viaEngine.rows, skipped: viaEngine.skipped, headerCurrency: viaEngine.headerCurrency, headerSpan: viaEngine.headerSpan };
          sha256 = viaEngine.sha256;
        } else {
          // CSV is streamed in chunks (exports run to hundreds of MB); JSON is read whole.
          const hash = createHash('sha256');
          try {
            if (JSON_EXTENSIONS.has(ext)) {
              const bytes = readFileSync(path);
              hash.update(bytes);
              const file = createSourceFile(shown, new TextDecoder('utf-8', { fatal: true }).decode(bytes));
              read = readJsonSource(file, st.source, needed, sink, findings, ext !== '.json');
            } else {
              read = readTextPieces(shown, filePieces(path, hash), st.source, needed, sink, findings);
            }
          } catch (e) {
            // Unreadable or not UTF-8: the rows already summed are dropped with the contracts this fails.
            const reason = e instanceof TypeError ? 'not valid UTF-8 text' : (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((e as Error).message);
            findings.push(diag('E001', { file: shown, start: 0, end: 0 }, { path: shown, reason }));
            continue;
          }
          sha256 = hash.digest('hex');
        }
        if (undated > 0) findings.push(diag('E096', read.headerSpan ?? { file: shown, start: 0, end: 0 }, { reason: `${undated} row(s) of ${shown} have no date (source "${st.source.name}" places rows in periods by the column "${st.source.date?.value ?? '(none)'}")` }));
        const currencyFindings = checkHeaderCurrency(read.headerCurrency, st.aggregates, [...contractsHere].map((id) => byId.get(id) as Contract));
        appendAll(findings, currencyFindings);
        const skipped: Record<string, number> = {};
        for (const [reason, n] of [...read.skipped.entries()].sort()) skipped[reason] = n;
        if (other > 0) skipped['other-contract'] = other;
        if (outside > 0) skipped['other-period'] = outside;
        inputs.push({ source: st.source.name, path: shown, sha256, rows: read.rows, skipped });
        // A file of one contract (path rule) fails only that contract.
        if (pathContract !== undefined && findings.length > before) {
          const mine = findings.splice(before);
          const id = resolveContract(pathContract);
          if (id !== undefined) fail(id, mine);
        }
      }
      if (duck.length > 0) {
        const engine = await engines.duckdb();
        await runSql(st, engine, duck, users, request, inputs, queries, findings, cwd);
      }
    } else {
      try {
        const engine = await engines.postgres(st.source, sources);
        await runSql(st, engine, [], users, request, inputs, queries, findings, cwd);
      } catch (e) {
        findings.push(diag('E097', origin.connection.span, { reason: String((e as Error).message) }));
      }
    }
    // Values of a `where` list never seen in the column: a typo, or a channel with no traffic.
    // SPEC 9 warns of an *unknown* value: one of a preset column's known ids (`saved` of
    // yandex-metrica) is a channel without traffic this time, not a typo.
    for (const a of st.aggregates) {
      for (const [col, lits] of whereLiterals([a])) {
        const seen = st.seenText.get(col);
        if (seen === undefined || seen.size === 0) continue;
        const known = new Set(Object.values(st.source.columns.get(col)?.values ?? {}));
        for (const lit of lits.values()) {
          if (!seen.has(lit.value) && !known.has(lit.value)) findings.push(diag('W090', lit.span, { reason: `no row of source "${st.source.name}" has ${col} "${lit.value}"` }, { hint: `values seen: ${[...seen].sort().slice(0, 12).join(', ')}` }));
        }
      }
    }
    for (const c of users) fail(c.id.value, dedupe(findings));
  }

  const values = new Map<string, ContractValues>();
  makeValues(sources, request.contracts, states, failed, request.onValues ?? ((id, v) => values.set(id, v)));
  return { values, inputs, queries, diagnostics: shared, failed, warnings };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** The first candidate that names a contract of the run (the raw text, before `map:`). */
function pickContract(candidates: readonly string[], resolve: (raw: string) => string | undefined): string | undefined {
  return candidates.find((c) => resolve(c) !== undefined);
}

function dedupe(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.code}|${d.span.file}|${d.span.start}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A money column whose header states another currency than a contract's it feeds: E094 at the header. */
function checkHeaderCurrency(header: ReadonlyMap<string, { currency: string; span: Span }>, aggregates: readonly Aggregate[], contracts: readonly Contract[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const a of aggregates) {
    const h = a.column === undefined ? undefined : header.get(a.column);
    if (h === undefined) continue;
    for (const c of contracts) {
      if (h.currency === c.currency.value) continue;
      out.push(diag('E094', h.span, { reason: `the column "${a.column ?? ''}" is in ${h.currency}, but contract "${c.id.value}" is in ${c.currency.value}` }, { hint: `export the report in ${c.currency.value}, or invoice from another source` }));
    }
  }
  return out;
}

/** Ask a SQL engine for a source's groups and merge them into the source's state. */
async function runSql(
  st: SourceState,
  engine: SqlEngine,
  files: readonly string[],
  users: readonly Contract[],
  request: SourcesRequest,
  inputs: InputProvenance[],
  queries: string[],
  findings: Diagnostic[],
  cwd: string,
): Promise<void> {
  const kinds = new Set<PeriodKind>(users.map((c) => c.period.value));
  const label = files.length > 0 ? files.map((f) => relative(cwd, f) || f) : [`table:${st.source.origin.kind === 'table' ? st.source.origin.table.value : ''}`];
  const base = dirname(request.sources.file.path);
  const rule = st.source.contract;
  // A `{contract}` path pattern names one contract per file: one query per file.
  const batches: { files: readonly string[]; contract?: string }[] =
    rule.kind === 'path'
      ? files.map((f) => {
          const id = pickContract(contractsFromPath(base, rule.pattern, f), (raw) => (users.some((u) => u.id.value === (st.source.map.get(raw) ?? raw)) ? raw : undefined));
          return { files: [f], ...(id === undefined ? {} : { contract: id }) };
        })
      : [{ files }];
  let rows = 0;
  for (const kind of kinds) {
    const range = periodRange(users.filter((c) => c.period.value === kind).map((c) => request.periods?.get(c.id.value)), kind);
    for (const batch of batches) {
      if (rule.kind === 'path' && batch.contract === undefined) continue;
      const answer = await engine({ source: st.source, aggregates: st.aggregates, kind, files: batch.files, ...(range === undefined ? {} : range) });
      appendAll(queries, answer.queries);
      appendAll(findings, answer.diagnostics);
      for (const g of answer.groups) {
        const raw = rule.kind === 'value' ? rule.value : rule.kind === 'path' ? (batch.contract ?? '') : g.contract;
        const id = st.source.map.get(raw) ?? raw;
        const c = users.find((u) => u.id.value === id && u.period.value === kind);
        if (c === undefined) continue;
        const wanted = request.periods?.get(id);
        if (wanted !== undefined && !wanted.has(g.period)) continue;
        rows += g.rows;
        const shown = batch.files.length > 0 ? batch.files.map((f) => relative(cwd, f) || f) : label;
        st.groups.set(`${id}\u0000${g.period}`, { accs: [...g.accumulators], rows: g.rows, inputs: [...new Set(shown)] });
      }
    }
  }
  for (const path of label) {
    let sha256: string | undefined;
    const abs = files[label.indexOf(path)];
    if (abs !== undefined) {
      try {
        sha256 = createHash('sha256').update(readFileSync(abs)).digest('hex');
      } catch {
        sha256 = undefined;
      }
    }
    inputs.push({ source: st.source.name, path, ...(sha256 === undefined ? {} : { sha256 }), rows: files.length > 1 ? 0 : rows, skipped: {} });
  }
}

export type { SkipReason };
export type { ContractValues, SourcedValue, ValuesSink } from './make-values.js';
