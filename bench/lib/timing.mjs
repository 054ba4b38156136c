// Timing helpers: interleaved rounds, medians, and a fresh loop per (engine, rule) so V8's
// feedback for one engine's calls never pollutes another's (every engine gets a monomorphic loop).

/** A loop `for i < n: out[i] = call(fn, data[i])`, compiled on its own (bench code only). */
export function freshLoop(kind) {
  const body = kind === 'evaluate' ? 'out[i] = fn.evaluate(data[i]);' : 'out[i] = fn(data[i]);';
   
  return new Function('fn', 'data', 'out', 'n', `for (let i = 0; i < n; i++) ${body}`);
}

export async function asyncLoop(fn, data, out, n) {
  for (let i = 0; i < n; i++) out[i] = await fn(data[i]);
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nanoseconds per call of `run` over n items. */
export async function timeIt(run, n) {
  const t0 = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - t0) / n;
}

export function fmtRate(nsPerOp) {
  const perSec = 1e9 / nsPerOp;
  return perSec >= 1e6 ? `${(perSec / 1e6).toFixed(2)} M/s` : perSec >= 1e3 ? `${(perSec / 1e3).toFixed(1)} k/s` : `${perSec.toFixed(0)} /s`;
}
