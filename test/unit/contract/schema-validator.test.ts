// The committed ahead-of-time schema validator (src/contract/schema-validator.generated.ts) is
// what scripts/gen-schema-validator.mjs makes from schema/contract.schema.json today.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('schema-validator.generated.ts', () => {
  it('is fresh (regenerate with node scripts/gen-schema-validator.mjs)', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-schema-validator.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
