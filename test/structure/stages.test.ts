// STAGES (the public list of stage functions) and ARCHITECTURE.md's pipeline diagram name the same
// stages in the same order, so neither can drift from the code without this test failing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../src/index.js';

const DIAGRAM = readFileSync(resolve(import.meta.dirname, '../../ARCHITECTURE.md'), 'utf8').split('```')[1] ?? '';

describe('STAGES', () => {
  it('names the stages of the architecture diagram, in its order', () => {
    const positions = STAGES.map((s) => DIAGRAM.search(new RegExp(`\\b${s.name}\\b`)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('holds the functions the library exports under those names', async () => {
    const api: Record<string, unknown> = await import('../../src/index.js');
    for (const s of STAGES) if (s.name in api) expect(api[s.name]).toBe(s.run);
  });
});
