// The public API of attain. Stages in order (SPEC pipeline: text -> tokens -> syntax tree ->
// checked program -> evaluation -> result -> formatting); each is a pure function returning
// { value?, diagnostics }. `STAGES` lists them by name for debugging and `explain`.
import { loadYaml } from './contract/load-yaml.js';
import { loadContract } from './contract/load-contract.js';
import { parseExpression } from './parser/parse.js';
import { checkContract } from './engine/check.js';
import { evaluatePeriod } from './engine/evaluate.js';
import { priceInvoice } from './engine/invoice.js';
import { loadMetricFile } from './data/load-metrics.js';
import { bindData } from './data/bind.js';

/** The stages in the order they run (names as in ARCHITECTURE.md). */
export const STAGES = [
  { name: 'loadYaml', run: loadYaml },
  { name: 'loadContract', run: loadContract },
  { name: 'parseExpression', run: parseExpression },
  { name: 'checkContract', run: checkContract },
  { name: 'loadMetricFile', run: loadMetricFile },
  { name: 'bindData', run: bindData },
  { name: 'evaluatePeriod', run: evaluatePeriod },
  { name: 'priceInvoice', run: priceInvoice },
] as const;

// Diagnostics
export type { Diagnostic, Label, Severity, Span, StageResult } from './diagnostics/diagnostic.js';
export { hasErrors, sortDiagnostics } from './diagnostics/diagnostic.js';
export { CODES, type Code } from './diagnostics/codes.js';
export { createSourceFile, lineColAt, type SourceFile } from './diagnostics/source.js';
export { renderDiagnostics, renderPretty, renderJson, renderGithub, type DiagnosticFormat } from './diagnostics/render.js';

// Stages
export { loadYaml, loadContract, parseExpression, checkContract, loadMetricFile, bindData, evaluatePeriod, priceInvoice };
export { printExpression } from './parser/print.js';
export type { Expr } from './parser/ast.js';
export type { Contract } from './contract/model.js';
export type { CheckedContract } from './engine/checked.js';
export type { PeriodResult, KpiResult, Invoice, InvoiceLine, Adjustment } from './engine/results.js';
export type { PeriodSeries } from './data/metric-data.js';

// Whole runs (what the CLI does), for programs
export { validatePaths as validate, type ValidationRun } from './pipeline/validate.js';
export { evaluateFiles, evaluateSources, type EvaluationRun } from './pipeline/evaluate.js';
export { runContractTests, type TestOutcome } from './pipeline/contract-tests.js';
export { runMonthlyInvoices } from './pipeline/monthly.js';
export { formatContract } from './format/format-contract.js';
export { formatPaths } from './format/format-files.js';
export { compileToJsonLogic } from './engine/to-jsonlogic.js';
export { explainPeriod, type ExplainTrace } from './engine/explain.js';
export { testPaths, type TestRun } from './pipeline/test-paths.js';
export type { Evaluation } from './report/evaluation.js';

// Formatting of results
export { renderEvaluationJson, evaluationToJson } from './report/json.js';
export { renderEvaluationMarkdown } from './report/markdown.js';
export { renderEvaluationCsv } from './report/csv.js';
export { renderEvaluationHtml } from './report/html.js';
