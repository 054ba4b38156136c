// Which contract a metric data file belongs to, and whether a file is metric data at all.
// Shared by `validate`, `evaluate` and the monthly run so all read a repository the same way.
import { basename, dirname, extname, relative } from 'node:path';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * A data file naming no contract belongs to the contract whose id is its file name
 * (`acme-smm.csv`) or the name of its directory (`acme-smm/metrics.yaml`).
 */
export function contractIdByName(path: string, isKnown: (id: string) => boolean): string | undefined {
  const stem = basename(path, extname(path));
  if (isKnown(stem)) return stem;
  const dir = basename(dirname(path));
  return isKnown(dir) ? dir : undefined;
}

/**
 * Whether a file is metric data rather than a contract or something else (an expected invoice):
 * YAML with a top-level `periods:` or `contracts:` and no `metrics:`/`kpis:`/`payments:`; JSON with
 * a top-level "periods" or "contracts" key; CSV whose header names a `period` column.
 * A cheap look before a full parse.
 */
export function looksLikeDataFile(path: string, text: string): boolean {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    return header.split(',').some((h) => h.trim().replace(/^"|"$/g, '') === 'period');
  }
  if (ext === '.json') return /^\s*\{[\s\S]*"(periods|contracts)"\s*:/.test(text) && !/"(metrics|kpis|payments)"\s*:/.test(text);
  const data = /^(periods|contracts)\s*:/m.test(text);
  const contract = /^(metrics|kpis|payments)\s*:/m.test(text);
  return data && !contract;
}

/** Files named in the W062 note; the rest are counted. */
const LISTED = 5;

/**
 * The one note (W062) for files found in data directory `dir` that are not metric data (a
 * contract, an expected invoice, unrelated JSON): they are skipped, not read as data, so they
 * cannot flood the run with data errors. Undefined when nothing was skipped.
 */
export function skippedDataNote(dir: string, skipped: readonly string[]): Diagnostic | undefined {
  const first = skipped[0];
  if (first === undefined) return undefined;
  const names = skipped.slice(0, LISTED).map((p) => relative(dir, p) || basename(p));
  const files = skipped.length > LISTED ? `${names.join(', ')} and ${skipped.length - LISTED} more` : names.join(', ');
  return diag('W062', { file: first, start: 0, end: 0 }, { count: skipped.length, dir, files });
}

/**
 * Whether a file found while walking for contracts is not one: metric data, or a sources file
 * (SPEC 9: `sources.yaml` lives in the same repository, often beside `contracts/`).
 */
export function isNotContractFile(path: string, text: string): boolean {
  return looksLikeDataFile(path, text) || (/\.ya?ml$/i.test(path) && isSourcesText(text));
}

/** Whether a YAML file is a sources file: a top-level `sources:` key and no `contract:`/`kpis:`. */
export function isSourcesText(text: string): boolean {
  return /^sources\s*:/m.test(text) && !/^(contract|kpis|payments)\s*:/m.test(text);
}
