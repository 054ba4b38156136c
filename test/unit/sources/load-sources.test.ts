// sources.yaml -> model: schema findings located, presets resolved, definitions parsed with their
// aggregates (`where` clauses kept as conditions over the source's columns).
import { describe, expect, it } from 'vitest';
import { createSourceFile, lineColAt } from '../../../src/diagnostics/source.js';
import { loadSourcesFile } from '../../../src/sources/load-sources.js';

const BASE = `sources:
  metrica:
    files: exports/metrica/*.csv
    preset: yandex-metrica
    contract: { path: "exports/metrica/{contract}-*.csv" }
  crm:
    connection: warehouse
    table: crm.leads
    contract: { column: contract_id }
    date: created_at
    columns: { status: text, channel: text, amount: money, created_at: date }
connections:
  warehouse: { engine: postgres, url: env:ATTAIN_PG_URL }
metrics:
  sessions: sum(metrica.visits)
  bounce_rate: weighted_avg(metrica.bounce_rate, metrica.visits)
  direct_sessions: 'sum(metrica.visits where traffic_source in ["direct", "saved"])'
  leads: 'count(crm where status == "qualified")'
overrides:
  acme-smm:
    leads: 'count(crm where status == "qualified" and channel == "vk")'
`;

function load(text: string) {
  const file = createSourceFile('sources.yaml', text);
  const r = loadSourcesFile(file);
  const at = r.diagnostics.map((d) => {
    const lc = lineColAt(file, d.span.start);
    return `${d.code}@${lc.line}:${lc.column}`;
  });
  return { ...r, at };
}

describe('loadSourcesFile', () => {
  it('builds sources, connections and definitions with their aggregates', () => {
    const r = load(BASE);
    expect(r.diagnostics).toEqual([]);
    expect([...(r.value?.sources.keys() ?? [])]).toEqual(['metrica', 'crm']);
    expect(r.value?.sources.get('metrica')?.columns.get('bounce_rate')).toMatchObject({ type: 'percent', percent: 'units' });
    expect(r.value?.sources.get('metrica')?.date?.value).toBe('date');
    expect(r.value?.connections.get('warehouse')?.env).toBe('ATTAIN_PG_URL');
    const direct = r.value?.metrics.get('direct_sessions')?.aggregates[0];
    expect(direct).toMatchObject({ fn: 'sum', source: 'metrica', column: 'visits', text: 'sum(metrica.visits where traffic_source in ["direct", "saved"])' });
    expect(direct?.where?.kind).toBe('In');
    expect(r.value?.metrics.get('bounce_rate')?.aggregates[0]).toMatchObject({ fn: 'weighted_avg', column: 'bounce_rate', weight: 'visits' });
    expect(r.value?.overrides.get('acme-smm')?.get('leads')?.aggregates[0]).toMatchObject({ fn: 'count', source: 'crm' });
  });

  it('locates an unknown key, an unknown preset and an unknown source', () => {
    expect(load(BASE.replace('    date: created_at', '    dat: created_at')).at).toEqual(['E010@10:5']);
    expect(load(BASE.replace('preset: yandex-metrica', 'preset: yandex')).at).toEqual(['E013@4:13']);
    expect(load(BASE.replace('sessions: sum(metrica.visits)', 'sessions: sum(metrika.visits)')).at).toEqual(['E091@15:17']);
  });

  it('keeps min(x, y) as the contract function and rejects bare names and wrong arity', () => {
    expect(load(BASE.replace('sum(metrica.visits)\n', 'min(sum(metrica.visits), 100)\n')).diagnostics).toEqual([]);
    expect(load(BASE.replace('sum(metrica.visits)\n', 'metrica.visits\n')).at).toEqual(['E099@15:13']);
    expect(load(BASE.replace('sum(metrica.visits)\n', 'weighted_avg(metrica.visits)\n')).at).toEqual(['E034@15:13']);
  });

  it('refuses a totals pattern that is not a regular expression, at the pattern', () => {
    const text = BASE.replace('    preset: yandex-metrica\n', '    preset: yandex-metrica\n    format: { totals: "^(Total" }\n');
    expect(load(text).at).toEqual(['E096@5:23']);
  });

  it('points a syntax error inside a where clause at its column', () => {
    expect(load(BASE.replace('status == "qualified")\'\noverrides', 'status == )\'\noverrides')).at).toEqual(['E020@18:36']);
  });
});
