// The library in a program (SPEC 13): compile a contract and a rule once, evaluate them on plain
// objects many times. Run from the repository root after `npm run build`:
//   node examples/library/compile-once.mjs
// (`attain` resolves to this package's dist/ through package.json "exports".)
import { readFileSync } from 'node:fs';
import { compileContract, compileExpression, createSourceFile, renderDiagnostics } from 'attain';

// A contract: checked and compiled once.
const path = 'contracts/acme-smm.yaml';
const { value: program, diagnostics } = compileContract(readFileSync(path, 'utf8'), { path });
if (program === undefined) {
  console.error(diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  process.exit(1);
}

// Evaluated for each client-month: plain JSON-able data in, the SPEC section 5 JSON out.
const months = [
  { period: '2026-10', data: { sessions: 13070, bounce_rate: 0.175, avg_time_on_site: 135, direct_sessions: 7580, leads: 103, followers: 7510, ad_spend: '35000 RUB', reach: 91175 }, history: { '2026-09': { followers: 6676 } } },
  { period: '2026-12', data: { sessions: 11870, bounce_rate: 20.6, leads: -74 } }, // refused: located findings
  { period: '2026-11', data: { sessions: 14210, bounce_rate: '16.8%', avg_time_on_site: '2 min 24 s', direct_sessions: 8950, leads: 121, followers: 8330, ad_spend: 35000, reach: 118400 }, history: { '2026-10': { followers: 7510 } } },
];
for (const month of months) {
  const evaluation = program.evaluate(month);
  if (evaluation.value === undefined) {
    // Findings are located in the data as a JSON file (program.dataText): render them with it.
    const sources = new Map([[path, program.source], ['data.json', createSourceFile('data.json', program.dataText(month))]]);
    console.error(renderDiagnostics('pretty', evaluation.diagnostics, (p) => sources.get(p)));
    continue;
  }
  const { period, total, currency, kpis } = evaluation; // the section 5 JSON (also evaluation.value)
  console.log(`${period}: ${total} ${currency}; ${kpis.map((k) => `${k.id} ${k.status}`).join(', ')}`);
}

// A rule: one expression over a record, exact (0.175 is 17.5%, not a binary float).
const { value: rule } = compileExpression('bounce_rate <= 20% and avg_time_on_site >= 2 min', {
  metrics: { bounce_rate: 'percent', avg_time_on_site: 'duration' },
});
console.log(`rule: ${rule.evaluate({ bounce_rate: 0.175, avg_time_on_site: 135 })}`);
console.log(`rule at 20.000000000000004%: ${rule.evaluate({ bounce_rate: 0.20000000000000004, avg_time_on_site: 135 })}`);
