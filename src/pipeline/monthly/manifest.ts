// Pipeline for `attain invoice`, the output directory's manifest: what is on disk (per contract:
// inputs, status, file digests, issued or not, corrections) <-> manifest.json text.
import type { SummaryRow } from '../../report/summary.js';

export const MANIFEST_FILE = 'manifest.json';

/** The manifest's order of contract ids (and the run's of ids and paths): by UTF-16 code units, as `<` compares, whatever the locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A correction written for an issued contract (`<out>/<contract>/corrections/<name>.{json,md}`). */
export interface CorrectionRecord {
  readonly name: string;
  /** The inputs the correction's new amounts were computed from. */
  readonly inputs_sha256: string;
  /** File name -> sha-256 of its bytes. */
  readonly files: Readonly<Record<string, string>>;
}

/** One contract as it is on disk. */
export interface ManifestEntry {
  readonly contract: string;
  readonly contract_sha256: string | null;
  readonly data_sha256: string | null;
  readonly inputs_sha256: string;
  readonly status: SummaryRow['status'];
  /** Marked by `--finalize`: the files are issued documents and are never written again. */
  readonly issued: boolean;
  /** File name -> sha-256 of the bytes in `<out>/<contract>/` (empty: no directory). */
  readonly files: Readonly<Record<string, string>>;
  /** The summary row of the run that wrote the files (kept for contracts a later run leaves alone). */
  readonly row: SummaryRow;
  readonly corrections: readonly CorrectionRecord[];
}

/** What an output directory holds: the period, whether it is finalized, and every contract. */
export interface Manifest {
  readonly period: string;
  readonly finalized: boolean;
  /** Sorted by contract id (code-unit order). */
  readonly contracts: readonly ManifestEntry[];
  /** With --sources: the sources file, every file or table read (with digests) and every query of the last run. */
  readonly sources?: ManifestSources;
}

export interface ManifestSources {
  readonly file: string;
  readonly sha256: string;
  readonly inputs: readonly { readonly source: string; readonly path: string; readonly sha256: string | null; readonly rows: number }[];
  readonly queries: readonly string[];
}

type RowJson = Omit<SummaryRow, 'total'> & { total?: { minor: string; currency: string; digits: number } };

function rowToJson(r: SummaryRow): RowJson {
  const { total, ...rest } = r;
  return total === undefined ? rest : { ...rest, total: { minor: total.minor.toString(), currency: total.currency, digits: total.digits } };
}

function rowFromJson(r: RowJson): SummaryRow {
  const { total, ...rest } = r;
  return total === undefined ? rest : { ...rest, total: { minor: BigInt(total.minor), currency: total.currency, digits: total.digits } };
}

/** One entry as JSON (fixed key order); also the form the journal records. */
export function entryToJson(c: ManifestEntry): Record<string, unknown> {
  return {
    contract: c.contract,
    contract_sha256: c.contract_sha256,
    data_sha256: c.data_sha256,
    inputs_sha256: c.inputs_sha256,
    status: c.status,
    issued: c.issued,
    files: c.files,
    corrections: c.corrections.map((k) => ({ name: k.name, inputs_sha256: k.inputs_sha256, files: k.files })),
    row: rowToJson(c.row),
  };
}

/** Canonical manifest text (fixed key order; entries sorted by contract id). */
export function renderManifest(m: Manifest): string {
  const json = { manifest: 'attain invoice', version: 2, period: m.period, finalized: m.finalized, contracts: m.contracts.map(entryToJson), ...(m.sources === undefined ? {} : { sources: m.sources }) };
  return JSON.stringify(json, null, 2) + '\n';
}

/**
 * The same text as `renderManifest`, in pieces of about one entry each, to be written as they
 * come: no JSON tree of every entry and no string (nor buffer) of the whole manifest, about
 * 1.2 KB per contract each, while the manifest of 10 000 contracts is checkpointed.
 * `JSON.stringify(x, null, 2)` of an entry, its lines indented by four spaces, is that entry's
 * text in the whole (JSON text has no newline inside a string).
 */
export function* manifestPieces(m: Omit<Manifest, 'contracts'> & { readonly contracts: Iterable<ManifestEntry> }): Generator<string> {
  yield `{\n  "manifest": "attain invoice",\n  "version": 2,\n  "period": ${JSON.stringify(m.period)},\n  "finalized": ${JSON.stringify(m.finalized)},\n  "contracts": [`;
  let first = true;
  for (const c of m.contracts) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(entryToJson(c), null, 2).replaceAll('\n', '\n    ')}`;
    first = false;
  }
  yield first ? ']' : '\n  ]';
  if (m.sources !== undefined) yield `,\n  "sources": ${JSON.stringify(m.sources, null, 2).replaceAll('\n', '\n  ')}`;
  yield '\n}\n';
}

const str = (x: unknown): string | null => (typeof x === 'string' ? x : null);
const record = (x: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (typeof x !== 'object' || x === null) return out;
  for (const [k, v] of Object.entries(x)) if (typeof v === 'string') out[k] = v;
  return out;
};

/**
 * Read a manifest (version 2, or version 1 written before finalizing existed: its entries count
 * as invoiced, not issued, with unknown files). Undefined when the text is not a manifest.
 */
export function parseManifest(text: string): Manifest | undefined {
  try {
    const v = JSON.parse(text) as { manifest?: unknown; period?: unknown; finalized?: unknown; contracts?: unknown };
    if (v.manifest !== 'attain invoice' || typeof v.period !== 'string' || !Array.isArray(v.contracts)) return undefined;
    const contracts: ManifestEntry[] = [];
    for (const c of v.contracts as Record<string, unknown>[]) {
      const entry = entryFromJson(c);
      if (entry === undefined) return undefined;
      contracts.push(entry);
    }
    return { period: v.period, finalized: v.finalized === true, contracts };
  } catch {
    return undefined;
  }
}

/** An entry from its JSON (undefined when it has no contract id). */
export function entryFromJson(c: Record<string, unknown>): ManifestEntry | undefined {
  if (typeof c['contract'] !== 'string') return undefined;
  const status: SummaryRow['status'] = c['status'] === 'failed' || c['status'] === 'skipped' ? c['status'] : 'ok';
  const row: SummaryRow = typeof c['row'] === 'object' && c['row'] !== null ? rowFromJson(c['row'] as RowJson) : { contract: c['contract'], status, errors: [] };
  const corrections = Array.isArray(c['corrections'])
    ? (c['corrections'] as Record<string, unknown>[]).map((k) => ({ name: str(k['name']) ?? '', inputs_sha256: str(k['inputs_sha256']) ?? '', files: record(k['files']) }))
    : [];
  return {
    contract: c['contract'],
    contract_sha256: str(c['contract_sha256']),
    data_sha256: str(c['data_sha256']),
    inputs_sha256: str(c['inputs_sha256']) ?? '',
    status,
    issued: c['issued'] === true,
    files: record(c['files']),
    row,
    corrections,
  };
}

/** The inputs a contract's documents on disk reflect: its last correction's, else its own. */
export function currentInputs(e: ManifestEntry): string {
  return e.corrections.at(-1)?.inputs_sha256 ?? e.inputs_sha256;
}

/** Replace (or add) one entry, keeping the order by contract id. */
export function withEntry(m: Manifest, entry: ManifestEntry): Manifest {
  const rest = m.contracts.filter((c) => c.contract !== entry.contract);
  const contracts = [...rest, entry].sort((a, b) => byCodeUnits(a.contract, b.contract));
  return { ...m, contracts };
}

/** Remove one entry. */
export function withoutEntry(m: Manifest, id: string): Manifest {
  return { ...m, contracts: m.contracts.filter((c) => c.contract !== id) };
}
