import { readFileSync } from 'node:fs';
import { generateClientMonths } from '/work/wt-library/bench/lib/data.mjs';
const { compileContract } = await import('attain');
const N = Number(process.argv[2] ?? 20000);
const { value: program } = compileContract(readFileSync('/work/wt-library/contracts/acme-smm.yaml', 'utf8'), { path: 'contracts/acme-smm.yaml' });
const inputs = generateClientMonths(N, { hostile: false }).map(({ num }) => ({
  period: '2026-10',
  data: { sessions: num.sessions, bounce_rate: num.bounce_rate, avg_time_on_site: num.avg_time_on_site, direct_sessions: num.direct_sessions,
    leads: num.leads, followers: num.followers, ad_spend: num.ad_spend, reach: num.reach },
  history: { '2026-09': { followers: num.followers_prev } },
}));
let c = 0;
for (let r = 0; r < 4; r++) {
  const t = performance.now();
  for (const i of inputs) { const e = program.evaluate(i); c += e.value.total.length; }
  console.log(`round ${r}: ${(N / (performance.now() - t) * 1000 / 1000).toFixed(1)} k/s`);
}
