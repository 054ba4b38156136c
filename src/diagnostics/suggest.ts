// "Did you mean" suggestions by edit distance over the names in scope.

/**
 * Damerau-Levenshtein (optimal string alignment) distance. Three rolling rows of a typed array:
 * no matrix is allocated (validate may ask for a suggestion for each of tens of thousands of keys).
 */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let before = new Int32Array(n + 1); // row i - 2
  let prev = new Int32Array(n + 1); // row i - 1
  let row = new Int32Array(n + 1); // row i
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    row[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      row[j] = v;
    }
    [before, prev, row] = [prev, row, before];
  }
  return prev[n]!;
}

/**
 * The closest candidate to `name`, if it is close enough to be a plausible typo
 * (distance at most a third of the name's length, minimum 1). Ties go to the first in sorted order.
 */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > 200) return undefined;
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of [...candidates].sort()) {
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const dist = editDistance(name.toLowerCase(), c.toLowerCase());
    if (dist <= limit && dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}
