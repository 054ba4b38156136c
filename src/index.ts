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
export { compileContract, type Program, type CompileContractOptions, type Evaluated, type EvaluatedJson } from './api/compile-contract.js';
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
export type { PeriodResult, KpiResult, Invoice, InvoiceLine, Adjustment, LineDetail, LinePricing, LineBound, TierSlice } from './evaluate/results.js';
export type { KpiExplanation, ExplainNode, ExplainSide, Outcome } from './evaluate/explanation.js';
export type { PeriodSeries } from './data/metric-data.js';

// Whole runs (what the CLI does), for programs. The asynchronous ones load their modules on
// first call (the monthly run alone is about 140 modules): `import('attain')` for the library
// API stays light. Each keeps the signature of the function it calls.
export type { ValidationRun } from './pipeline/validate/validate.js';
export { evaluateSources } from './pipeline/evaluate-contract.js';
export type { EvaluationRun } from './pipeline/evaluate-files.js';
export { runContractTests, type TestOutcome } from './pipeline/contract-tests/contract-tests.js';
export { formatContract } from './fmt/format-contract.js';
export { compileToJsonLogic } from './jsonlogic/export.js';
export { explainPeriod, type ExplainTrace } from './evaluate/trace.js';
export type { TestRun } from './pipeline/contract-tests/test-paths.js';

type Validate = typeof import('./pipeline/validate/validate.js').validatePaths;
type EvaluateFiles = typeof import('./pipeline/evaluate-files.js').evaluateFiles;
type RunMonthly = typeof import('./pipeline/monthly/monthly.js').runMonthlyInvoices;
type FormatPaths = typeof import('./fmt/format-files.js').formatPaths;
type TestPaths = typeof import('./pipeline/contract-tests/test-paths.js').testPaths;

/** `attain validate` on files and directories (src/pipeline/validate/validate.ts, validatePaths). */
export const validate: Validate = async (...args) => (await import('./pipeline/validate/validate.js')).validatePaths(...args);
/** `attain evaluate` on files (src/pipeline/evaluate-files.ts). */
export const evaluateFiles: EvaluateFiles = async (...args) => (await import('./pipeline/evaluate-files.js')).evaluateFiles(...args);
/** `attain invoice --monthly` (src/pipeline/monthly/monthly.ts). */
export const runMonthlyInvoices: RunMonthly = async (...args) => (await import('./pipeline/monthly/monthly.js')).runMonthlyInvoices(...args);
/** `attain fmt` on files and directories (src/fmt/format-files.ts). */
export const formatPaths: FormatPaths = async (...args) => (await import('./fmt/format-files.js')).formatPaths(...args);
/** `attain test` on files and directories (src/pipeline/contract-tests/test-paths.ts). */
export const testPaths: TestPaths = async (...args) => (await import('./pipeline/contract-tests/test-paths.js')).testPaths(...args);
export type { Evaluation } from './report/evaluation.js';

// Formatting of results
export { renderEvaluationJson, evaluationToJson } from './report/json.js';
export { renderEvaluationMarkdown } from './report/markdown.js';
export { renderEvaluationCsv } from './report/csv.js';
export { renderEvaluationHtml } from './report/html.js';
// The sentences about results (KPI explanations, line details, the explain trace), in a locale.
export { kpiExplanationText } from './report/explain-sentence.js';
export { lineDetailText } from './report/line-detail.js';
export { renderExplainText } from './report/explain-text.js';
