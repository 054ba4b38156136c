// A cheap process.env while yaml's parser runs. yaml 2.x reads `process.env.LOG_TOKENS` once per
// token (a debug switch). process.env is not a plain object: every read goes through an
// interceptor into the C environment (about 150 ns), which for a 2.6 KB contract (about 930
// tokens) was 0.14 ms, a fifth of its parse. The parse is synchronous and runs only yaml's code,
// so for its duration process.env is a plain object holding the two switches yaml reads; the real
// one is put back before anything else can run.

/**
 * Run `parse` (synchronous yaml code only) with a plain-object process.env. If process.env cannot
 * be replaced here, `parse` runs as it is.
 */
export function withPlainEnv<T>(parse: () => T): T {
  const real = process.env;
  const plain: NodeJS.ProcessEnv = { LOG_TOKENS: real['LOG_TOKENS'], LOG_STREAM: real['LOG_STREAM'] };
  if (!Reflect.set(process, 'env', plain)) return parse();
  try {
    return parse();
  } finally {
    process.env = real;
  }
}
