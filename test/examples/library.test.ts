// The runnable library example (examples/library/compile-once.mjs) runs against the build in
// dist/ (built from src/ before the tests, test/setup/build-dist.ts) and prints what it should.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('examples/library', () => {
  it('compile-once.mjs evaluates months and a rule from plain objects', () => {
    const run = spawnSync(process.execPath, ['examples/library/compile-once.mjs'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe([
      '2026-10: 123830.00 RUB; quality_traffic met, direct_traffic missed, growth met',
      '2026-11: 147010.00 RUB; quality_traffic met, direct_traffic met, growth met',
      'rule: true',
      'rule at 20.000000000000004%: false',
      '',
    ].join('\n'));
    expect(run.stderr).toContain('data.json:7:16: error[E064]: metric "leads" cannot be negative (-74)');
  });
});
