// Tests for report/sentence-plan.ts: a comparison's or between's sentence by its plan is the
// reference sentence, for every side layout, and a plan never writes a node it was not made from.
import { describe, expect, it } from 'vitest';
import type { Span } from '../../../src/diagnostics/diagnostic.js';
import type { ExplainNode, ExplainSide } from '../../../src/evaluate/explanation.js';
import { DURATION, money, scalar } from '../../../src/language/value-types.js';
import { divRationals, rational } from '../../../src/numbers/rational.js';
import { explainNodeTextReference } from '../../../src/report/explain-sentence.js';
import { LOCALES } from '../../../src/report/locale/messages.js';
import { localeSentences, plannedSidesText } from '../../../src/report/sentence-plan.js';

const PERCENT = scalar('percent');
const span = (start: number): Span => ({ file: 'c.yaml', start, end: start + 1 });
const ratio = (n: number, d: number): ReturnType<typeof rational> => divRationals(rational(n), rational(d));
const read = (text: string, at: Span, value: ExplainSide['value'], type = PERCENT): ExplainSide => ({ text, span: at, value, type });
const constant = (value: ExplainSide['value'], type = PERCENT): ExplainSide => ({ value, type });
type SidesNode = Extract<ExplainNode, { kind: 'comparison' | 'between' }>;

function planned(e: SidesNode, locale: (typeof LOCALES)[number] = 'en'): string | undefined {
  return plannedSidesText(e, localeSentences(locale));
}

describe('plannedSidesText', () => {
  const twenty = ratio(1, 5);
  const at = span(10);

  it('writes a side and a constant as the reference does, in each locale', () => {
    const e: SidesNode = { kind: 'comparison', op: '<=', left: read('bounce_rate', at, ratio(7, 40)), right: constant(twenty), outcome: 'met' };
    expect(planned(e)).toBe('bounce_rate 17.5% <= 20% (met)');
    expect(planned(e, 'ru-RU')).toBe('bounce_rate 17,5\u00a0% <= 20\u00a0% (выполнено)');
    for (const locale of LOCALES) expect(planned({ ...e, outcome: 'missed' }, locale)).toBe(explainNodeTextReference({ ...e, outcome: 'missed' }, locale));
  });

  it('writes every layout of sides and values that are not quantities', () => {
    const noData = { kind: 'NoData' as const, reason: 'metric "x" missing', span: at };
    const nodes: SidesNode[] = [
      { kind: 'comparison', op: '>=', left: constant(twenty), right: read('r', span(20), ratio(3, 10)), outcome: 'missed' },
      { kind: 'comparison', op: '<', left: read('t', span(30), rational(135), DURATION), right: read('u', span(31), noData, DURATION), outcome: 'no-data' },
      { kind: 'comparison', op: '==', left: read('name', span(40), 'acme', { kind: 'string' }), right: constant('acme', { kind: 'string' }), outcome: 'met' },
      { kind: 'between', value: read('m', span(50), rational(150000), money('RUB')), low: constant(rational(100), money('RUB')), high: read('cap', span(51), ratio(4001, 2), money('RUB')), outcome: 'met' },
      { kind: 'between', value: constant(rational(5), scalar('count')), low: read('lo', span(60), rational(1), scalar('count')), high: constant(rational(9), scalar('count')), outcome: 'met' },
    ];
    for (const e of nodes) for (const locale of LOCALES) expect(planned(e, locale)).toBe(explainNodeTextReference(e, locale));
  });

  it('makes a new plan when a node under the same span differs in a fixed part', () => {
    const base: SidesNode = { kind: 'comparison', op: '<=', left: read('p', span(70), ratio(1, 8)), right: constant(twenty), outcome: 'met' };
    const key = base.left.span as Span;
    const variants: SidesNode[] = [
      base,
      { ...base, op: '>' },
      { ...base, left: read('q', key, ratio(1, 8)) },
      { ...base, left: read('p', key, ratio(1, 8), scalar('ratio')), right: constant(twenty, scalar('ratio')) },
      { ...base, right: constant(ratio(1, 4)) },
      { kind: 'between', value: base.left, low: constant(ratio(1, 10)), high: constant(twenty), outcome: 'missed' },
      base,
    ];
    for (const e of variants) expect(planned(e)).toBe(explainNodeTextReference(e));
  });

  it('leaves a node with no side to file a plan under to the caller', () => {
    expect(planned({ kind: 'comparison', op: '<', left: constant(rational(1)), right: constant(twenty), outcome: 'met' })).toBeUndefined();
  });
});
