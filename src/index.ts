// The public API of attain. Stages in order (SPEC pipeline: text -> tokens -> syntax tree ->
// checked program -> evaluation -> result -> formatting); each is a pure function returning
// { value?, diagnostics }. `STAGES` lists them by name, in the order of ARCHITECTURE.md's diagram.
import { loadYaml } from './contract/load-yaml.js';
import { loadContract } from './contract/load-contract.js';
import { parseExpression } from './parser/parse.js';
import { checkContract } from './check/check-contract.js';
import { compileProgram } from './compile/compile-program.js';
import { evaluatePeriod } from './evaluate/evaluate-period.js';
import { priceInvoice } from './invoice/price-invoice.js';
import { loadMetricFile } from './data/load-metrics.js';
import { bindData } from './data/bind.js';
import { applyTaxes } from './taxes/apply-taxes.js';

/** The stages in the order they run (names as in ARCHITECTURE.md). */
export const STAGES = [
  { name: 'loadYaml', run: loadYaml },
  { name: 'loadContract', run: loadContract },
  { name: 'parseExpression', run: parseExpression },
  { name: 'checkContract', run: checkContract },
  { name: 'compileProgram', run: compileProgram },
  { name: 'loadMetricFile', run: loadMetricFile },
  { name: 'bindData', run: bindData },
  { name: 'evaluatePeriod', run: evaluatePeriod },
  { name: 'priceInvoice', run: priceInvoice },
  { name: 'applyTaxes', run: applyTaxes },
] as const;

// The library (SPEC 13): compile once, evaluate many, on plain data
export { compileContract, type Program, type CompileContractOptions } from './api/compile-contract.js';
export { compileExpression, type Rule, type RuleValue, type RuleCheck, type RuleType, type CompileExpressionOptions } from './api/compile-rule.js';
export type { EvaluateInput, PlainRecord } from './api/plain-data.js';
export type { EvaluationJson, KpiJson, LineJson, AdjustmentJson } from './report/evaluation-json.js';
export type { MetricUnit } from './contract/model.js';

// Diagnostics
export type { Diagnostic, Label, Severity, Span, StageResult } from './diagnostics/diagnostic.js';
export { hasErrors, sortDiagnostics } from './diagnostics/diagnostic.js';
export { CODES, type Code } from './diagnostics/codes.js';
export { createSourceFile, lineColAt, type SourceFile } from './diagnostics/source.js';
export { renderDiagnostics, renderPretty, renderJson, renderGithub, type DiagnosticFormat } from './diagnostics/render.js';

// Stages
export { loadYaml, loadContract, parseExpression, checkContract, compileProgram, loadMetricFile, bindData, evaluatePeriod, priceInvoice };
export { printExpression } from './parser/print.js';
export type { Expr } from './parser/ast.js';
export type { Contract } from './contract/model.js';
export type { CheckedContract } from './check/checked-contract.js';
// The compiled contract of stage 6b (the library's compileContract gives a `Program`, src/api).
export type { Program as CompiledProgram } from './compile/program.js';
export type { PeriodResult, KpiResult, Invoice, InvoiceLine, Adjustment } from './evaluate/results.js';
export type { PeriodSeries } from './data/metric-data.js';

// Whole runs (what the CLI does), for programs
export { validatePaths as validate, type ValidationRun } from './pipeline/validate/validate.js';
export { evaluateSources } from './pipeline/evaluate-contract.js';
export { evaluateFiles, type EvaluationRun } from './pipeline/evaluate-files.js';
export { runContractTests, type TestOutcome } from './pipeline/contract-tests/contract-tests.js';
export { runMonthlyInvoices } from './pipeline/monthly/monthly.js';
export { formatContract } from './fmt/format-contract.js';
export { formatPaths } from './fmt/format-files.js';
export { compileToJsonLogic } from './jsonlogic/export.js';
export { explainPeriod, type ExplainTrace } from './evaluate/trace.js';
export { testPaths, type TestRun } from './pipeline/contract-tests/test-paths.js';
export type { Evaluation } from './report/evaluation.js';

// Formatting of results
export { renderEvaluationJson, evaluationToJson } from './report/json.js';
export { renderEvaluationMarkdown } from './report/markdown.js';
export { renderEvaluationCsv } from './report/csv.js';
export { renderEvaluationHtml } from './report/html.js';
