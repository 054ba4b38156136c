// Test helpers for stage 8: fake CompiledExprs, ProgramPayments and PeriodResults, so that
// priceInvoice can be tested without the parser and checker. Casts through `unknown` live here only.
import type { Contract, RoundingMode, TierMode } from '../../src/contract/model.js';
import type { Span } from '../../src/diagnostics/diagnostic.js';
import type { CompiledExpr, Program, ProgramPayment, ProgramPricing, ProgramTier } from '../../src/compile/program.js';
import type { NoData, Value } from '../../src/language/values.js';
import { parseDecimal, type Rational } from '../../src/numbers/rational.js';
import type { PeriodResult } from '../../src/evaluate/results.js';
import type { Expr } from '../../src/parser/ast.js';
import { BOOLEAN, money, scalar, type ValueType } from '../../src/language/value-types.js';

export const FILE = 'contracts/test.yaml';

export function at(start: number, end = start + 1): Span {
  return { file: FILE, start, end };
}

let nextOffset = 1000;

/** Exact decimal text to a Rational (throws on bad text: tests only). */
export function r(text: string): Rational {
  const v = parseDecimal(text);
  if (v === undefined) throw new Error(`bad decimal ${text}`);
  return v;
}

/** A compiled expression that always evaluates to `value`, at `span` (a fresh span by default). */
export function fakeExpr(value: Value, type: ValueType = scalar('number'), span?: Span): CompiledExpr {
  const s = span ?? at(nextOffset, (nextOffset += 10) - 5);
  const expr = { kind: 'Number', value: '0', span: s } as unknown as Expr;
  return { expr, type, span: s, evaluate: () => value };
}

export function rub(text: string, span?: Span): CompiledExpr {
  return fakeExpr(r(text), money('RUB'), span);
}

export function num(text: string, span?: Span): CompiledExpr {
  return fakeExpr(r(text), scalar('count'), span);
}

export function cond(value: boolean, span?: Span): CompiledExpr {
  return fakeExpr(value, BOOLEAN, span);
}

export function noData(reason: string, span: Span): NoData {
  return { kind: 'NoData', reason, span };
}

export function missing(reason: string, exprSpan: Span, causeSpan: Span): CompiledExpr {
  return fakeExpr(noData(reason, causeSpan), scalar('count'), exprSpan);
}

export interface PaymentSpec {
  readonly id: string;
  readonly when?: CompiledExpr;
  readonly pricing: ProgramPricing;
  readonly min?: CompiledExpr;
  readonly max?: CompiledExpr;
}

export function payment(spec: PaymentSpec): ProgramPayment {
  const decl = { id: spec.id, idSpan: at(0), label: `Label ${spec.id}`, span: at(0, 5), pricing: {} };
  return {
    decl: decl as unknown as ProgramPayment['decl'],
    pricing: spec.pricing,
    ...(spec.when === undefined ? {} : { when: spec.when }),
    ...(spec.min === undefined ? {} : { min: spec.min }),
    ...(spec.max === undefined ? {} : { max: spec.max }),
  };
}

export const amountForm = (amount: CompiledExpr): ProgramPricing => ({ form: 'amount', amount });
export const priceForm = (quantity: CompiledExpr, price: CompiledExpr): ProgramPricing => ({
  form: 'price',
  quantity,
  price,
});
export function tiersForm(
  quantity: CompiledExpr,
  mode: TierMode,
  tiers: readonly { upTo?: string; price?: CompiledExpr; flat?: CompiledExpr }[],
): ProgramPricing {
  const checked: ProgramTier[] = tiers.map((t, i) => ({
    ...(t.upTo === undefined ? {} : { upTo: r(t.upTo) }),
    ...(t.price === undefined ? {} : { price: t.price }),
    ...(t.flat === undefined ? {} : { flat: t.flat }),
    span: at(500 + i * 10, 505 + i * 10),
  }));
  return { form: 'tiers', quantity, mode, tiers: checked };
}
export function packageForm(quantity: CompiledExpr, size: string, price: CompiledExpr, freeUnits = '0'): ProgramPricing {
  return { form: 'package', quantity, size: r(size), price, freeUnits: r(freeUnits) };
}

export interface ResultSpec {
  readonly currency?: string;
  readonly rounding?: RoundingMode;
  readonly payments: readonly ProgramPayment[];
  readonly limits?: { readonly min?: CompiledExpr; readonly max?: CompiledExpr };
}

/** A minimal PeriodResult for period 2026-10 around a fake Program. */
export function periodResult(spec: ResultSpec): PeriodResult {
  const contract = {
    currency: { value: spec.currency ?? 'RUB', span: at(10, 13) },
    rounding: { value: spec.rounding ?? 'half-even', span: at(20, 29) },
  } as unknown as Contract;
  const checked = {
    contract,
    defines: [],
    kpis: [],
    payments: spec.payments,
    ...(spec.limits === undefined ? {} : { limits: { ...spec.limits, span: at(900, 950) } }),
  } as unknown as Program;
  const context = { period: '2026-10', periodIndex: 10 };
  return { program: checked, period: '2026-10', periodIndex: 10, defines: [], kpis: [], context };
}
