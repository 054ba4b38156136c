import { readFileSync } from 'node:fs';
import { generateClientMonths } from './lib/data.mjs';
const d = (p) => import(new URL(`../dist/src/${p}`, import.meta.url).href);
const { compileContract } = await d('api/compile-contract.js');
const { value: program } = compileContract(readFileSync('contracts/acme-smm.yaml', 'utf8'), { path: 'contracts/acme-smm.yaml' });
const inputs = generateClientMonths(20000, { hostile: false }).map(({ num }) => ({
  period: '2026-10',
  data: { sessions: num.sessions, bounce_rate: num.bounce_rate, avg_time_on_site: num.avg_time_on_site, direct_sessions: num.direct_sessions, leads: num.leads, followers: num.followers, ad_spend: num.ad_spend, reach: num.reach },
  history: { '2026-09': { followers: num.followers_prev } },
}));
for (let k = 0; k < 6; k++) { const t = performance.now(); for (const i of inputs) program.evaluate(i); console.log(((performance.now() - t) * 1000 / inputs.length).toFixed(2), 'us'); }
