// Library API, expressions: a rule's read plan -> its RecordReader (plain record -> fast slots),
// each rule taking the next of the generated readers so its record reads keep their own feedback.
import type { ReadPlan, RecordReader } from './record-admit.js';
import { RECORD_READERS } from './record-readers.generated.js';

let next = 0;

/**
 * The reader of a plan. Rules take the generated readers in turn (round-robin): up to
 * RECORD_READERS.length rules each read records through a function of their own, whose keyed
 * loads stay monomorphic; past that, rules share readers and those reads slow to a hash lookup
 * (results do not change). Why: scripts/gen-record-readers.mjs.
 */
export function makeRecordReader(plan: ReadPlan): RecordReader {
  const make = RECORD_READERS[next] as (plan: ReadPlan) => RecordReader;
  next = (next + 1) % RECORD_READERS.length;
  return make(plan);
}
