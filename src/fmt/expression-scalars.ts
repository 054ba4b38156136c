// `fmt`, step 1: Contract model -> the expression scalars of the file, in file order. Uses only
// the model (stage 3), so the formatter never walks YAML itself: every ExprText knows its span.
import type { Contract, ExprText } from '../contract/model.js';

/**
 * Every expression scalar of a contract, once each, in file order: define values, KPI target,
 * weight, attainment, cap; payment when, amount, quantity, price, tier price/flat, package price,
 * min, max; limits min/max. A scalar shared through a YAML alias is listed once (by its span).
 * KPI targets given as JSON Logic rules are not expressions and are not listed.
 */
export function expressionScalars(contract: Contract): ExprText[] {
  const found: (ExprText | undefined)[] = [];
  for (const d of contract.defines.values()) found.push(d.expr);
  for (const k of contract.kpis.values()) {
    if (k.jsonlogic === undefined) found.push(k.target);
    found.push(k.weight, k.attainment, k.cap);
  }
  for (const p of contract.payments) {
    found.push(p.when, p.min, p.max);
    const pricing = p.pricing;
    switch (pricing.form) {
      case 'amount':
        found.push(pricing.amount);
        break;
      case 'price':
        found.push(pricing.quantity, pricing.price);
        break;
      case 'tiers':
        found.push(pricing.quantity);
        for (const t of pricing.tiers) found.push(t.price, t.flat);
        break;
      case 'package':
        found.push(pricing.quantity, pricing.price);
        break;
    }
  }
  found.push(contract.limits?.min, contract.limits?.max);
  const byStart = new Map<number, ExprText>();
  for (const et of found) if (et !== undefined && !byStart.has(et.span.start)) byStart.set(et.span.start, et);
  return [...byStart.values()].sort((a, b) => a.span.start - b.span.start);
}
