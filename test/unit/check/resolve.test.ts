import { describe, expect, it } from 'vitest';
import { orderSteps } from '../../../src/check/resolve.js';
import type { StepRef } from '../../../src/check/typed-tree.js';

const at = (start: number): StepRef['span'] => ({ file: 'f', start, end: start + 1 });

describe('orderSteps', () => {
  it('orders each step after what it refers to', () => {
    const steps = new Map<string, StepRef[]>([
      ['define:b', [{ step: 'define:a', span: at(1) }]],
      ['define:a', []],
      ['score', [{ step: 'kpi:k', span: at(2) }]],
      ['kpi:k', [{ step: 'define:b', span: at(3) }]],
    ]);
    expect(orderSteps(steps)).toEqual({ order: ['define:a', 'define:b', 'kpi:k', 'score'], diagnostics: [] });
  });

  it('reports each cycle once with its path, at the first reference', () => {
    const steps = new Map<string, StepRef[]>([
      ['define:a', [{ step: 'define:b', span: at(10) }]],
      ['define:b', [{ step: 'define:a', span: at(20) }]],
      ['define:c', [{ step: 'define:c', span: at(30) }]],
    ]);
    const { diagnostics } = orderSteps(steps);
    expect(diagnostics.map((d) => [d.code, d.message, d.span.start])).toEqual([
      ['E031', 'cycle: a -> b -> a', 10],
      ['E031', 'cycle: c -> c', 30],
    ]);
  });

  it('ignores references to steps that failed', () => {
    const steps = new Map<string, StepRef[]>([['define:a', [{ step: 'define:gone', span: at(1) }]]]);
    expect(orderSteps(steps).order).toEqual(['define:a']);
  });
});
