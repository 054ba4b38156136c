// Pipeline for `attain invoice`: the run's manifest entries (one per contract on disk) kept as
// JSON text in the run's spool, not in the heap -> the entries back, one at a time, in id order.
import { byCodeUnits, entryFromJson, entryToJson, manifestPieces, type Manifest, type ManifestEntry } from './manifest.js';
import type { Spool, SpoolRef } from './spool.js';

/**
 * The entries of the manifest a run keeps up to date. Each committed contract's entry (five file
 * digests, three input digests, its summary row: about 1.2 KB of heap) waits in the spool as the
 * JSON the manifest and the journal write, so the run's live set does not grow with its contracts
 * (a reference and an id each). Entries are read back, one at a time, to checkpoint the manifest
 * and to build the summary.
 */
export interface EntryBook {
  readonly size: number;
  readonly get: (id: string) => ManifestEntry | undefined;
  readonly set: (entry: ManifestEntry) => void;
  readonly delete: (id: string) => void;
  /** Contract ids in code-unit order (the manifest's order). */
  readonly ids: () => string[];
  /** The manifest text, in pieces, with `head`'s period, finalized flag and sources. */
  readonly pieces: (head: Omit<Manifest, 'contracts'>) => Iterable<string>;
}

/** A book holding `entries` to begin with. */
export function entryBook(spool: Spool, entries: readonly ManifestEntry[]): EntryBook {
  const refs = new Map<string, SpoolRef>();
  const get = (id: string): ManifestEntry | undefined => {
    const ref = refs.get(id);
    return ref === undefined ? undefined : entryFromJson(JSON.parse(spool.getText(ref)) as Record<string, unknown>);
  };
  const set = (entry: ManifestEntry): void => {
    refs.set(entry.contract, spool.putText(JSON.stringify(entryToJson(entry))));
  };
  for (const e of entries) set(e);
  const ids = (): string[] => [...refs.keys()].sort(byCodeUnits);
  return {
    get size() {
      return refs.size;
    },
    get,
    set,
    delete: (id) => refs.delete(id),
    ids,
    pieces: (head) => manifestPieces({ ...head, contracts: lazyEntries(ids(), get) }),
  };
}

/** The entries of `ids`, each read when iterated (a checkpoint holds one at a time). */
function* lazyEntries(ids: readonly string[], get: (id: string) => ManifestEntry | undefined): Generator<ManifestEntry> {
  for (const id of ids) {
    const e = get(id);
    if (e !== undefined) yield e;
  }
}
