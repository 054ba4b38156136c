// Support for every stage: append one list to another without spreading it into call arguments.
// Input: two arrays; output: the first, grown. (`a.push(...b)` overflows the stack past ~100 000 items.)

/**
 * Append every item of `items` to `target`, in order. Findings and file lists grow with untrusted
 * input (a data file can hold hundreds of thousands of bad values); `target.push(...items)` passes
 * each item as a call argument and throws a RangeError ("Maximum call stack size exceeded") for a
 * long list, so lists of unbounded length are appended with a loop instead.
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i] as T);
  return target;
}
