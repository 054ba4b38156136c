// Report support: the texts of a few immutable values (a line's unit price, a constant of the
// compiled program) remembered by object identity -> the same text without formatting it again.

/**
 * The last `size` texts made, by the identity of the value they were made of. A constant of the
 * compiled program (a price written in the contract) is one object on every evaluation, so it is
 * written once; a value made per evaluation costs a miss (a few comparisons), never a WeakMap
 * entry per call. Values must be immutable (Rational, bigint-backed money values are).
 */
export interface IdentityMemo<K extends object> {
  /** The text of `key`: remembered, or `make(key)` remembered now. */
  text(key: K, make: (key: K) => string): string;
}

/** A memo of `size` entries (replaced round-robin); holds its keys strongly until replaced. */
export function identityMemo<K extends object>(size = 4): IdentityMemo<K> {
  const keys: (K | undefined)[] = new Array<K | undefined>(size).fill(undefined);
  const texts: string[] = new Array<string>(size).fill('');
  let next = 0;
  return {
    text(key, make) {
      for (let i = 0; i < size; i++) if (keys[i] === key) return texts[i] as string;
      const text = make(key);
      keys[next] = key;
      texts[next] = text;
      next = (next + 1) % size;
      return text;
    },
  };
}
