// Pipeline for `attain invoice`, output: the manifest guard and the atomic writing of every
// contract's files and the run's summary into the output directory (bytes -> disk).
import { renderSummaryXlsx } from '../../report/xlsx/summary-xlsx.js';
import { mkdir, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../workspace/atomic-write.js';
import { renderSummaryCsv, renderSummaryJson, type RunSummary } from '../../report/summary.js';
import { INVOICE_FILES, type ContractOutcome, type InputDigests } from './monthly-run.js';

export const MANIFEST_FILE = 'manifest.json';
export const SUMMARY_FILES = ['summary.csv', 'summary.json', 'summary.xlsx'] as const;

/** Ids safe as a directory name (the schema's contract id pattern). */
const SAFE_ID = /^[a-z][a-z0-9-]*$/;

export interface ManifestEntry extends InputDigests {
  readonly contract: string;
}

/** What an output directory was computed from: the period and each contract's input digests. */
export interface Manifest {
  readonly period: string;
  readonly contracts: readonly ManifestEntry[];
  /** With --sources: the sources file, every file or table read (with digests) and every query. */
  readonly sources?: {
    readonly file: string;
    readonly sha256: string;
    readonly inputs: readonly { readonly source: string; readonly path: string; readonly sha256: string | null; readonly rows: number }[];
    readonly queries: readonly string[];
  };
}

/** Canonical manifest text (entries in the given order, which is sorted by contract id). */
export function renderManifest(m: Manifest): string {
  const json = {
    manifest: 'attain invoice',
    version: 1,
    period: m.period,
    contracts: m.contracts.map((c) => ({ contract: c.contract, contract_sha256: c.contract_sha256, data_sha256: c.data_sha256 })),
    ...(m.sources === undefined ? {} : { sources: m.sources }),
  };
  return JSON.stringify(json, null, 2) + '\n';
}

function parseManifest(text: string): Manifest | undefined {
  try {
    const v = JSON.parse(text) as { period?: unknown; contracts?: unknown };
    if (typeof v.period !== 'string' || !Array.isArray(v.contracts)) return undefined;
    const contracts: ManifestEntry[] = [];
    for (const c of v.contracts as { contract?: unknown; contract_sha256?: unknown; data_sha256?: unknown }[]) {
      if (typeof c.contract !== 'string') return undefined;
      const sha = (x: unknown): string | null => (typeof x === 'string' ? x : null);
      contracts.push({ contract: c.contract, contract_sha256: sha(c.contract_sha256), data_sha256: sha(c.data_sha256) });
    }
    return { period: v.period, contracts };
  } catch {
    return undefined;
  }
}

/** A one-line account of how two manifests differ, for the refusal message. */
function describeDifference(old: Manifest, now: Manifest): string {
  if (old.period !== now.period) return `it holds period ${old.period}, this run is ${now.period}`;
  const before = new Map(old.contracts.map((c) => [c.contract, c] as const));
  const after = new Map(now.contracts.map((c) => [c.contract, c] as const));
  const changed = now.contracts.filter((c) => {
    const o = before.get(c.contract);
    return o !== undefined && (o.contract_sha256 !== c.contract_sha256 || o.data_sha256 !== c.data_sha256);
  });
  const parts: string[] = [];
  const list = (ids: string[]): string => (ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', '));
  if (changed.length > 0) parts.push(`different inputs for ${list(changed.map((c) => c.contract))}`);
  const added = now.contracts.filter((c) => !before.has(c.contract)).map((c) => c.contract);
  const removed = old.contracts.filter((c) => !after.has(c.contract)).map((c) => c.contract);
  if (added.length > 0) parts.push(`new contracts ${list(added)}`);
  if (removed.length > 0) parts.push(`contracts no longer in the run ${list(removed)}`);
  return parts.length > 0 ? parts.join('; ') : 'its manifest differs';
}

/** The outcome of inspecting the output directory before a run. */
export type OutputCheck =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'same' }
  | { readonly kind: 'replace'; readonly previous?: Manifest }
  | { readonly kind: 'refuse'; readonly message: string };

/**
 * May the run write into `out`? Missing or empty: fresh. A manifest with the same text: same
 * inputs, rewrite silently. A different manifest, or files but no manifest: refuse unless `force`.
 */
export async function checkOutputDir(out: string, manifest: Manifest, force: boolean): Promise<OutputCheck> {
  let entries: string[];
  try {
    if (!(await stat(out)).isDirectory()) return { kind: 'refuse', message: `--out ${out} exists and is not a directory` };
    entries = await readdir(out);
  } catch {
    return { kind: 'fresh' };
  }
  if (entries.length === 0) return { kind: 'fresh' };
  const text = entries.includes(MANIFEST_FILE) ? await readFile(join(out, MANIFEST_FILE), 'utf8').catch(() => undefined) : undefined;
  if (text === renderManifest(manifest)) return { kind: 'same' };
  const previous = text === undefined ? undefined : parseManifest(text);
  if (force) return { kind: 'replace', ...(previous === undefined ? {} : { previous }) };
  const why = previous === undefined ? 'it holds files but no readable manifest.json' : describeDifference(previous, manifest);
  return { kind: 'refuse', message: `--out ${out} holds invoices from different inputs (${why}); use another directory, or --force to replace them` };
}

/** How files are written; injectable so tests can interrupt a run midway. */
export interface OutputWriter {
  readonly writeFile: (path: string, content: string | Uint8Array) => Promise<void>;
}

export const ATOMIC_WRITER: OutputWriter = { writeFile: (path, content) => writeFileAtomic(path, content) };

/** Remove the invoice files of one contract (only the names this command writes), then the directory if empty. */
async function removeContractFiles(out: string, id: string): Promise<void> {
  if (!SAFE_ID.test(id)) return;
  const dir = join(out, id);
  for (const name of INVOICE_FILES) await rm(join(dir, name), { force: true });
  await rmdir(dir).catch(() => undefined);
}

export interface MonthlyOutput {
  readonly manifest: Manifest;
  readonly check: OutputCheck;
  /** Sorted by contract id. */
  readonly outcomes: readonly ContractOutcome[];
  readonly summary: RunSummary;
}

/**
 * Write the run: the manifest first (so an interrupted run is recognised as the same inputs and
 * simply rerun), then each contract's files (a failed contract's stale files are removed), then
 * the summary last. Every file is atomic; if writing a contract's files fails midway, the files
 * of that contract already written are removed before the error is rethrown.
 */
export async function writeMonthlyOutput(out: string, run: MonthlyOutput, writer: OutputWriter = ATOMIC_WRITER): Promise<void> {
  await mkdir(out, { recursive: true });
  if (run.check.kind === 'replace') {
    for (const name of SUMMARY_FILES) await rm(join(out, name), { force: true });
    const now = new Set(run.outcomes.map((o) => o.id));
    for (const old of run.check.previous?.contracts ?? []) if (!now.has(old.contract)) await removeContractFiles(out, old.contract);
  }
  await writer.writeFile(join(out, MANIFEST_FILE), renderManifest(run.manifest));
  for (const outcome of run.outcomes) {
    if (outcome.files.length === 0 || !SAFE_ID.test(outcome.id)) {
      await removeContractFiles(out, outcome.id);
      continue;
    }
    const dir = join(out, outcome.id);
    await mkdir(dir, { recursive: true });
    try {
      for (const f of outcome.files) await writer.writeFile(join(dir, f.name), f.content);
    } catch (e) {
      await removeContractFiles(out, outcome.id).catch(() => undefined);
      throw e;
    }
  }
  await writer.writeFile(join(out, 'summary.csv'), renderSummaryCsv(run.summary));
  await writer.writeFile(join(out, 'summary.json'), renderSummaryJson(run.summary));
  await writer.writeFile(join(out, 'summary.xlsx'), renderSummaryXlsx(run.summary));
}
