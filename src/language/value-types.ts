// Static types of expression values (stage 6): booleans, strings and quantities with a unit.
// count, number, ratio and percent are dimensionless and mix freely; duration and money carry a
// dimension (money one per currency). The flavor only decides how a value is displayed.

export type ScalarFlavor = 'count' | 'number' | 'ratio' | 'percent';

export type ValueType =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'string' }
  | { readonly kind: 'scalar'; readonly flavor: ScalarFlavor }
  | { readonly kind: 'duration' }
  | { readonly kind: 'money'; readonly currency: string };

export const BOOLEAN: ValueType = { kind: 'boolean' };
export const STRING: ValueType = { kind: 'string' };
export const DURATION: ValueType = { kind: 'duration' };
export function scalar(flavor: ScalarFlavor): ValueType {
  return { kind: 'scalar', flavor };
}
export function money(currency: string): ValueType {
  return { kind: 'money', currency };
}

/** Human name of a type for messages: "duration", "money (RUB)", "percent". */
export function describeType(t: ValueType): string {
  switch (t.kind) {
    case 'boolean':
      return 'a condition (true/false)';
    case 'string':
      return 'text';
    case 'scalar':
      return t.flavor;
    case 'duration':
      return 'duration';
    case 'money':
      return `money (${t.currency})`;
  }
}

export function isQuantity(t: ValueType): boolean {
  return t.kind === 'scalar' || t.kind === 'duration' || t.kind === 'money';
}

/** Same dimension (all scalars are one dimension; money must share the currency). */
export function sameDimension(a: ValueType, b: ValueType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'money' && b.kind === 'money') return a.currency === b.currency;
  return true;
}
