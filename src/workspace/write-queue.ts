// Output support for the monthly run (stage 9, bytes -> disk): a bounded queue of pending writes,
// so the next contract is evaluated while the last ones are written, and evaluation waits when disk lags.

/** Tasks (each a chain of writes) running at once, at most `limit`; the first failure is kept. */
export interface WriteQueue {
  /**
   * Start `task` as soon as fewer than `limit` tasks are pending (backpressure: the promise
   * resolves once it has started). Rejects with the first failure of any task, and then starts nothing.
   */
  readonly add: (task: () => Promise<void>) => Promise<void>;
  /** Wait for every task added so far; rejects with the first failure. */
  readonly drain: () => Promise<void>;
  /** Tasks started and not yet finished. */
  readonly pending: () => number;
}

/** A queue running at most `limit` (>= 1) tasks at once. */
export function writeQueue(limit: number): WriteQueue {
  const running = new Set<Promise<void>>();
  let failure: { readonly error: unknown } | undefined;
  const check = (): void => {
    if (failure !== undefined) throw failure.error;
  };
  return {
    add: async (task) => {
      check();
      while (running.size >= Math.max(1, limit)) {
        await Promise.race(running);
        check();
      }
      const settled: Promise<void> = task()
        .catch((e: unknown) => {
          failure ??= { error: e };
        })
        .finally(() => running.delete(settled));
      running.add(settled);
    },
    drain: async () => {
      while (running.size > 0) await Promise.all([...running]);
      check();
    },
    pending: () => running.size,
  };
}
