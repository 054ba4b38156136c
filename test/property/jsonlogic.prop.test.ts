// Differential tests: json-logic-js running `attain compile --to jsonlogic` rules agrees with
// attain's own (exact) evaluation, except where binary floats may decide a comparison differently:
// both sides within 1e-9 (relative, absolute below 1) of each other exactly, and at least one side
// not computed exactly by the floats. Those cases, and only those, are skipped.
import type { Program } from '../../src/compile/program.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import type { Contract } from '../../src/contract/model.js';
import { CheckSession } from '../../src/check/session.js';
import type { CheckedContract, Value } from '../../src/check/checked-contract.js';
import { isNoData } from '../../src/check/checked-contract.js';
import type { CompiledNode } from '../../src/compile/compile-expression.js';
import { isCompiledTree } from '../../src/compile/compile-expression.js';
import { evaluatePeriod } from '../../src/evaluate/evaluate-period.js';
import type { Frame } from '../../src/compile/frame.js';
import type { JsonLogic } from '../../src/jsonlogic/build.js';
import { finishRule, lowerNode } from '../../src/jsonlogic/lower.js';
import type { Lowered, LowerEnv } from '../../src/jsonlogic/lower.js';
import { rational, toDecimalString } from '../../src/numbers/rational.js';
import type { Rational } from '../../src/numbers/rational.js';
import { compileToJsonLogic } from '../../src/jsonlogic/export.js';
import type { KpiStatus, PeriodResult } from '../../src/evaluate/results.js';
import { check, series } from '../helpers/engine.js';
import { dataArb, unitFree, valueArb } from './unit-free-arb.js';

/** The exact rational value of a double (every finite double is a dyadic rational). */
function exactOf(x: number): Rational {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n === 1n ? -1n : 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const mantissa = exp === 0 ? frac : frac | (1n << 52n);
  const e = (exp === 0 ? 1 : exp) - 1075;
  return e >= 0 ? rational(sign * mantissa * 2n ** BigInt(e)) : rational(sign * mantissa).div(rational(2n ** BigInt(-e)));
}

/** A JSON Logic rule for one compiled sub-expression (defines inlined), to get its float value. */
function subRule(contract: Contract, node: CompiledNode): JsonLogic {
  const session = new CheckSession(contract);
  const memo = new Map<string, Lowered>();
  const env: LowerEnv = {
    useVar: () => undefined,
    define: (name) => {
      const known = memo.get(name);
      if (known !== undefined) return known;
      const typed = session.defineTyped(name)?.typed;
      if (typed === undefined) throw new Error(`define ${name}`);
      const l = lowerNode(typed, env);
      memo.set(name, l);
      return l;
    },
  };
  return finishRule(lowerNode(node.typed, env), node.typed.type.kind === 'boolean');
}

/** Side pairs of every comparison, between, in, and every divisor (against 0) under `node`. */
function decisivePairs(node: CompiledNode): [CompiledNode, CompiledNode | 0][] {
  const t = node.typed;
  const [c0, c1, c2] = node.children;
  const out: [CompiledNode, CompiledNode | 0][] = [];
  const numeric = (n: CompiledNode | undefined): n is CompiledNode => n !== undefined && n.typed.type.kind === 'scalar';
  if ((t.kind === 'Compare' || t.kind === 'Between') && numeric(c0)) {
    if (c1 !== undefined) out.push([c0, c1]);
    if (c2 !== undefined) out.push([c0, c2]);
  }
  if (t.kind === 'In' && numeric(c0)) for (const item of node.children.slice(1)) out.push([c0, item]);
  if (t.kind === 'Arithmetic' && t.op === '/' && c1 !== undefined) out.push([c1, 0]);
  if (t.kind === 'Call' && ['share', 'cpl', 'er', 'err'].includes(t.builtin.name) && c1 !== undefined) out.push([c1, 0]);
  if (t.kind === 'Define') return out;
  for (const c of node.children) out.push(...decisivePairs(c));
  return out;
}

/** Data for json-logic-js: metric values in base units, null prototype. */
function jsonData(contract: Contract, frame: Frame, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const data = Object.create(null) as Record<string, unknown>;
  [...contract.metrics.keys()].forEach((name, slot) => {
    const v = frame.metrics[slot];
    if (v !== undefined) data[name] = Number(toDecimalString(v.value, 20));
  });
  return Object.assign(data, extra);
}

/**
 * Whether floats may decide differently from attain somewhere under `node`: a pair of sides whose
 * exact values lie within 1e-9 of each other (relative; absolute below 1) while a float side
 * differs from its exact value. Defines used by the node are followed through their trees.
 */
function floatsMayDiffer(checked: Program, node: CompiledNode, frame: Frame): boolean {
  const defines = new Map(checked.defines.map((d) => [d.name, d.compiled]));
  const nodes: CompiledNode[] = [node];
  const seen = new Set<string>();
  const collect = (n: CompiledNode): void => {
    if (n.typed.kind === 'Define' && !seen.has(n.typed.name)) {
      seen.add(n.typed.name);
      const c = defines.get(n.typed.name);
      if (c !== undefined && isCompiledTree(c)) nodes.push(c.node);
    }
    n.children.forEach(collect);
  };
  collect(node);
  for (let i = 1; i < nodes.length; i++) collect(nodes[i] as CompiledNode);
  const data = jsonData(checked.contract, frame);
  const side = (n: CompiledNode | 0): { exact: Value; float: unknown } =>
    n === 0 ? { exact: rational(0), float: 0 } : { exact: n.fn(frame), float: jsonLogic.apply(subRule(checked.contract, n) as RulesLogic, data) };
  for (const root of nodes) {
    for (const [l, r] of decisivePairs(root)) {
      const [a, b] = [side(l), side(r)];
      if (typeof a.exact !== 'object' || typeof b.exact !== 'object' || isNoData(a.exact) || isNoData(b.exact)) continue;
      const scale = [a.exact.abs(), b.exact.abs(), rational(1)].reduce((m, x) => (x.compare(m) > 0 ? x : m));
      const near = a.exact.sub(b.exact).abs().compare(scale.div(rational(1_000_000_000))) <= 0;
      const inexact = (s: { exact: Value; float: unknown }): boolean =>
        typeof s.float !== 'number' || !Number.isFinite(s.float) || !exactOf(s.float).equals(s.exact as Rational);
      if (near && (inexact(a) || inexact(b))) return true;
    }
  }
  return false;
}

function asJson(v: Value): unknown {
  if (isNoData(v)) return null;
  return typeof v === 'object' ? Number(toDecimalString(v, 20)) : v;
}

function evaluate(text: string, period: string, data: Record<string, string>): { checked: CheckedContract; result: PeriodResult } {
  const c = check(text, 'contract.yaml');
  if (c.program === undefined || c.contract === undefined) throw new Error(c.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  const result = evaluatePeriod(c.program, series(c.contract, { [period]: data }), period).value;
  if (result === undefined) throw new Error('no result');
  return { checked: c.program.checked, result };
}

/** KPI status from a JSON Logic target result, applying what the data mapping leaves to the host. */
function hostStatus(checked: CheckedContract, id: string, value: unknown, periodIndex: number): KpiStatus {
  const kpi = checked.kpis.find((k) => k.decl.id === id);
  if (kpi === undefined) throw new Error(id);
  const { fromPeriod, untilPeriod, onNoData } = kpi.decl;
  if ((fromPeriod !== undefined && periodIndex < fromPeriod.value) || (untilPeriod !== undefined && periodIndex > untilPeriod.value)) return 'excluded';
  if (value === null) return onNoData === 'error' ? 'no-data' : onNoData;
  return value === true ? 'met' : 'missed';
}

const UNIT_FREE_HEAD = ['contract: prop', 'version: 1', 'currency: RUB', 'effective: { from: 2026-01 }', 'metrics: { a: number, b: number, c: number }', 'define:'];

describe('JSON Logic rules agree with attain', () => {
  it('on generated unit-free conditions and numbers (ties decided by floats excluded)', () => {
    fc.assert(
      fc.property(unitFree.bool, unitFree.num, dataArb, (cond, num, data) => {
        const text = [...UNIT_FREE_HEAD, `  cond: '${cond}'`, `  num: '${num}'`, ''].join('\n');
        const { checked, result } = evaluate(text, '2026-03', data);
        const program = compileToJsonLogic(checked).value;
        if (program === undefined) throw new Error('no program');
        const frame = result.context as Frame;
        for (const define of result.program.defines) {
          const tree = define.compiled;
          if (!isCompiledTree(tree) || floatsMayDiffer(result.program, tree.node, frame)) continue;
          const want = asJson(result.defines.find((d) => d.name === define.name)?.value ?? true);
          const got: unknown = jsonLogic.apply(program.defines[define.name] as RulesLogic, jsonData(checked.contract, frame));
          if (typeof want === 'number' && typeof got === 'number') {
            expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
          } else {
            expect(got).toBe(want);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  for (const [file, periods] of [
    ['contracts/brightway-traffic.yaml', ['2026-03', '2026-07']],
    ['contracts/nordlicht-leads.yaml', ['2026-02', '2026-04', '2026-09']],
  ] as const) {
    it(`on every KPI status of ${file} (a shipped contract that needs no history)`, () => {
      const text = readFileSync(file, 'utf8');
      const loaded = check(text, file);
      const metrics = [...(loaded.contract?.metrics.values() ?? [])];
      const money = (v: string): string => `${v} ${loaded.contract?.currency.value ?? ''}`;
      const record = fc.tuple(...metrics.map((m) => valueArb.map((v) => (m.unit.value === 'money' ? money(v) : m.unit.value === 'duration' ? `${v} s` : m.unit.value === 'count' ? String(Math.round(Number(v))) : v))));
      fc.assert(
        fc.property(record, fc.constantFrom(...periods), (values, period) => {
          const data = Object.fromEntries(metrics.map((m, i) => [m.name, values[i] as string]));
          const { checked, result } = evaluate(text, period, data);
          const program = compileToJsonLogic(checked).value;
          if (program === undefined) throw new Error('no program');
          const frame = result.context as Frame;
          const kpiVars = Object.create(null) as Record<string, unknown>;
          for (const k of result.kpis) {
            const tree = result.program.kpis.find((c) => c.decl.id === k.id)?.target;
            if (tree === undefined || !isCompiledTree(tree)) throw new Error(k.id);
            const got = jsonLogic.apply(program.kpis[k.id] as RulesLogic, jsonData(checked.contract, frame, { period: { index: result.periodIndex } }));
            const status = hostStatus(checked, k.id, got, result.periodIndex);
            kpiVars[k.id] = status === 'met' || status === 'excluded' ? true : status === 'missed' ? false : null;
            if (floatsMayDiffer(result.program, tree.node, frame)) continue;
            expect(`${k.id}:${status}`).toBe(`${k.id}:${k.status}`);
          }
          for (const p of result.program.payments) {
            if (p.when === undefined) continue;
            const got = jsonLogic.apply(program.payments[p.decl.id] as RulesLogic, jsonData(checked.contract, frame, { kpi: kpiVars }));
            expect(got).toBe(asJson(p.when.evaluate(frame)));
          }
        }),
        { numRuns: 200 },
      );
    });
  }

  it('where floats decide a boundary, attain is exact and JSON Logic is not: 0.1 + 0.2 <= 0.3', () => {
    const text = [...UNIT_FREE_HEAD, "  fits: 'a + b <= c'", ''].join('\n');
    const { checked, result } = evaluate(text, '2026-03', { a: '0.1', b: '0.2', c: '0.3' });
    expect(result.defines[0]?.value).toBe(true);
    const program = compileToJsonLogic(checked).value;
    const got: unknown = jsonLogic.apply(program?.defines['fits'] as RulesLogic, { a: 0.1, b: 0.2, c: 0.3 });
    expect(got).toBe(false);
    const tree = result.program.defines[0]?.compiled;
    expect(tree !== undefined && isCompiledTree(tree) && floatsMayDiffer(result.program, tree.node, result.context as Frame)).toBe(true);
  });
});
