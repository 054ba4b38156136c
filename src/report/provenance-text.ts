// Rendering support: where a sourced metric value came from (SPEC 9), as explain and the HTML
// report write it: `sessions 12 000 = sum(metrica.visits) over 31 rows of exports/metrica/...`.
//
// Decision: the value is written in the document's locale with its metric's unit, as every value
// of the trace is (`bounce_rate 17,35 %` in ru-RU, not `0.1735`); the formula after `=` stays as
// SPEC 9 writes it in every locale, like the expressions and names the trace quotes as written.
import type { Contract, LocaleId } from '../contract/model.js';
import { metricType } from '../language/units.js';
import { parseDecimal } from '../numbers/rational.js';
import type { SourcesInputs } from './evaluation.js';
import { explainValueText } from './explain-sentence.js';
import { formatDecimal } from './locale/format.js';

type SourcedValue = SourcesInputs['values'][number];

/** `12 000`, `17,35 %`: the value in `locale`, with the unit the contract declares for its metric. */
export function provenanceValueText(v: SourcedValue, contract: Contract, locale: LocaleId): string {
  const unit = contract.metrics.get(v.metric)?.unit.value;
  const value = parseDecimal(v.value);
  return unit === undefined || value === undefined ? formatDecimal(v.value, locale) : explainValueText(value, metricType(unit, contract.currency.value), locale);
}

/** `sum(metrica.visits) over 31 rows of exports/...`, each aggregate of the value, `; ` between. */
export function provenanceFormulaText(v: SourcedValue): string {
  return v.aggregates.map((a) => `${a.aggregate} over ${a.rows} row${a.rows === 1 ? '' : 's'} of ${a.inputs.join(', ')}`).join('; ');
}
