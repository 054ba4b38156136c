// Data stage support: one raw data value (RawValue) -> an exact Quantity (number, percent,
// duration or money) read from its source text, or E065 located at the value.
//
// Plain decimal text is read with parseDecimal; anything else goes through the project's
// expression parser, and only a literal (or unary minus on one) is accepted.
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { TextOrigin } from '../diagnostics/source.js';
import type { RawValue } from '../contract/model.js';
import { parseDecimal, parseSimpleDecimal, HUNDRED, type Rational } from '../numbers/rational.js';
import type { Expr } from '../parser/ast.js';
import { parseExpression } from '../parser/parse.js';

export type QuantityKind = 'number' | 'percent' | 'duration' | 'money';

/** A value read exactly: number as written, percent as a fraction, duration in seconds, money in units. */
export interface Quantity {
  readonly kind: QuantityKind;
  readonly value: Rational;
  /** ISO 4217 code, for money only. */
  readonly currency?: string;
}

export interface QuantityResult {
  readonly quantity?: Quantity;
  readonly diagnostics: readonly Diagnostic[];
}

/** Decimal text as YAML and CSV exports write it (`12000`, `-0.175`, `1.2e5`); never via floats. */
const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const SECONDS: Readonly<Record<'s' | 'min' | 'h' | 'd', number>> = { s: 1, min: 60, h: 3600, d: 86400 };

/** The value as it should appear in a message (long text shortened). */
export function shownValue(raw: RawValue): string {
  const text = typeof raw.value === 'string' || raw.source === '' ? String(raw.value) : raw.source;
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/**
 * The value of a raw value written as a short plain decimal (`12000`, `-0.175`: see
 * parseSimpleDecimal), read without regexes; undefined for anything else. When defined, it is the
 * value of readQuantity's `number` quantity: the fast path of data files, whose values are
 * mostly such numbers.
 */
export function readPlainNumber(raw: RawValue): Rational | undefined {
  const v = raw.value;
  if (typeof v === 'string') return parseSimpleDecimal(v);
  if (typeof v === 'number') return parseSimpleDecimal(raw.source);
  return undefined;
}

/** Read a raw value exactly. Booleans, null, NaN/Infinity, huge numbers and non-literals are E065. */
export function readQuantity(raw: RawValue): QuantityResult {
  const v = raw.value;
  if (v === null || typeof v === 'boolean') {
    return notANumber(raw, `${v === null ? 'an empty value' : String(v)} is not a number`);
  }
  if (typeof v === 'number') return readDecimal(raw, raw.source.trim());
  const text = v.trim();
  if (text === '') return notANumber(raw, 'an empty value is not a number');
  if (PLAIN_DECIMAL.test(text)) return readDecimal(raw, text);
  const parsed = parseExpression(v, valueOrigin(raw, v));
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  const quantity = errors.length === 0 && parsed.value !== undefined ? literalOf(parsed.value) : undefined;
  if (quantity !== undefined) return { quantity, diagnostics: [] };
  const labels = errors.map((d) => ({ span: d.span, message: d.message }));
  const reason = `"${shownValue(raw)}" is not a number or a quantity such as 17.5%, 135 s or 30000 RUB`;
  return { diagnostics: [diag('E065', raw.span, { reason }, { labels })] };
}

function readDecimal(raw: RawValue, text: string): QuantityResult {
  const value = PLAIN_DECIMAL.test(text) ? parseDecimal(text) : undefined;
  if (value !== undefined) return { quantity: { kind: 'number', value }, diagnostics: [] };
  return notANumber(raw, `${shownValue(raw)} is not a finite decimal number (or has too many digits)`);
}

function notANumber(raw: RawValue, reason: string): QuantityResult {
  const span = raw.span.start === raw.span.end ? raw.keySpan : raw.span;
  return { diagnostics: [diag('E065', span, { reason })] };
}

/** Accept only a literal or `-literal`; anything else (names, operators, strings) is not data. */
function literalOf(expr: Expr): Quantity | undefined {
  if (expr.kind === 'Unary') {
    if (expr.op !== '-' || expr.operand.kind === 'Unary') return undefined;
    const inner = literalOf(expr.operand);
    return inner === undefined ? undefined : { ...inner, value: inner.value.neg() };
  }
  switch (expr.kind) {
    case 'Number':
      return quantity('number', parseDecimal(expr.value));
    case 'Percent': {
      const v = parseDecimal(expr.value);
      return quantity('percent', v === undefined ? undefined : v.div(HUNDRED));
    }
    case 'Duration': {
      let total: Rational | undefined = parseDecimal('0');
      for (const part of expr.parts) {
        const v = parseDecimal(part.value);
        total = v === undefined || total === undefined ? undefined : total.add(v.mul(SECONDS[part.unit]));
      }
      return quantity('duration', total);
    }
    case 'Money': {
      const v = parseDecimal(expr.value);
      return v === undefined ? undefined : { kind: 'money', value: v, currency: expr.currency };
    }
    default:
      return undefined;
  }
}

function quantity(kind: QuantityKind, value: Rational | undefined): Quantity | undefined {
  return value === undefined ? undefined : { kind, value };
}

/**
 * Where the value's text lives in its file, for locating parser diagnostics. Plain scalars and
 * unquoted cells map 1:1; quoted ones start after the quote; text changed by escapes or folding
 * cannot be mapped per character, so every character maps to the value's start.
 */
export function valueOrigin(raw: RawValue, text: string): TextOrigin {
  const { span, source } = raw;
  const scalar = { start: span.start, end: span.end };
  if (source === text) return { file: span.file, base: span.start, scalar };
  const q = source[0];
  if ((q === '"' || q === "'") && source.length >= 2 && source.slice(1, -1) === text) {
    return { file: span.file, base: span.start + 1, scalar };
  }
  const map = Array.from({ length: text.length + 1 }, (_, i) => (i < text.length ? span.start : span.end));
  return { file: span.file, base: span.start, map, scalar };
}
