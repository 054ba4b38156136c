// `npm run bench:library`: attain through its public API only (`import('attain')`, the build in
// dist/) against hand-written JS, filtrex and cel-js, side by side in one process on the same
// seeded records as plain JS numbers: R1-R5 on the bench data (3-digit rates), the same on
// full-precision doubles (GA4-style rates like 0.12345678901234568), a whole client-month of the
// SPEC contract from plain objects, and the time to import each package. Prints Markdown and
// writes bench/results/library.json. `--quick`: small sizes, one round; `--no-rules`: skip R1-R5.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDistLib } from './lib/attain-lib.mjs';
import { bindClientMonth, checkText } from './lib/attain.mjs';
import { generateClientMonths, prng, SEED } from './lib/data.mjs';
import { handMonth } from './lib/hand-month.mjs';
import { HAND, peerEngines } from './lib/rules.mjs';
import { fmtRate, freshLoop, median, timeIt } from './lib/timing.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.argv.includes('--quick');
/** `--no-rules`: only the client-month and import sections (results go to library-partial.*). */
const NO_RULES = process.argv.includes('--no-rules');
const SIZES = QUICK ? { records: 3000, rounds: 1, months: 2000, starts: 3 } : { records: 100000, rounds: 5, months: 20000, starts: 9 };
const out = [];
const results = { quick: QUICK, seed: SEED, node: process.version, cpu: cpus()[0]?.model ?? '?', sizes: SIZES };
const print = (line = '') => {
  out.push(line);
  if (!process.argv.includes('--month-only')) console.log(line);
};

const t0 = performance.now();
const { compileContract, compileExpression } = await import('attain');
const importInProcessMs = performance.now() - t0;

/** R1-R5 as a library user writes them (R5 on the record's followers_prev, as the peers read it). */
const RULES = [
  'bounce_rate < 20% and avg_time_on_site >= 2 min',
  'direct_sessions / sessions >= 60%',
  '(likes + comments + shares) / reach >= 5%',
  'if bounce_rate < 20% and avg_time_on_site >= 2 min then min(leads * 500 RUB, 150000 RUB) else 0 RUB',
  '(followers - followers_prev) / followers_prev >= 10%',
];
const METRICS = {
  sessions: 'count', bounce_rate: 'percent', avg_time_on_site: 'duration', direct_sessions: 'count', leads: 'count',
  likes: 'count', comments: 'count', shares: 'count', reach: 'count', followers: 'count', followers_prev: 'count', ad_spend: 'money',
};

function compileRules() {
  return RULES.map((text) => {
    const { value, diagnostics } = compileExpression(text, { metrics: METRICS });
    if (value === undefined) throw new Error(`bench rule ${text}: ${diagnostics.map((d) => d.message).join('; ')}`);
    return value;
  });
}

/** The bench records with rates and times at full double precision (17 significant digits). */
function fullPrecision(records) {
  const r = prng(SEED + 1);
  return records.map(({ num }) => ({ ...num, bounce_rate: 0.05 + r() * 0.35, avg_time_on_site: 30 + r() * 270 }));
}

function rulesTable(title, data) {
  const rules = compileRules();
  const peers = peerEngines().filter((p) => p.name.startsWith('filtrex') || p.name.startsWith('cel-js'));
  const engines = [{ name: 'hand-written JS', rules: HAND }, { name: 'attain (public API, exact)', rules, evaluate: true }, ...peers];
  const loops = engines.map((e) => RULES.map(() => freshLoop(e.evaluate ? 'evaluate' : 'call')));
  const times = engines.map(() => RULES.map(() => []));
  const sink = new Array(data.length);
  const run = (i, k) => timeIt(() => loops[i][k](engines[i].rules[k], data, sink, data.length), data.length);
  return (async () => {
    for (let i = 0; i < engines.length; i++) for (let k = 0; k < 5; k++) await run(i, k);
    for (let round = 0; round < SIZES.rounds; round++) {
      for (let k = 0; k < 5; k++) {
        for (let j = 0; j < engines.length; j++) {
          const i = (j + round + k) % engines.length;
          times[i][k].push(await run(i, k));
        }
      }
    }
    const med = times.map((perRule) => perRule.map(median));
    const hand = med[0];
    print(`## ${title}`);
    print();
    print(`| engine | ${RULES.map((_, k) => `R${k + 1}`).join(' | ')} |`);
    print(`| --- | ${RULES.map(() => '---:').join(' | ')} |`);
    engines.forEach((e, i) => {
      const cells = med[i].map((ns, k) => (i === 0 ? fmtRate(ns) : `${fmtRate(ns)} (${(ns / hand[k]).toFixed(1)}x)`));
      print(`| ${e.name} | ${cells.join(' | ')} |`);
    });
    print();
    // attain's answers on these records, checked against its own exact reading (rule.check).
    let disagree = 0;
    for (let i = 0; i < Math.min(data.length, 2000); i++) {
      for (const rule of rules) if (rule.evaluate(data[i]) !== rule.check(data[i]).value) disagree++;
    }
    if (disagree > 0) throw new Error(`bench: rule.evaluate and rule.check disagree ${disagree} times`);
    return engines.map((e, i) => ({ engine: e.name, nsPerEval: med[i], ratio: med[i].map((ns, k) => ns / hand[k]) }));
  })();
}

async function clientMonthSection() {
  const lib = await loadDistLib();
  const path = join(ROOT, 'contracts/acme-smm.yaml');
  const { value: program } = compileContract(readFileSync(path, 'utf8'), { path: 'contracts/acme-smm.yaml' });
  const inputs = generateClientMonths(SIZES.months, { hostile: false }).map(({ num }) => ({
    period: '2026-10',
    data: {
      sessions: num.sessions, bounce_rate: num.bounce_rate, avg_time_on_site: num.avg_time_on_site, direct_sessions: num.direct_sessions,
      leads: num.leads, followers: num.followers, ad_spend: num.ad_spend, reach: num.reach,
    },
    history: { '2026-09': { followers: num.followers_prev } },
  }));
  let check = 0;
  const all = () => {
    for (const input of inputs) {
      const e = program.evaluate(input);
      if (e.value === undefined) throw new Error(`bench month: ${e.diagnostics.map((d) => d.message).join('; ')}`);
      check += e.value.total.length;
    }
  };
  // The engine's internal path on the same months, for reference (not the public API): decimal
  // text bound with bindData, evaluatePeriod + priceInvoice, no JSON (bench/lib/attain.mjs).
  const texts = generateClientMonths(SIZES.months, { hostile: false }).map((r) => r.text);
  const { contract, program: compiled } = checkText(lib, readFileSync(path, 'utf8'), 'contracts/acme-smm.yaml');
  const internal = () => {
    for (const text of texts) {
      const e = lib.evaluatePeriod(compiled, bindClientMonth(lib, contract, text), '2026-10');
      check += Number(lib.priceInvoice(e.value).value.total % 7n);
    }
  };
  // Where the public path's time goes: program.evaluate's own steps (src/api/compile-contract.ts),
  // each timed with what comes before it. `whole`: the internal path plus taxes, the invoice
  // document and the missing-metric check (evaluateBound: what `attain evaluate` runs once the
  // data is bound). `objects`: the same from plain objects (the data file text, its digest,
  // binding). The public API adds the section 5 JSON to that.
  const contractFile = lib.createSourceFile('contracts/acme-smm.yaml', readFileSync(path, 'utf8'));
  const checkedFile = lib.checkContractFile(contractFile).checked;
  const nowhere = { file: 'data.json', start: 0, end: 0 };
  const boundOf = (series, dataSha256) => ({ contractFile, checked: checkedFile, program: compiled, series, dataSha256 });
  const whole = () => {
    for (const text of texts) {
      const e = lib.evaluateBound(boundOf(bindClientMonth(lib, checkedFile.contract, text), 'bench'), { period: '2026-10' });
      check += Number(e.value.taxed.total % 7n);
    }
  };
  // program.evaluate binds plain objects in the walk that writes their text (plainBinder).
  const bindPlain = lib.plainBinder(checkedFile.contract, nowhere);
  const objects = () => {
    for (const input of inputs) {
      const { series, dataSha256 } = bindPlain(input);
      const e = lib.evaluateBound(boundOf(series, dataSha256), { period: input.period });
      check += Number(e.value.taxed.total % 7n);
    }
  };
  // The peer: hand-written JavaScript for this one contract (bench/lib/hand-month.mjs), to the same
  // JSON. It must agree with attain byte for byte on every month, or the bench stops.
  const contractSha256 = program.source.sha256;
  let differ = 0;
  for (const input of inputs) if (JSON.stringify(handMonth(input, contractSha256)) !== JSON.stringify(program.evaluate(input).value)) differ++;
  if (differ > 0) throw new Error(`bench month: the hand-written peer and attain differ on ${differ} of ${inputs.length} months`);
  const hand = () => {
    for (const input of inputs) check += handMonth(input, contractSha256).total.length;
  };
  const paths = [all, internal, whole, objects, hand];
  for (const f of paths) f();
  const times = paths.map(() => []);
  for (let round = 0; round < SIZES.rounds; round++) {
    paths.forEach((f, i) => {
      const t = process.hrtime.bigint();
      f();
      times[i].push(Number(process.hrtime.bigint() - t) / inputs.length);
    });
  }
  const [ns, inside, withTaxes, fromObjects, byHand] = times;
  print('## A whole client-month of the SPEC contract from plain objects');
  print();
  print('`program.evaluate({ period, data, history })` -> the SPEC section 5 JSON (plain data, digests included),');
  print(`contracts/acme-smm.yaml, ${SIZES.months} client-months, median of ${SIZES.rounds}, one core:`);
  print();
  print('| path | client-months per second |');
  print('| --- | ---: |');
  print(`| public API: \`program.evaluate(plain objects)\` -> EvaluationJson | ${fmtRate(median(ns))} (${(median(ns) / median(inside)).toFixed(1)}x the time of the internal path) |`);
  print(`| internal (reference): decimal text -> bindData + evaluatePeriod + priceInvoice, no JSON | ${fmtRate(median(inside))} |`);
  print(`| peer: hand-written JavaScript for this contract -> the same JSON (bench/lib/hand-month.mjs) | ${fmtRate(median(byHand))} (the public API takes ${(median(ns) / median(byHand)).toFixed(2)}x its time) |`);
  print();
  print(`The peer agrees with \`program.evaluate\` byte for byte on all ${inputs.length} months (checked before timing).`);
  print();
  const us = (a) => (median(a) / 1000).toFixed(2);
  const step = (a, b) => ((median(a) - median(b)) / 1000).toFixed(2);
  print('Where the public path\'s time goes (medians of the same rounds; each step is the difference to the line above):');
  print();
  print('| step | µs per client-month |');
  print('| --- | ---: |');
  print(`| internal path (above) | ${us(inside)} |`);
  print(`| + taxes, invoice document, missing-metric check (evaluateBound) | ${step(withTaxes, inside)} |`);
  print(`| + from plain objects: the data file text, its sha-256, binding (instead of decimal text) | ${step(fromObjects, withTaxes)} |`);
  print(`| + the section 5 JSON (explanations, decimal strings): the public API | ${step(ns, fromObjects)} |`);
  print(`| public API, in all | ${us(ns)} |`);
  print();
  return { perSec: 1e9 / median(ns), internalPerSec: 1e9 / median(inside), wholePerSec: 1e9 / median(withTaxes), fromObjectsPerSec: 1e9 / median(fromObjects), handPerSec: 1e9 / median(byHand), check };
}

/**
 * One fresh process running `code`: its wall clock, and its CPU time (user + system, which the
 * child reports at exit). On a loaded machine the wall clock mostly measures waiting for a CPU;
 * the CPU time is what the import itself costs.
 */
function start(code) {
  const t = process.hrtime.bigint();
  const report = "const u = process.cpuUsage(); process.stdout.write(String((u.user + u.system) / 1000));";
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${code};\n${report}`], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench import: ${r.stderr}`);
  return { wall: Number(process.hrtime.bigint() - t) / 1e6, cpu: Number(r.stdout) };
}

function importSection() {
  const cases = [
    ['`node -e 0` (no import)', '0'],
    ["`import('@marcbachmann/cel-js')`", "await import('@marcbachmann/cel-js')"],
    ["`import('filtrex')`", "await import('filtrex')"],
    ["`import('attain')`", "await import('attain')"],
    ["`import('attain')` + compile R1 + evaluate once", "const a = await import('attain'); a.compileExpression('bounce_rate < 20%', { metrics: { bounce_rate: 'percent' } }).value.evaluate({ bounce_rate: 0.1 })"],
  ];
  const wall = cases.map(() => []);
  const cpu = cases.map(() => []);
  for (let i = 0; i < SIZES.starts; i++) {
    cases.forEach(([, code], j) => {
      const m = start(code);
      wall[j].push(m.wall);
      cpu[j].push(m.cpu);
    });
  }
  const w = wall.map(median);
  const c = cpu.map(median);
  print('## Import time (a fresh process, median; cases interleaved)');
  print();
  print('| process | wall clock | vs cel-js | CPU time (user + system) | vs cel-js |');
  print('| --- | ---: | ---: | ---: | ---: |');
  cases.forEach(([name], j) => print(`| ${name} | ${w[j].toFixed(0)} ms | ${(w[j] / w[1]).toFixed(2)}x | ${c[j].toFixed(0)} ms | ${(c[j] / c[1]).toFixed(2)}x |`));
  print();
  return Object.fromEntries(cases.map(([name], j) => [name, { wallMs: w[j], cpuMs: c[j] }]));
}

/**
 * The client-month section in a child process with a heap of its own: after R1-R5 (100 000
 * records, four engines) it measured the garbage collector more than attain (as in run.mjs).
 */
function clientMonthInChild() {
  const args = [fileURLToPath(import.meta.url), '--month-only', ...(QUICK ? ['--quick'] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench month section failed: ${r.stderr}`);
  const child = JSON.parse(r.stdout);
  for (const line of child.lines) print(line);
  return child.result;
}

if (process.argv.includes('--month-only')) {
  const lines = [];
  const result = await (async () => {
    const saved = out.length;
    const r = await clientMonthSection();
    lines.push(...out.slice(saved));
    return r;
  })();
  process.stdout.write(JSON.stringify({ lines, result }));
  process.exit(0);
}

print(`# attain library bench${QUICK ? ' (quick)' : ''}: Node ${process.version}, ${results.cpu}`);
print();
if (!NO_RULES) {
  const records = generateClientMonths(SIZES.records);
  results.rules = await rulesTable(`R1-R5 through the public API: evaluations per second and slowdown vs hand-written JS (${SIZES.records} records, 3-digit rates)`, records.map((r) => r.num));
  results.fullPrecision = await rulesTable(`R1-R5 on full-precision doubles (bounce_rate, avg_time_on_site at 17 digits; ${SIZES.records} records)`, fullPrecision(records));
  RULES.forEach((t, k) => print(`- R${k + 1}: \`${t}\``));
  print();
}
results.clientMonth = clientMonthInChild();
results.importMs = importSection();
results.importInProcessMs = importInProcessMs;
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const name = `library${QUICK ? '-quick' : ''}${NO_RULES ? '-partial' : ''}`;
writeFileSync(join(ROOT, `bench/results/${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(ROOT, `bench/results/${name}.md`), `${out.join('\n')}\n`);
