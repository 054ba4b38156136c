// Stage 6 (checkContract): payments and limits. Each `when` is a condition, amounts, prices, flat
// fees and bounds are money in the contract currency, quantities are plain numbers; tiers ascend
// with only the last lacking up_to; constant bounds have min <= max.
import type { LimitsDecl, PaymentDecl, PricingDecl, TierDecl } from '../contract/model.js';
import { diag } from '../diagnostics/codes.js';
import { assertNever } from '../diagnostics/diagnostic.js';
import type { CheckSession } from './session.js';
import { booleanRule, checkBounds, moneyRule, scalarRule } from './field-rules.js';
import type { CheckedContract, CheckedPayment, CheckedPricing, CheckedTier } from './checked-contract.js';
import { parseDecimal, ZERO } from '../numbers/rational.js';
import type { Rational } from '../numbers/rational.js';

/** A checked payment line, or undefined when any of its expressions failed (reported). */
export function checkPayment(s: CheckSession, p: PaymentDecl): CheckedPayment | undefined {
  const cur = s.contract.currency.value;
  const name = `payment "${p.id}"`;
  const when = s.field(p.when, booleanRule(`when of ${name}`));
  const pricing = checkPricing(s, p.pricing, name);
  const min = s.field(p.min, moneyRule(`min of ${name}`, cur));
  const max = s.field(p.max, moneyRule(`max of ${name}`, cur));
  checkBounds(name, min, max, s.diagnostics);
  const failed = (p.when !== undefined && when === undefined) || (p.min !== undefined && min === undefined) || (p.max !== undefined && max === undefined);
  if (failed || pricing === undefined) return undefined;
  return {
    decl: p,
    pricing,
    ...(when === undefined ? {} : { when }),
    ...(min === undefined ? {} : { min }),
    ...(max === undefined ? {} : { max }),
  };
}

function checkPricing(s: CheckSession, pricing: PricingDecl, name: string): CheckedPricing | undefined {
  const cur = s.contract.currency.value;
  const quantityRule = scalarRule(`the quantity of ${name}`);
  switch (pricing.form) {
    case 'amount': {
      const amount = s.field(pricing.amount, moneyRule(`the amount of ${name}`, cur));
      return amount === undefined ? undefined : { form: 'amount', amount };
    }
    case 'price': {
      const quantity = s.field(pricing.quantity, quantityRule);
      const price = s.field(pricing.price, moneyRule(`the price of ${name}`, cur));
      return quantity === undefined || price === undefined ? undefined : { form: 'price', quantity, price };
    }
    case 'tiers': {
      const quantity = s.field(pricing.quantity, quantityRule);
      const tiers = checkTiers(s, pricing.tiers, pricing.tiersSpan, name);
      return quantity === undefined || tiers === undefined ? undefined : { form: 'tiers', quantity, mode: pricing.mode.value, tiers };
    }
    case 'package': {
      const quantity = s.field(pricing.quantity, quantityRule);
      const price = s.field(pricing.price, moneyRule(`the package price of ${name}`, cur));
      const size = positiveDecimal(s, pricing.size.value, pricing.size.span, `package size of ${name}`, false);
      const free = pricing.freeUnits === undefined ? ZERO : positiveDecimal(s, pricing.freeUnits.value, pricing.freeUnits.span, `free_units of ${name}`, true);
      if (quantity === undefined || price === undefined || size === undefined || free === undefined) return undefined;
      return { form: 'package', quantity, size, price, freeUnits: free };
    }
    default:
      return assertNever(pricing, 'pricing form');
  }
}

function positiveDecimal(s: CheckSession, text: string, span: CheckedTier['span'], what: string, zeroOk: boolean): Rational | undefined {
  const v = parseDecimal(text);
  if (v === undefined || v.compare(ZERO) < 0 || (!zeroOk && v.compare(ZERO) === 0)) {
    s.diagnostics.push(diag('E059', span, { reason: `${what} must be a number ${zeroOk ? 'of 0 or more' : 'above 0'}` }));
    return undefined;
  }
  return v;
}

/** E051: tiers ascend strictly by up_to; only the last lacks up_to; each has a price or flat. */
function checkTiers(s: CheckSession, tiers: readonly TierDecl[], span: CheckedTier['span'], name: string): CheckedTier[] | undefined {
  const cur = s.contract.currency.value;
  if (tiers.length === 0) {
    s.diagnostics.push(diag('E051', span, { reason: `${name} has no tiers` }));
    return undefined;
  }
  const out: CheckedTier[] = [];
  let ok = true;
  let last: Rational | undefined;
  tiers.forEach((t, i) => {
    const isLast = i === tiers.length - 1;
    const upTo = t.upTo === undefined ? undefined : parseDecimal(t.upTo.value);
    const where = t.upTo?.span ?? t.span;
    const fail = (reason: string): void => {
      s.diagnostics.push(diag('E051', where, { reason }));
      ok = false;
    };
    if (t.upTo !== undefined && upTo === undefined) fail(`up_to of tier ${i + 1} must be a number`);
    else if (isLast && upTo !== undefined) fail(`the last tier of ${name} must not have up_to (it takes the rest)`);
    else if (!isLast && upTo === undefined) fail(`tier ${i + 1} of ${name} needs up_to (only the last tier has none)`);
    else if (upTo !== undefined && upTo.compare(last ?? ZERO) <= 0) {
      fail(last === undefined ? `up_to of the first tier must be above 0` : `tiers must ascend: up_to ${t.upTo?.value ?? ''} is not above the previous tier's`);
    }
    if (upTo !== undefined) last = upTo;
    if (t.price === undefined && t.flat === undefined) fail(`tier ${i + 1} of ${name} needs a price or a flat fee`);
    const price = s.field(t.price, moneyRule(`the price of tier ${i + 1} of ${name}`, cur));
    const flat = s.field(t.flat, moneyRule(`the flat fee of tier ${i + 1} of ${name}`, cur));
    if ((t.price !== undefined && price === undefined) || (t.flat !== undefined && flat === undefined)) ok = false;
    out.push({
      ...(upTo === undefined ? {} : { upTo }),
      ...(price === undefined ? {} : { price }),
      ...(flat === undefined ? {} : { flat }),
      span: t.span,
    });
  });
  return ok ? out : undefined;
}

/** Limits on the invoice total: money bounds, min <= max when constant. */
export function checkLimits(s: CheckSession, limits: LimitsDecl | undefined): CheckedContract['limits'] | 'failed' {
  if (limits === undefined) return undefined;
  const cur = s.contract.currency.value;
  const min = s.field(limits.min, moneyRule('limits min', cur));
  const max = s.field(limits.max, moneyRule('limits max', cur));
  checkBounds('limits', min, max, s.diagnostics);
  if ((limits.min !== undefined && min === undefined) || (limits.max !== undefined && max === undefined)) return 'failed';
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), span: limits.span };
}
