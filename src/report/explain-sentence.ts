// Rendering (stage 9): the sentence of a KPI's explanation (evaluate/explanation.ts data) -> one
// line of text in a locale: `bounce_rate 17.5% <= 20% (met) and avg_time_on_site 2 min 15 s >=
// 2 min (met)`; ru-RU `bounce_rate 17,5 % <= 20 % (выполнено) and ...`. Names, operators and
// keywords stay as written in the contract; values and outcomes are the locale's.
import type { LocaleId } from '../contract/model.js';
import type { ExplainNode, ExplainSide, KpiExplanation, Outcome } from '../evaluate/explanation.js';
import type { Value } from '../language/values.js';
import type { ValueType } from '../language/value-types.js';
import { formatValueText } from './locale/format-value.js';
import { translator } from './locale/messages.js';
import { localeSentences, plannedSidesText, type LocaleSentences } from './sentence-plan.js';

/** A value of an explanation in its display unit (`17.5%`, `2 min 15 s`, `no data (...)`). */
export function explainValueText(value: Value, type: ValueType, locale: LocaleId = 'en'): string {
  return formatValueText(value, type, locale);
}

/** One side of a comparison: `bounce_rate 17.5%`, or the value alone for a constant. */
export function explainSideText(s: ExplainSide, locale: LocaleId = 'en'): string {
  if (s.text === undefined) return typeof s.value === 'object' ? constantText(s.value, s.type, locale) : explainValueText(s.value, s.type, locale);
  return `${s.text} ${explainValueText(s.value, s.type, locale)}`;
}

/**
 * The texts of constant sides (`20%`, `2 min`) by value object, then by type and locale: a
 * constant is one object of the compiled program, written again on every evaluation. Values are
 * immutable, so a text once made stays right; the map goes with the program.
 */
const constantTexts = new WeakMap<object, ConstantText[]>();

/** One text of a constant: usually the only one (one type, one locale per run). */
interface ConstantText {
  readonly locale: LocaleId;
  readonly type: ValueType;
  readonly text: string;
}

function sameType(a: ValueType, b: ValueType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'scalar') return b.kind === 'scalar' && a.flavor === b.flavor;
  if (a.kind === 'money') return b.kind === 'money' && a.currency === b.currency;
  return true;
}

function constantText(value: Exclude<Value, boolean | string>, type: ValueType, locale: LocaleId): string {
  let texts = constantTexts.get(value);
  if (texts === undefined) {
    texts = [];
    constantTexts.set(value, texts);
  }
  for (const t of texts) if (t.locale === locale && sameType(t.type, type)) return t.text;
  const text = explainValueText(value, type, locale);
  texts.push({ locale, type, text });
  return text;
}

/** The outcome as a word of the locale: `met`, `выполнено`, `atteint`. */
export function outcomeWord(o: Outcome, locale: LocaleId = 'en'): string {
  return translator(locale)(OUTCOME_KEYS[o]);
}

/** The message keys, written out: a key built per call is a new string to hash on every lookup. */
const OUTCOME_KEYS = { met: 'explain.outcome.met', missed: 'explain.outcome.missed', 'no-data': 'explain.outcome.no-data' } as const;

/** `(met)` per locale and outcome, made once. */
const parens = new Map<LocaleId, Readonly<Record<Outcome, string>>>();

function paren(o: Outcome, locale: LocaleId): string {
  let words = parens.get(locale);
  if (words === undefined) {
    words = { met: `(${outcomeWord('met', locale)})`, missed: `(${outcomeWord('missed', locale)})`, 'no-data': `(${outcomeWord('no-data', locale)})` };
    parens.set(locale, words);
  }
  return words[o];
}

/**
 * The one-line sentence of an explanation tree. Comparisons are written by their plan
 * (sentence-plan.ts: made once per compiled comparison and locale); the text is that of
 * explainNodeTextReference.
 */
export function explainNodeText(e: ExplainNode, locale: LocaleId = 'en'): string {
  return nodeText(e, localeSentences(locale));
}

function nodeText(e: ExplainNode, l: LocaleSentences): string {
  switch (e.kind) {
    case 'comparison':
    case 'between':
      return plannedSidesText(e, l) ?? explainNodeTextReference(e, l.locale);
    case 'membership':
      return membershipText(e, l.locale, l.paren[e.outcome]);
    case 'logical': {
      const joint = e.op === 'and' ? ' and ' : ' or ';
      let text = '';
      for (let i = 0; i < e.operands.length; i++) {
        const o = e.operands[i] as ExplainNode;
        const part = o.kind === 'logical' ? `(${nodeText(o, l)})` : nodeText(o, l);
        text = i === 0 ? part : text + joint + part;
      }
      return text;
    }
    case 'not':
      return `not (${nodeText(e.operand, l)})`;
    case 'condition':
      return typeof e.value === 'boolean' ? `${e.text} ${l.paren[e.outcome]}` : `${e.text} ${explainValueText(e.value, e.type, l.locale)}`;
    case 'opaque':
      return `${opaqueText(e)} ${l.paren[e.outcome]}`;
  }
}

/**
 * The sentence of an explanation tree written node by node from the data, with no plan: the
 * reference explainNodeText must equal (test/property/explain-sentence.prop.test.ts). @internal
 */
export function explainNodeTextReference(e: ExplainNode, locale: LocaleId = 'en'): string {
  switch (e.kind) {
    case 'comparison':
      return `${explainSideText(e.left, locale)} ${e.op} ${explainSideText(e.right, locale)} ${paren(e.outcome, locale)}`;
    case 'between':
      return `${explainSideText(e.value, locale)} between ${explainSideText(e.low, locale)} and ${explainSideText(e.high, locale)} ${paren(e.outcome, locale)}`;
    case 'membership':
      return membershipText(e, locale, paren(e.outcome, locale));
    case 'logical': {
      // A loop rather than map + join: no array per sentence (one per KPI per evaluation).
      const joint = e.op === 'and' ? ' and ' : ' or ';
      let text = '';
      for (let i = 0; i < e.operands.length; i++) {
        const o = e.operands[i] as ExplainNode;
        const part = o.kind === 'logical' ? `(${explainNodeTextReference(o, locale)})` : explainNodeTextReference(o, locale);
        text = i === 0 ? part : text + joint + part;
      }
      return text;
    }
    case 'not':
      return `not (${explainNodeTextReference(e.operand, locale)})`;
    case 'condition':
      return typeof e.value === 'boolean' ? `${e.text} ${paren(e.outcome, locale)}` : `${e.text} ${explainValueText(e.value, e.type, locale)}`;
    case 'opaque':
      return `${opaqueText(e)} ${paren(e.outcome, locale)}`;
  }
}

/** `x 3 in [3, 4] (met)`: the tested value and every item, as a comparison shows its sides. */
function membershipText(e: Extract<ExplainNode, { kind: 'membership' }>, locale: LocaleId, outcome: string): string {
  let items = '';
  for (let i = 0; i < e.items.length; i++) items += (i === 0 ? '' : ', ') + explainSideText(e.items[i] as ExplainSide, locale);
  return `${explainSideText(e.value, locale)} in [${items}] ${outcome}`;
}

/** The text of a target that is not an expression tree: `JSON Logic {...}` or as written. */
export function opaqueText(e: Extract<ExplainNode, { kind: 'opaque' }>): string {
  return e.jsonlogic ? `JSON Logic ${e.text}` : e.text;
}

/**
 * The sentence of a KPI's explanation: the target's comparisons, or why the period window
 * excluded it. JSON's `explanation` is this in `en`; the documents for people use their locale.
 */
export function kpiExplanationText(e: KpiExplanation, locale: LocaleId = 'en'): string {
  if (e.kind === 'target') return explainNodeText(e.target, locale);
  const t = translator(locale);
  const window = [e.from === undefined ? '' : t('explain.from_period', { n: e.from }), e.until === undefined ? '' : t('explain.until_period', { n: e.until })]
    .filter((p) => p !== '')
    .join(' ');
  return t('explain.excluded_window', { window, index: e.periodIndex });
}
