// The public surface of `attain` (src/index.ts, package.json "exports"): the exported names are
// listed here, so adding or removing one is a visible change to review (semver), and the types of
// the library API (SPEC 13) are checked: plain JSON data out, no class from a dependency.
import type Fraction from 'fraction.js';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as attain from '../../../src/index.js';
import type { Diagnostic, EvaluateInput, Evaluated, EvaluatedJson, EvaluationJson, PlainRecord, Program, Rule, RuleCheck, RuleValue, StageResult } from '../../../src/index.js';

/**
 * true when T is plain JSON data all the way down: no bigint, no function, so no class instance
 * with methods (a fraction.js Fraction in a result would make it false).
 */
type IsJson<T> = unknown extends T
  ? true // Diagnostic.data: values the registry fills in (strings, numbers)
  : T extends string | number | boolean | null | undefined
  ? true
  : T extends bigint | symbol | ((...args: never[]) => unknown)
    ? false
    : T extends readonly (infer U)[]
      ? IsJson<U>
      : T extends object
        ? false extends { [K in keyof T]-?: IsJson<T[K]> }[keyof T]
          ? false
          : true
        : false;

describe('public surface', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(attain).sort()).toEqual([
      'CODES', 'STAGES', 'bindData', 'checkContract', 'compileContract', 'compileExpression', 'compileProgram', 'compileToJsonLogic',
      'createSourceFile', 'evaluateFiles', 'evaluatePeriod', 'evaluateSources', 'evaluationToJson', 'explainPeriod',
      'formatContract', 'formatPaths', 'hasErrors', 'kpiExplanationText', 'lineColAt', 'lineDetailText', 'loadContract', 'loadMetricFile', 'loadYaml',
      'parseExpression', 'priceInvoice', 'printExpression', 'renderDiagnostics', 'renderEvaluationCsv',
      'renderEvaluationHtml', 'renderEvaluationJson', 'renderEvaluationMarkdown', 'renderExplainText', 'renderGithub', 'renderJson',
      'renderPretty', 'runContractTests', 'runMonthlyInvoices', 'sortDiagnostics', 'testPaths', 'validate',
    ]);
  });

  it('types the library API on plain data', () => {
    expectTypeOf(attain.compileContract).parameters.toEqualTypeOf<[string, ({ readonly path?: string; readonly dataPath?: string } | undefined)?]>();
    expectTypeOf(attain.compileContract).returns.toEqualTypeOf<StageResult<Program>>();
    expectTypeOf<Program['evaluate']>().parameters.toEqualTypeOf<[EvaluateInput]>();
    expectTypeOf<Program['evaluate']>().returns.toEqualTypeOf<Evaluated>();
    // Read as a stage result ({ value?, diagnostics }) or, with a value, as the section 5 JSON itself.
    const asStage = (e: Evaluated): StageResult<EvaluationJson> => e;
    const asJson = (e: EvaluatedJson): EvaluationJson => e;
    expect([asStage, asJson]).toHaveLength(2);
    expectTypeOf<IsJson<EvaluatedJson>>().toEqualTypeOf<true>();
    expectTypeOf<IsJson<EvaluationJson>>().toEqualTypeOf<true>();
    expectTypeOf<IsJson<Diagnostic>>().toEqualTypeOf<true>();
    expectTypeOf<IsJson<EvaluateInput>>().toEqualTypeOf<true>();
    expectTypeOf<IsJson<RuleCheck>>().toEqualTypeOf<true>();
    // The check can fail: a value holding a fraction.js Fraction or a bigint is not JSON.
    expectTypeOf<IsJson<{ readonly ratio: Fraction }>>().toEqualTypeOf<false>();
    expectTypeOf<IsJson<{ readonly minor: bigint }>>().toEqualTypeOf<false>();
    expectTypeOf(attain.compileExpression).returns.toEqualTypeOf<StageResult<Rule>>();
    expectTypeOf<Rule['evaluate']>().parameters.toEqualTypeOf<[PlainRecord, (PlainRecord | undefined)?]>();
    expectTypeOf<Rule['evaluate']>().returns.toEqualTypeOf<RuleValue>();
    expectTypeOf<RuleValue>().toEqualTypeOf<boolean | number | string | null>();
    expectTypeOf<RuleCheck['diagnostics']>().toEqualTypeOf<readonly Diagnostic[]>();
    expectTypeOf<EvaluationJson['kpis'][number]['status']>().toEqualTypeOf<'met' | 'missed' | 'excluded' | 'no-data'>();
  });
});
