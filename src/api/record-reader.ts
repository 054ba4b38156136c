// Library API, expressions: a rule's read plan -> its RecordReader and the maker of its evaluate,
// each rule taking the next of the generated copies so its hot functions keep their own feedback.
import type { ReadPlan, RecordReader } from './record-admit.js';
import { RECORD_READERS, RULE_EVALUATORS } from './record-readers.generated.js';
import type { RuleEvaluate, RuleParts } from './rule-parts.js';

let next = 0;

/** A rule's reader and the maker of its evaluate, from the same generated copy. */
export interface RuleMakers {
  readonly read: RecordReader;
  readonly makeEvaluate: (parts: RuleParts) => RuleEvaluate;
}

/**
 * The reader of a plan and a maker of evaluate. Rules take the generated copies in turn
 * (round-robin): up to RECORD_READERS.length rules each run through functions of their own,
 * whose keyed loads and calls stay monomorphic; past that, rules share copies and those reads
 * slow to a hash lookup (results do not change). Why: scripts/gen-record-readers.mjs.
 */
export function takeRuleMakers(plan: ReadPlan): RuleMakers {
  const i = next;
  next = (next + 1) % RECORD_READERS.length;
  return { read: (RECORD_READERS[i] as (plan: ReadPlan) => RecordReader)(plan), makeEvaluate: RULE_EVALUATORS[i] as (parts: RuleParts) => RuleEvaluate };
}
