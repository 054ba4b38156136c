import { describe, expect, it } from 'vitest';
import { bindData } from '../../../src/data/bind.js';
import { loadMetricFile } from '../../../src/data/load-metrics.js';
import type { PeriodSeries } from '../../../src/data/metric-data.js';
import { findMissingMetrics } from '../../../src/data/missing.js';
import { acmeContract, codesAt, fixture } from './helpers.js';

const file = fixture('good/acme.yaml');

function series(): PeriodSeries {
  const bound = bindData(acmeContract(), loadMetricFile(file).value?.contracts.get('acme-smm') ?? [], file.sha256);
  if (bound.value === undefined) throw new Error('no series');
  return bound.value;
}

describe('findMissingMetrics', () => {
  it('accepts a complete period', () => {
    expect(findMissingMetrics(acmeContract(), series(), '2026-10')).toEqual([]);
  });

  it('reports each declared metric missing in the period, in declaration order, at the period key', () => {
    const missing = findMissingMetrics(acmeContract(), series(), '2026-09');
    expect(missing.map((d) => d.message.match(/"(\w+)"/)?.[1])).toEqual([
      'sessions', 'bounce_rate', 'avg_time_on_site', 'direct_sessions', 'leads', 'ad_spend', 'reach', 'pages_per_session', 'quality_index',
    ]);
    expect(codesAt(file, missing.slice(0, 1))).toEqual(['W061@6:3']);
  });

  it('reports a period without data as E067', () => {
    expect(findMissingMetrics(acmeContract(), series(), '2026-11').map((d) => d.code)).toEqual(['E067']);
  });
});
