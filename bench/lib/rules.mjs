// R1-R5 of the issue in every engine's own language, over the same data (JS numbers for the
// peers; exact decimal text for attain). Units are spelled out as the peers need them:
// 20% = 0.2, 2 min = 120 s, 500 RUB = 500.
import { compileExpression } from 'filtrex';
import exprEval from 'expr-eval';
import { parse as celParse } from '@marcbachmann/cel-js';
import jsonLogic from 'json-logic-js';
import { Engine } from 'json-rules-engine';

export const RULE_TEXT = [
  'bounce_rate < 20% and avg_time_on_site >= 2 min',
  'direct_sessions / sessions >= 60%',
  '(likes + comments + shares) / reach >= 5%',
  'if R1 then min(leads * 500 RUB, 150000 RUB) else 0 RUB',
  'growth(followers) >= 10%',
];

/** Hand-written JS: what a developer would write without a rules engine (binary floats). */
export const HAND = [
  (d) => d.bounce_rate < 0.2 && d.avg_time_on_site >= 120,
  (d) => d.direct_sessions / d.sessions >= 0.6,
  (d) => (d.likes + d.comments + d.shares) / d.reach >= 0.05,
  (d) => (d.bounce_rate < 0.2 && d.avg_time_on_site >= 120 ? Math.min(d.leads * 500, 150000) : 0),
  (d) => (d.followers - d.followers_prev) / d.followers_prev >= 0.1,
];

const INFIX = [
  'bounce_rate < 0.2 and avg_time_on_site >= 120',
  'direct_sessions / sessions >= 0.6',
  '(likes + comments + shares) / reach >= 0.05',
  null,
  '(followers - followers_prev) / followers_prev >= 0.1',
];

function filtrexRules() {
  const src = [...INFIX];
  src[3] = 'if bounce_rate < 0.2 and avg_time_on_site >= 120 then min(leads * 500, 150000) else 0';
  return src.map((s) => compileExpression(s));
}

function exprEvalRules() {
  const parser = new exprEval.Parser();
  const src = [...INFIX];
  src[3] = '(bounce_rate < 0.2 and avg_time_on_site >= 120) ? min(leads * 500, 150000) : 0';
  return src.map((s) => {
    const e = parser.parse(s);
    return (d) => e.evaluate(d);
  });
}

function celRules() {
  const src = [
    'bounce_rate < 0.2 && avg_time_on_site >= 120.0',
    'direct_sessions / sessions >= 0.6',
    '(likes + comments + shares) / reach >= 0.05',
    'bounce_rate < 0.2 && avg_time_on_site >= 120.0 ? (leads * 500.0 < 150000.0 ? leads * 500.0 : 150000.0) : 0.0',
    '(followers - followers_prev) / followers_prev >= 0.1',
  ];
  return src.map((s) => celParse(s));
}

const v = (name) => ({ var: name });
const R1_LOGIC = { and: [{ '<': [v('bounce_rate'), 0.2] }, { '>=': [v('avg_time_on_site'), 120] }] };

function jsonLogicRules() {
  const logic = [
    R1_LOGIC,
    { '>=': [{ '/': [v('direct_sessions'), v('sessions')] }, 0.6] },
    { '>=': [{ '/': [{ '+': [v('likes'), v('comments'), v('shares')] }, v('reach')] }, 0.05] },
    { if: [R1_LOGIC, { min: [{ '*': [v('leads'), 500] }, 150000] }, 0] },
    { '>=': [{ '/': [{ '-': [v('followers'), v('followers_prev')] }, v('followers_prev')] }, 0.1] },
  ];
  return logic.map((l) => (d) => jsonLogic.apply(l, d));
}

/** json-rules-engine has no arithmetic: derived values are facts computed by functions. */
function jsonRulesEngineRules() {
  const fact = (engine, name, fn) => engine.addFact(name, async (_p, a) => fn(async (k) => a.factValue(k)));
  const make = (conditions, facts) => {
    const e = new Engine([], { allowUndefinedFacts: true });
    for (const [name, fn] of facts) fact(e, name, fn);
    e.addRule({ conditions, event: { type: 'met' } });
    return e;
  };
  const r1c = { all: [{ fact: 'bounce_rate', operator: 'lessThan', value: 0.2 }, { fact: 'avg_time_on_site', operator: 'greaterThanInclusive', value: 120 }] };
  const bool = (e) => async (d) => (await e.run(d)).events.length > 0;
  const r4 = make(r1c, [['lead_pay', async (g) => Math.min((await g('leads')) * 500, 150000)]]);
  return [
    bool(make(r1c, [])),
    bool(make({ all: [{ fact: 'direct_share', operator: 'greaterThanInclusive', value: 0.6 }] }, [['direct_share', async (g) => (await g('direct_sessions')) / (await g('sessions'))]])),
    bool(make({ all: [{ fact: 'engagement_rate', operator: 'greaterThanInclusive', value: 0.05 }] }, [['engagement_rate', async (g) => ((await g('likes')) + (await g('comments')) + (await g('shares'))) / (await g('reach'))]])),
    async (d) => {
      const { events, almanac } = await r4.run(d);
      return events.length > 0 ? almanac.factValue('lead_pay') : 0;
    },
    bool(make({ all: [{ fact: 'follower_growth', operator: 'greaterThanInclusive', value: 0.1 }] }, [['follower_growth', async (g) => ((await g('followers')) - (await g('followers_prev'))) / (await g('followers_prev'))]])),
  ];
}

/**
 * The peers: name, version label, the five rule functions of a number record, whether they are
 * async, and how many records they get per round (json-rules-engine is ~1000x slower).
 */
export function peerEngines() {
  return [
    { name: 'filtrex 3.1', rules: filtrexRules() },
    { name: 'cel-js 8.0', rules: celRules() },
    { name: 'expr-eval 2.0', rules: exprEvalRules() },
    { name: 'json-logic-js 2.0', rules: jsonLogicRules() },
    { name: 'json-rules-engine 7.3', rules: jsonRulesEngineRules(), async: true, maxRecords: 2000 },
  ];
}
