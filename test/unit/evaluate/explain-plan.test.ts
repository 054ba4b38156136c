// Tests for evaluate/explain-plan.ts: a target's plan is made once per compiled node and text,
// nested operators of one kind are flattened, constants are one side object, percent wins.
import { describe, expect, it } from 'vitest';
import { check, series } from '../../helpers/engine.js';
import { isCompiledTree, type CompiledNode } from '../../../src/compile/compile-expression.js';
import type { Program } from '../../../src/compile/program.js';
import type { Contract } from '../../../src/contract/model.js';
import { asFrame } from '../../../src/compile/frame.js';
import { evaluatePeriod } from '../../../src/evaluate/evaluate-period.js';
import { explainPlanOf } from '../../../src/evaluate/explain-plan.js';
import { explainNode } from '../../../src/evaluate/explanation.js';

const HEAD = `contract: t
version: 1
currency: RUB
effective: { from: 2026-01 }
metrics:
  a: count
  b: count
  c: count
  share: ratio
kpis:
`;

function compiled(targets: readonly string[]): { contract: Contract; program: Program; text: string } {
  const text = `${HEAD}${targets.map((t, i) => `  k${i}: { target: '${t}' }`).join('\n')}\n`;
  const c = check(text);
  if (c.program === undefined || c.contract === undefined) throw new Error(c.diagnostics.map((d) => d.message).join('; '));
  return { contract: c.contract, program: c.program, text };
}

function targetNode(program: Program, i: number): CompiledNode {
  const target = program.kpis[i]?.target;
  if (target === undefined || !isCompiledTree(target)) throw new Error('expected an expression target');
  return target.node;
}

describe('explainPlanOf', () => {
  it('makes a plan once per node and text, and again for another text', () => {
    const { program, text } = compiled(['a > 1']);
    const node = targetNode(program, 0);
    const plan = explainPlanOf(node, text);
    expect(explainPlanOf(node, text)).toBe(plan);
    // The same node over another text (spans point into it): texts are cut from that text.
    const other = text.replace('a > 1', 'x > 1');
    const again = explainPlanOf(node, other);
    expect(again).not.toBe(plan);
    expect(again).toMatchObject({ kind: 'comparison', op: '>', left: { kind: 'read', text: 'x' } });
    expect(explainPlanOf(node, text)).toMatchObject({ left: { text: 'a' } });
  });

  it('flattens nested operands of the same operator only', () => {
    const { program, text } = compiled(['a > 1 and (b > 2 and c > 3)', 'a > 1 and (b > 2 or c > 3)', 'not (a > 1 or b > 2)']);
    const same = explainPlanOf(targetNode(program, 0), text);
    expect(same.kind === 'logical' && same.operands.map((o) => o.plan.kind)).toEqual(['comparison', 'comparison', 'comparison']);
    const mixed = explainPlanOf(targetNode(program, 1), text);
    expect(mixed.kind === 'logical' && mixed.operands.map((o) => o.plan.kind)).toEqual(['comparison', 'logical']);
    expect(explainPlanOf(targetNode(program, 2), text)).toMatchObject({ kind: 'not', operand: { plan: { kind: 'logical', op: 'or' } } });
  });

  it('shows both sides as percent when one is, and shares a constant side between evaluations', () => {
    const { contract, program, text } = compiled(['share >= 60%']);
    const node = targetNode(program, 0);
    expect(explainPlanOf(node, text)).toMatchObject({
      left: { kind: 'read', text: 'share', type: { kind: 'scalar', flavor: 'percent' } },
      right: { kind: 'constant', side: { type: { kind: 'scalar', flavor: 'percent' } } },
    });
    const frames = ['0.5', '0.7'].map((v) => evaluatePeriod(program, series(contract, { '2026-10': { a: '1', b: '1', c: '1', share: v } }), '2026-10').value?.context);
    const [x, y] = frames.map((f) => (f === undefined ? undefined : explainNode(node, asFrame(f), text)));
    if (x?.kind !== 'comparison' || y?.kind !== 'comparison') throw new Error('expected comparisons');
    expect(x.right).toBe(y.right);
    expect([x.outcome, y.outcome]).toEqual(['missed', 'met']);
    expect([String(x.left.value), String(y.left.value)]).toEqual(['0.5', '0.7']);
  });
});
