// Stage 6b (compileProgram) for KPI targets written as JSON Logic: the checked rule
// (src/check/jsonlogic-target.ts) -> a CompiledExpr that runs json-logic-js on the period's
// metric values.
//
// Safety: only the standard operators passed the check (`log` is refused), `var` names a declared
// metric literally, and the data object has a null prototype and holds declared metrics only.
// Precision: metric values are handed to json-logic-js as JS numbers (binary floats, the nearest
// double to the exact value), so a rule can decide a boundary differently from an attain
// expression (0.1 + 0.2 <= 0.3 is false in JSON Logic). Attainment is met-or-missed (100% / 0%)
// unless the KPI gives an explicit `attainment:` expression.
import { createRequire } from 'node:module';
import type { RulesLogic } from 'json-logic-js';
import type { CheckedJsonLogicTarget } from '../check/checked-contract.js';
import { jsonLogicValue } from '../check/jsonlogic-target.js';
import type { Value } from '../language/values.js';
import { toDecimalString } from '../numbers/rational.js';
import { asFrame, noData } from './frame.js';
import type { CompiledExpr, EvalContext } from './program.js';

type JsonLogic = typeof import('json-logic-js');
let loaded: JsonLogic | undefined;

/** json-logic-js, loaded on the first rule run: most contracts have none, and `import('attain')` stays light. */
function jsonLogic(): JsonLogic {
  return (loaded ??= createRequire(import.meta.url)('json-logic-js') as JsonLogic);
}

/** The closure of a checked JSON Logic target (a condition). */
export function compileJsonLogicTarget(target: CheckedJsonLogicTarget): CompiledExpr {
  const rule = jsonLogicValue(target.jsonlogic);
  const { span, metricSlots, reads } = target;
  return {
    expr: target.expr,
    type: target.type,
    span,
    evaluate(ctx: EvalContext): Value {
      const frame = asFrame(ctx);
      for (const [name, at] of reads) {
        if (frame.metrics[metricSlots.get(name) ?? -1] === undefined) return noData(`metric "${name}" missing in ${frame.period}`, at);
      }
      const data = Object.create(null) as { [k: string]: number };
      for (const [name, slot] of metricSlots) {
        const v = frame.metrics[slot];
        // The nearest double to the exact value (20 significant digits are more than enough).
        if (v !== undefined) Object.defineProperty(data, name, { value: Number(toDecimalString(v.value, 20)), enumerable: true });
      }
      try {
        const logic = jsonLogic();
        return logic.truthy(logic.apply(rule as RulesLogic, data));
      } catch (e) {
        return noData(`the JSON Logic rule failed: ${e instanceof Error ? e.message : String(e)}`, span);
      }
    },
  };
}
