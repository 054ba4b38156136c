// Which contract a metric data file belongs to, and whether a file is metric data at all.
// Shared by `validate` and the monthly run so both read a repository the same way.
import { basename, dirname, extname } from 'node:path';

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

/** Whether a YAML file is a sources file: a top-level `sources:` key and no `contract:`/`kpis:`. */
export function isSourcesText(text: string): boolean {
  return /^sources\s*:/m.test(text) && !/^(contract|kpis|payments)\s*:/m.test(text);
}
