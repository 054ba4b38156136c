// The monthly run's bounded queue of pending writes: at most `limit` at once, `add` waits while
// the queue is full (backpressure), and the first failure stops the queue and is reported.
import { describe, expect, it } from 'vitest';
import { writeQueue } from '../../../src/workspace/write-queue.js';

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve = (): void => undefined;
  let reject = (e: Error): void => void e;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('writeQueue', () => {
  it('runs at most `limit` tasks at once and makes add wait while full', async () => {
    const q = writeQueue(2);
    const gates = [deferred(), deferred(), deferred()];
    let running = 0;
    let most = 0;
    const task = (i: number) => async (): Promise<void> => {
      running++;
      most = Math.max(most, running);
      await gates[i]?.promise;
      running--;
    };
    await q.add(task(0));
    await q.add(task(1));
    let thirdStarted = false;
    const third = q.add(task(2)).then(() => (thirdStarted = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(thirdStarted).toBe(false);
    expect(q.pending()).toBe(2);
    gates[0]?.resolve();
    await third;
    expect(thirdStarted).toBe(true);
    gates[1]?.resolve();
    gates[2]?.resolve();
    await q.drain();
    expect(most).toBe(2);
    expect(q.pending()).toBe(0);
  });

  it('the first failure rejects drain and every later add, and starts nothing more', async () => {
    const q = writeQueue(3);
    const gate = deferred();
    await q.add(() => gate.promise);
    await q.add(() => Promise.reject(new Error('disk full')));
    await new Promise((r) => setTimeout(r, 5));
    let started = false;
    await expect(q.add(() => Promise.resolve(void (started = true)))).rejects.toThrow('disk full');
    expect(started).toBe(false);
    // drain still lets the task that is writing finish before it reports the failure.
    let finished = false;
    void gate.promise.then(() => (finished = true));
    setTimeout(() => gate.resolve(), 10);
    await expect(q.drain()).rejects.toThrow('disk full');
    expect(finished).toBe(true);
  });

  it('drain waits for tasks that are still writing', async () => {
    const q = writeQueue(4);
    const done: number[] = [];
    for (const i of [3, 1, 2]) await q.add(() => new Promise<void>((r) => setTimeout(() => (done.push(i), r()), i * 5)));
    await q.drain();
    expect(done.sort()).toEqual([1, 2, 3]);
  });
});
