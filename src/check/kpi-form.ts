// Stage 6 (checkContract): how a KPI's attainment is derived from its target (SPEC 3,
// "Attainment and score"), read off the typed tree of the target.
import type { AttainmentForm, CheckedExpr } from './checked-contract.js';

const FLIP = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/**
 * The attainment form of a target: `x >= t` / `x > t` higher-is-better (x / t), `x <= t` /
 * `x < t` lower-is-better (t / x); a constant on the left is moved to the right (`60% <= x`).
 * Anything else is met-or-missed. An explicit `attainment:` expression overrides all of it.
 * `sub` makes a checked expression of a sub-tree of the target (with its folded constant).
 */
export function deriveForm(
  target: CheckedExpr,
  explicit: CheckedExpr | undefined,
  sub: (t: CheckedExpr['typed']) => CheckedExpr,
): AttainmentForm<CheckedExpr> {
  if (explicit !== undefined) return { kind: 'explicit', attainment: explicit };
  const t = target.typed;
  if (t.kind !== 'Compare' || t.op === '==' || t.op === '!=') return { kind: 'met-or-missed' };
  const a = sub(t.left);
  const b = sub(t.right);
  const swap = a.constant !== undefined && b.constant === undefined;
  const op = swap ? FLIP[t.op] : t.op;
  const value = swap ? b : a;
  const threshold = swap ? a : b;
  const strict = op === '>' || op === '<';
  return op === '>=' || op === '>'
    ? { kind: 'higher-is-better', value, threshold, strict }
    : { kind: 'lower-is-better', value, threshold, strict };
}
