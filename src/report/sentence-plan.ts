// Rendering support: a comparison's explanation (ExplainNode data) -> its sentence in a locale by a
// plan made once per compiled comparison and locale: fixed texts around one writer per value.
import type { LocaleId } from '../contract/model.js';
import type { Span } from '../diagnostics/diagnostic.js';
import type { ExplainNode, ExplainSide, Outcome } from '../evaluate/explanation.js';
import type { Value } from '../language/values.js';
import type { ValueType } from '../language/value-types.js';
import { isRational } from '../numbers/rational.js';
import { formatValueText, quantityWriter } from './locale/format-value.js';
import { translator } from './locale/messages.js';

type Comparison = Extract<ExplainNode, { kind: 'comparison' }>;
type Between = Extract<ExplainNode, { kind: 'between' }>;

/** A value of one display type in one locale: formatValueText with its lookups done once. */
type ValueWriter = (v: Value) => string;

/** What a plan was made from, per side: the text (absent for a constant), type and constant. */
interface PlannedSide {
  readonly text: string | undefined;
  readonly type: ValueType;
  /** The constant's own value (compared by identity); undefined for a side with text. */
  readonly constant: Value | undefined;
}

/**
 * A comparison's sentence: `head + wl(left) + mid + wr(right) + tails[outcome]`, a writer for
 * each side with text (a constant's text is one of the fixed texts). `bounce_rate <= 20%` in en:
 * head `bounce_rate `, wl writes the percent, tails ` <= 20% (met)`, ` <= 20% (missed)`, ...
 */
interface ComparisonPlan {
  readonly kind: 'comparison';
  readonly op: string;
  readonly left: PlannedSide;
  readonly right: PlannedSide;
  readonly head: string;
  readonly wl: ValueWriter | undefined;
  readonly mid: string;
  readonly wr: ValueWriter | undefined;
  readonly tails: Readonly<Record<Outcome, string>>;
}

/**
 * A `between`'s sentence: `head + w0(v0) + gaps[0] + w1(v1) + ... + tails[outcome]`, the values
 * those of the sides at `reads` (value, low, high: the ones with text).
 */
interface BetweenPlan {
  readonly kind: 'between';
  readonly sides: readonly PlannedSide[];
  readonly head: string;
  readonly reads: readonly number[];
  readonly writers: readonly ValueWriter[];
  readonly gaps: readonly string[];
  readonly tails: Readonly<Record<Outcome, string>>;
}

/** The plans and outcome words of one locale. */
export interface LocaleSentences {
  readonly locale: LocaleId;
  /** `(met)`, `(выполнено)`: the outcome in parentheses. */
  readonly paren: Readonly<Record<Outcome, string>>;
  /**
   * Plans by the span object of the node's first side with text: a constant of the compiled
   * node, the same on every evaluation. Each use checks the plan against the node's fixed parts
   * (operator, texts, types, constants), so a plan only ever writes the node it was made from.
   */
  readonly plans: WeakMap<Span, ComparisonPlan | BetweenPlan>;
}

const byLocale = new Map<LocaleId, LocaleSentences>();
/** The locale asked last: a run writes one locale at a time, so this skips the map. */
let last: LocaleSentences | undefined;

/** The sentence state of `locale` (made once). */
export function localeSentences(locale: LocaleId): LocaleSentences {
  if (last !== undefined && last.locale === locale) return last;
  let l = byLocale.get(locale);
  if (l === undefined) {
    const t = translator(locale);
    const paren = {
      met: `(${t('explain.outcome.met')})`,
      missed: `(${t('explain.outcome.missed')})`,
      'no-data': `(${t('explain.outcome.no-data')})`,
    };
    l = { locale, paren, plans: new WeakMap() };
    byLocale.set(locale, l);
  }
  last = l;
  return l;
}

function valueWriter(type: ValueType, locale: LocaleId): ValueWriter {
  const quantity = quantityWriter(type, locale);
  return (v) => (isRational(v) ? quantity(v) : formatValueText(v, type, locale));
}

function plannedSide(s: ExplainSide): PlannedSide {
  return { text: s.text, type: s.type, constant: s.text === undefined ? s.value : undefined };
}

function sameSide(p: PlannedSide, s: ExplainSide): boolean {
  return p.text === s.text && p.type === s.type && (p.text !== undefined || p.constant === s.value);
}

function tailsOf(end: string, l: LocaleSentences): Readonly<Record<Outcome, string>> {
  return { met: end + l.paren.met, missed: end + l.paren.missed, 'no-data': end + l.paren['no-data'] };
}

/** The plan of a comparison in `l` (explainNodeTextReference's text, cut at the values). */
function makeComparisonPlan(e: Comparison, l: LocaleSentences): ComparisonPlan {
  const { left, right, op } = e;
  const wl = left.text === undefined ? undefined : valueWriter(left.type, l.locale);
  const wr = right.text === undefined ? undefined : valueWriter(right.type, l.locale);
  const rightText = right.text === undefined ? `${formatValueText(right.value, right.type, l.locale)} ` : `${right.text} `;
  // The fixed text after the left side's value (or after the left constant).
  const afterLeft = ` ${op} ${rightText}`;
  const head = left.text === undefined ? formatValueText(left.value, left.type, l.locale) + afterLeft : `${left.text} `;
  const mid = wl !== undefined && wr !== undefined ? afterLeft : '';
  // After the last value: the right constant (when only the left is written) and the outcome.
  const end = wr !== undefined ? ' ' : wl !== undefined ? afterLeft : '';
  return { kind: 'comparison', op, left: plannedSide(left), right: plannedSide(right), head, wl, mid, wr, tails: tailsOf(end, l) };
}

/** The sentence of a comparison by its plan filed under `key` (made on first use). */
function comparisonText(e: Comparison, key: Span, l: LocaleSentences): string {
  let plan = l.plans.get(key);
  if (plan === undefined || plan.kind !== 'comparison' || plan.op !== e.op || !sameSide(plan.left, e.left) || !sameSide(plan.right, e.right)) {
    plan = makeComparisonPlan(e, l);
    l.plans.set(key, plan);
  }
  const tail = e.outcome === 'met' ? plan.tails.met : e.outcome === 'missed' ? plan.tails.missed : plan.tails['no-data'];
  if (plan.wr === undefined) return plan.wl === undefined ? plan.head + tail : plan.head + plan.wl(e.left.value) + tail;
  if (plan.wl === undefined) return plan.head + plan.wr(e.right.value) + tail;
  return plan.head + plan.wl(e.left.value) + plan.mid + plan.wr(e.right.value) + tail;
}

function sideAt(e: Between, i: number): ExplainSide {
  return i === 0 ? e.value : i === 1 ? e.low : e.high;
}

/** The plan of a `between` in `l` (explainNodeTextReference's text, cut at the values). */
function makeBetweenPlan(e: Between, l: LocaleSentences): BetweenPlan {
  const sides: PlannedSide[] = [];
  const reads: number[] = [];
  const writers: ValueWriter[] = [];
  // The fixed texts: texts[k] comes before the k-th value written, the last one after all.
  const texts: string[] = [''];
  const add = (s: string): void => {
    texts[texts.length - 1] += s;
  };
  for (let i = 0; i < 3; i++) {
    const s = sideAt(e, i);
    if (i > 0) add(i === 1 ? ' between ' : ' and ');
    sides.push(plannedSide(s));
    if (s.text === undefined) add(formatValueText(s.value, s.type, l.locale));
    else {
      add(`${s.text} `);
      reads.push(i);
      writers.push(valueWriter(s.type, l.locale));
      texts.push('');
    }
  }
  const tails = tailsOf(`${texts.pop() ?? ''} `, l);
  const head = texts.shift() ?? '';
  return { kind: 'between', sides, head, reads, writers, gaps: texts, tails };
}

function fitsBetween(plan: BetweenPlan, e: Between): boolean {
  for (let i = 0; i < 3; i++) if (!sameSide(plan.sides[i] as PlannedSide, sideAt(e, i))) return false;
  return true;
}

/** The sentence of a `between` by its plan filed under `key` (made on first use). */
function betweenText(e: Between, key: Span, l: LocaleSentences): string {
  let plan = l.plans.get(key);
  if (plan === undefined || plan.kind !== 'between' || !fitsBetween(plan, e)) {
    plan = makeBetweenPlan(e, l);
    l.plans.set(key, plan);
  }
  const { reads, writers, gaps } = plan;
  let text = plan.head;
  for (let k = 0; k < reads.length; k++) {
    text += (writers[k] as ValueWriter)(sideAt(e, reads[k] as number).value);
    if (k < gaps.length) text += gaps[k] as string;
  }
  return text + plan.tails[e.outcome];
}

/**
 * The sentence of a comparison or `between` by its plan (explainNodeTextReference's text), or
 * undefined when no side has a span to file the plan under (the caller writes it as the reference does).
 */
export function plannedSidesText(e: Comparison | Between, l: LocaleSentences): string | undefined {
  if (e.kind === 'comparison') {
    const key = e.left.span ?? e.right.span;
    return key === undefined ? undefined : comparisonText(e, key, l);
  }
  const key = e.value.span ?? e.low.span ?? e.high.span;
  return key === undefined ? undefined : betweenText(e, key, l);
}
