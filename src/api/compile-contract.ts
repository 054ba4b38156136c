// Library API, contracts (SPEC 13): contract text -> a Program checked and compiled once, whose
// evaluate() takes plain objects and returns the SPEC section 5 JSON as plain data.
import { hasErrors, NO_DIAGNOSTICS, type Diagnostic, type Span, type StageResult } from '../diagnostics/diagnostic.js';
import { createSourceFile, sha256Hex, type SourceFile } from '../diagnostics/source.js';
import { bindData } from '../data/bind.js';
import type { PeriodSeries } from '../data/metric-data.js';
import type { CheckedContract } from '../check/checked-contract.js';
import { compileProgram } from '../compile/compile-program.js';
import type { Program as CompiledProgram } from '../compile/program.js';
import { checkContractFile } from '../check/check-file.js';
import { bindSources, evaluateBound } from '../pipeline/evaluate-contract.js';
import type { EvaluationJson } from '../report/evaluation-json.js';
import { evaluationToJson } from '../report/json.js';
import { dataFileText, plainData, type EvaluateInput } from './plain-data.js';
import { plainBinder } from './plain-bind.js';

export interface CompileContractOptions {
  /** Where the text came from: every diagnostic of the contract names it. Default `contract.yaml`. */
  readonly path?: string;
  /** The name data diagnostics give the input (see Program.dataText). Default `data.json`. */
  readonly dataPath?: string;
}

/** A contract checked and compiled once; evaluate it for as many periods and clients as needed. */
export interface Program {
  /** The contract id. */
  readonly contract: string;
  /** The contract text as read, with its path and sha-256 (for rendering diagnostics). */
  readonly source: SourceFile;
  /**
   * Evaluate one period. Returns the SPEC section 5 JSON as plain readonly data (which is also
   * its own `value`, with `diagnostics`: see Evaluated), or no value and located diagnostics (bad
   * data, a missing period, a KPI without data). Never throws on input.
   */
  evaluate(input: EvaluateInput): Evaluated;
  /**
   * The input as a JSON data file (SPEC 4): `inputs.data_sha256` is its sha-256, the spans of data
   * diagnostics point into it, and `attain evaluate --data` on it gives the same JSON.
   */
  dataText(input: EvaluateInput): string;
}

/**
 * What `program.evaluate` returns. With a value, the section 5 JSON itself: SPEC 13 writes
 * `const evaluation = program.evaluate(...)` and calls it plain JSON-able data. It also holds the
 * `value` (itself) and `diagnostics` (warnings, if any) every stage result has, as non-enumerable
 * properties: JSON.stringify, spreads, Object.keys, structuredClone and deep equality see exactly
 * the section 5 JSON, while `evaluation.value` and `evaluation.diagnostics` read as from any
 * StageResult. Without a value (bad data, a missing period, a KPI without data): `{ diagnostics }`.
 */
export type Evaluated = EvaluatedJson | { readonly value?: never; readonly diagnostics: readonly Diagnostic[] };

/** An evaluation with a value: the section 5 JSON, which is its own `value` (see Evaluated). */
export type EvaluatedJson = EvaluationJson & { readonly value: EvaluationJson; readonly diagnostics: readonly Diagnostic[] };

/** The section 5 JSON as an Evaluated: `value` and `diagnostics` added, neither enumerable. */
function evaluated(json: EvaluationJson, diagnostics: readonly Diagnostic[]): EvaluatedJson {
  // Object.defineProperty's defaults: not enumerable, not writable, not configurable. Its
  // descriptors are reused (a new pair per call measured 0.1 µs more) and emptied after.
  VALUE.value = json;
  Object.defineProperty(json, 'value', VALUE);
  DIAGNOSTICS.value = diagnostics;
  Object.defineProperty(json, 'diagnostics', DIAGNOSTICS);
  VALUE.value = DIAGNOSTICS.value = undefined;
  return json as EvaluatedJson;
}

const VALUE: PropertyDescriptor = { value: undefined };
const DIAGNOSTICS: PropertyDescriptor = { value: undefined };

/** Check and compile a contract once (stages 1-6). No value when anything is in error. */
export function compileContract(yamlText: string, options: CompileContractOptions = {}): StageResult<Program> {
  const file = createSourceFile(options.path ?? 'contract.yaml', yamlText);
  const checked = checkContractFile(file);
  if (checked.checked === undefined || hasErrors(checked.diagnostics)) return { diagnostics: checked.diagnostics };
  const compiled = compileProgram(checked.checked);
  return { value: makeProgram(file, checked.checked, compiled, options.dataPath ?? 'data.json'), diagnostics: checked.diagnostics };
}

function makeProgram(source: SourceFile, checked: CheckedContract, compiled: CompiledProgram, dataPath: string): Program {
  const contract = checked.contract;
  const id = contract.id.value;
  const nowhere: Span = { file: dataPath, start: 0, end: 0 };
  const dataText = (input: EvaluateInput): string => dataFileText(id, input);

  /** The path of `attain evaluate`: the data as a file, so every finding is located in it. */
  const viaText = (text: string, period: string | undefined): Evaluated => {
    const bound = bindSources(source, [createSourceFile(dataPath, text)]);
    if (bound.value === undefined) return { diagnostics: bound.diagnostics };
    const run = evaluateBound(bound.value, period === undefined ? {} : { period });
    const diagnostics: Diagnostic[] = [...bound.diagnostics, ...run.diagnostics];
    return run.value === undefined ? { diagnostics } : evaluated(evaluationToJson(run.value), diagnostics);
  };

  /** The bound data on to the section 5 JSON; anything to report is reported by the text path. */
  const fromBound = (series: PeriodSeries, dataSha256: string, text: string, period: string): Evaluated => {
    const run = evaluateBound({ contractFile: source, checked, program: compiled, series, dataSha256 }, { period });
    if (run.value === undefined || run.diagnostics.length > 0) return viaText(text, period);
    return evaluated(evaluationToJson(run.value), NO_DIAGNOSTICS);
  };

  const bindPlain = plainBinder(contract, nowhere);

  const evaluate = (input: EvaluateInput): Evaluated => {
    // The usual input, bound in the walk that writes its text (src/api/plain-bind.ts).
    const fast = bindPlain(input);
    if (fast !== undefined) return fromBound(fast.series, fast.dataSha256, fast.text, input.period);
    const period = typeof input?.period === 'string' ? input.period : undefined;
    // Bound straight from the objects; anything to report is reported by the text path instead,
    // whose spans point into `text` (the same findings, located). Input that is not well-formed
    // (plainData undefined) takes the text path at once.
    const plain = plainData(id, input, nowhere);
    if (plain === undefined) return viaText(dataText(input), period);
    const { text, periods } = plain;
    const dataSha256 = sha256Hex(text);
    const bound = bindData(contract, periods, dataSha256);
    if (bound.value === undefined || bound.diagnostics.length > 0) return viaText(text, period);
    return fromBound(bound.value, dataSha256, text, input.period);
  };

  return { contract: id, source, evaluate, dataText };
}
