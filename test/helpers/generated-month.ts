// Test helper: a generated month of many small contracts (one CSV of data for all), and a
// reader of an output directory as a tree of relative path -> bytes.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Write `n` contracts under `<dir>/contracts` and their 2026-10 data under `<dir>/data/metrics.csv`. */
export function generateMonth(dir: string, n: number, variant: number): { contracts: string; data: string } {
  const contracts = join(dir, 'contracts');
  const data = join(dir, 'data');
  mkdirSync(contracts, { recursive: true });
  mkdirSync(data, { recursive: true });
  const rows = ['contract,period,leads'];
  for (let i = 1; i <= n; i++) {
    const id = `gen-${String(i).padStart(4, '0')}`;
    const file = join(contracts, `${id}.yaml`);
    if (!existsSync(file)) {
      writeFileSync(
        file,
        `contract: ${id}\nversion: 1\ncurrency: RUB\neffective: { from: 2026-01 }\nmetrics: { leads: count }\nkpis:\n  volume: { target: leads >= 10 }\npayments:\n  - id: retainer\n    label: Retainer\n    amount: 1000 RUB\n  - id: leads\n    label: Leads\n    quantity: leads\n    price: 100 RUB\n    when: volume\n`,
      );
    }
    rows.push(`${id},2026-10,${(i * 7 + variant * 3) % 40}`);
  }
  writeFileSync(join(data, 'metrics.csv'), rows.join('\n') + '\n');
  return { contracts, data };
}

/** Every file under `dir` (relative path -> text), sorted; hidden files included when asked. */
export function readTree(dir: string, hidden = false): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!hidden && e.name.startsWith('.')) continue;
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}
