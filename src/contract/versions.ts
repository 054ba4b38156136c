// Stage 3b (contract model): the versions of one contract id -> their ordered effective ranges
// (contiguous, non-overlapping), the contract's start, and the version in force for a period.
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Contract, PeriodKind } from './model.js';
import { periodOrdinal } from './period.js';

/** Every version of one contract id, ordered by `effective.from` (earliest first). */
export interface ContractVersions<T extends { readonly contract: Contract }> {
  readonly id: string;
  readonly kind: PeriodKind;
  /** The first period of the earliest version: `period.index` 1 and grace windows count from here. */
  readonly start: string;
  readonly versions: readonly T[];
}

function ord(key: string, kind: PeriodKind): number {
  return periodOrdinal(key, kind) ?? 0;
}

/**
 * Order the versions of one id and check that they fit together: distinct `version:` numbers
 * rising with `effective.from`, one period kind, every version but the last with `until`, and the
 * next one starting the period after (no overlap: E037, no gap: E038, the rest: E039). Every
 * finding names both files. The versions are returned even with findings (callers fail the id).
 */
export function orderVersions<T extends { readonly contract: Contract }>(entries: readonly T[]): { value: ContractVersions<T>; diagnostics: Diagnostic[] } {
  const first = entries[0];
  if (first === undefined) throw new RangeError('orderVersions needs at least one contract');
  const kind = first.contract.period.value;
  const sorted = [...entries].sort((a, b) => ord(a.contract.effective.from.value, kind) - ord(b.contract.effective.from.value, kind) || a.contract.version.value - b.contract.version.value);
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<number, Contract>();
  for (const { contract: c } of sorted) {
    const twin = seen.get(c.version.value);
    if (twin !== undefined) {
      diagnostics.push(diag('E056', c.id.span, { id: c.id.value, other: twin.file.path }, { hint: `two files carry version ${c.version.value}; bump the version of the amendment`, labels: [{ span: twin.version.span, message: `version ${c.version.value} here` }] }));
    }
    seen.set(c.version.value, c);
    if (c.period.value !== kind) {
      diagnostics.push(diag('E039', c.period.span, { id: c.id.value, reason: `period: ${c.period.value} here but ${kind} in ${first.contract.file.path}` }));
    }
  }
  const value = { id: first.contract.id.value, kind, start: (sorted[0] as T).contract.effective.from.value, versions: sorted };
  // Ranges of different period kinds cannot be compared: the kind is the finding.
  if (diagnostics.some((d) => d.code === 'E039')) return { value, diagnostics };
  for (let i = 1; i < sorted.length; i++) {
    const prev = (sorted[i - 1] as T).contract;
    const next = (sorted[i] as T).contract;
    if (prev.version.value === next.version.value) continue;
    const both = { labels: [{ span: prev.effective.until?.span ?? prev.effective.from.span, message: `version ${prev.version.value} ends here` }] };
    if (next.version.value < prev.version.value) {
      diagnostics.push(diag('E039', next.version.span, { id: next.id.value, reason: `version ${next.version.value} starts after version ${prev.version.value} (${prev.file.path}); versions must rise with effective.from` }, both));
      continue;
    }
    const until = prev.effective.until;
    const from = next.effective.from;
    if (until === undefined) {
      diagnostics.push(diag('E037', from.span, { id: next.id.value, reason: `version ${next.version.value} starts ${from.value} but version ${prev.version.value} (${prev.file.path}) has no effective.until` }, { ...both, hint: `end version ${prev.version.value} with until: the period before ${from.value}` }));
      continue;
    }
    const gap = ord(from.value, kind) - ord(until.value, kind);
    if (gap <= 0) {
      diagnostics.push(diag('E037', from.span, { id: next.id.value, reason: `version ${next.version.value} starts ${from.value}, inside version ${prev.version.value} (${prev.file.path}, until ${until.value})` }, both));
    } else if (gap > 1) {
      diagnostics.push(diag('E038', from.span, { id: next.id.value, reason: `version ${next.version.value} starts ${from.value} but version ${prev.version.value} (${prev.file.path}) ends ${until.value}: the periods between are in no version` }, both));
    }
  }
  return { value, diagnostics };
}

/** The version whose effective range holds `period`, or undefined (before the start, after the end, or not a period of the kind). */
export function versionInForce<T extends { readonly contract: Contract }>(v: ContractVersions<T>, period: string): T | undefined {
  const at = periodOrdinal(period, v.kind);
  if (at === undefined) return undefined;
  for (const entry of v.versions) {
    const e = entry.contract.effective;
    if (at < ord(e.from.value, v.kind)) continue;
    if (e.until !== undefined && at > ord(e.until.value, v.kind)) continue;
    return entry;
  }
  return undefined;
}

/** Group entries by contract id, keeping the first-seen order of ids. */
export function groupById<T extends { readonly contract: Contract }>(entries: readonly T[]): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const e of entries) by.set(e.contract.id.value, [...(by.get(e.contract.id.value) ?? []), e]);
  return by;
}

/**
 * The versions of one contract id as `validate` and the editor check them: one contract is its
 * own version; several are ordered (orderVersions) with their findings (E037-E039, E056 for two
 * files with one version number). Entries keep the order given for ties, so give them in file order.
 */
export function checkVersions(contracts: readonly Contract[]): { value: readonly Contract[]; diagnostics: Diagnostic[] } {
  if (contracts.length < 2) return { value: contracts, diagnostics: [] };
  const ordered = orderVersions(contracts.map((contract) => ({ contract })));
  return { value: ordered.value.versions.map((v) => v.contract), diagnostics: ordered.diagnostics };
}

/**
 * The version a data period is checked against (validate, the editor): the one in force for it, else the nearest (the
 * first before the contract's start, the last after the end or in a gap).
 */
export function nearestVersion(versions: readonly Contract[], period: string): Contract | undefined {
  const first = versions[0];
  if (first === undefined || versions.length === 1) return first;
  const set = { id: first.id.value, kind: first.period.value, start: first.effective.from.value, versions: versions.map((contract) => ({ contract })) };
  const inForce = versionInForce(set, period)?.contract;
  if (inForce !== undefined) return inForce;
  return ord(period, set.kind) < ord(set.start, set.kind) ? first : versions.at(-1);
}
