// attain in the bench: the five rules as defines of one contract, checked and compiled once;
// client-months bound to metric data (exact, from decimal text) and turned into evaluation frames.
// `lib` is attain's library (dist/ for `npm run bench`, src/ under vitest), see attain-lib.mjs.

export const RULES_CONTRACT = `contract: bench-rules
version: 1
currency: RUB
effective: { from: 2026-01 }
metrics:
  sessions: count
  bounce_rate: percent
  avg_time_on_site: duration
  direct_sessions: count
  leads: count
  likes: count
  comments: count
  shares: count
  reach: count
  followers: count
  ad_spend: money
define:
  r1: bounce_rate < 20% and avg_time_on_site >= 2 min
  r2: direct_sessions / sessions >= 60%
  r3: (likes + comments + shares) / reach >= 5%
  r4: if bounce_rate < 20% and avg_time_on_site >= 2 min then min(leads * 500 RUB, 150000 RUB) else 0 RUB
  r5: growth(followers) >= 10%
`;

export const RULE_IDS = ['r1', 'r2', 'r3', 'r4', 'r5'];

/** Load and check contract text; throws on any error (bench inputs are known good). */
export function checkText(lib, text, path = 'bench.yaml') {
  const loaded = lib.loadContract(lib.createSourceFile(path, text));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (loaded.value === undefined || errors.length > 0) throw new Error(`bench contract: ${errors.map((d) => d.message).join('; ')}`);
  const checked = lib.checkContract(loaded.value);
  if (checked.value === undefined) throw new Error(`bench contract: ${checked.diagnostics.map((d) => d.message).join('; ')}`);
  return { contract: loaded.value, program: lib.compileProgram(checked.value) };
}

const NOWHERE = { file: 'data', start: 0, end: 0 };

function rawRecord(entries) {
  const m = new Map();
  for (const [k, v] of entries) m.set(k, { value: v, source: v, span: NOWHERE, keySpan: NOWHERE });
  return m;
}

/** A client-month's raw periods: 2026-09 (followers only) and 2026-10 (everything). */
export function rawPeriods(text, metrics) {
  const current = metrics.filter((m) => text[m] !== undefined).map((m) => [m, text[m]]);
  return [
    { period: '2026-09', record: rawRecord([['followers', text.followers_prev]]), span: NOWHERE },
    { period: '2026-10', record: rawRecord(current), span: NOWHERE },
  ];
}

/** Bind a client-month to `contract` (exact values from the decimal text). */
export function bindClientMonth(lib, contract, text) {
  const bound = lib.bindData(contract, rawPeriods(text, [...contract.metrics.keys()]), 'bench');
  if (bound.value === undefined || bound.diagnostics.some((d) => d.severity === 'error')) {
    throw new Error(`bench data: ${bound.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return bound.value;
}

/**
 * The compiled rules and one evaluation frame per client-month (the frame is what compiled
 * closures read: metric slots of the period and the one before).
 */
export function prepareAttainRules(lib, records) {
  const { contract, program } = checkText(lib, RULES_CONTRACT);
  const byName = new Map(program.defines.map((d) => [d.name, d.compiled]));
  const rules = RULE_IDS.map((id) => byName.get(id));
  const frames = records.map((rec) => {
    const series = bindClientMonth(lib, contract, rec.text);
    const evaluated = lib.evaluatePeriod(program, series, '2026-10');
    if (evaluated.value === undefined) throw new Error('bench: evaluation failed');
    return evaluated.value.context;
  });
  return { rules, frames };
}
