// The one registry of diagnostic codes (E0xx errors, W0xx warnings), and the constructor that
// turns a code plus parameters into a Diagnostic. Codes are stable: retire, never reuse.
//
// Never-released codes were removed before 0.1.0; from now on a code is retired, never reused.
//
// Bands: E00x file/YAML, E01x structure/schema, E02x expression syntax, E03x names/references,
// E04x types/units, E05x contract semantics, E06x metric data, E07x evaluation, E08x contract tests,
// E09x metric sources (sources.yaml, exports, databases) and values read from them.
//
// Retired (never reused): W060 (a percent above 1 was a warning; now the error E060).
import type { Diagnostic, Label, Severity, Span } from './diagnostic.js';

export interface CodeEntry {
  readonly name: string;
  readonly severity: Severity;
  readonly title: string;
  /** Message template; `{param}` is replaced by the parameter of that name. */
  readonly message: string;
  readonly hint?: string;
}

export const CODES = {
  // E00x: files and YAML
  E001: { name: 'io-error', severity: 'error', title: 'File cannot be read', message: 'cannot read {path}: {reason}' },
  E002: { name: 'yaml-syntax', severity: 'error', title: 'YAML syntax error', message: '{reason}' },
  E003: { name: 'duplicate-key', severity: 'error', title: 'Duplicate key', message: 'duplicate key "{key}"', hint: 'a key may appear only once in a mapping' },
  E004: { name: 'yaml-limits', severity: 'error', title: 'Input exceeds a safety limit', message: '{reason}' },
  E005: { name: 'multiple-documents', severity: 'error', title: 'More than one YAML document', message: 'a file holds exactly one YAML document' },
  E006: { name: 'empty-file', severity: 'error', title: 'Empty file', message: 'the file is empty' },

  // E01x: structure (JSON Schema)
  E010: { name: 'unknown-key', severity: 'error', title: 'Unknown key', message: 'unknown key "{key}"' },
  E011: { name: 'missing-key', severity: 'error', title: 'Missing key', message: 'missing required key "{key}"' },
  E012: { name: 'wrong-type', severity: 'error', title: 'Wrong type', message: '{reason}' },
  E013: { name: 'invalid-value', severity: 'error', title: 'Invalid value', message: '{reason}' },
  E014: { name: 'pricing-form', severity: 'error', title: 'Payment pricing form', message: '{reason}' },
  E015: { name: 'schema', severity: 'error', title: 'Does not match the contract schema', message: '{reason}' },
  E016: { name: 'unknown-tax-rate', severity: 'error', title: 'Unknown tax rate', message: 'payment "{line}" names tax rate "{id}", which the contract does not declare' },

  // E02x: expression syntax
  E020: { name: 'syntax-error', severity: 'error', title: 'Expression syntax error', message: '{reason}' },
  E021: { name: 'invalid-character', severity: 'error', title: 'Unexpected character', message: 'unexpected character {char}' },
  E022: { name: 'unknown-unit', severity: 'error', title: 'Unknown unit or currency', message: 'unknown unit "{unit}"' },
  E023: { name: 'expression-too-complex', severity: 'error', title: 'Expression exceeds a limit', message: '{reason}' },
  E024: { name: 'invalid-number', severity: 'error', title: 'Invalid number', message: 'invalid number "{text}"' },
  E025: { name: 'empty-expression', severity: 'error', title: 'Empty expression', message: 'the expression is empty' },
  E026: { name: 'define-chain-too-deep', severity: 'error', title: 'Define chain too deep', message: 'define "{name}" depends on a chain of more than {limit} defines', hint: 'a define may build on others at most {limit} deep; split the computation or shorten the chain' },

  // E03x: names and references
  E030: { name: 'unknown-name', severity: 'error', title: 'Unknown name', message: 'unknown name "{name}"' },
  E031: { name: 'cycle', severity: 'error', title: 'Cyclic definition', message: 'cycle: {path}' },
  E032: { name: 'duplicate-id', severity: 'error', title: 'Duplicate id', message: 'duplicate {what} "{id}"' },
  E033: { name: 'unknown-function', severity: 'error', title: 'Unknown function', message: 'unknown function "{name}"' },
  E034: { name: 'wrong-arity', severity: 'error', title: 'Wrong number of arguments', message: '{name} takes {expected} argument(s), got {actual}' },
  E035: { name: 'name-conflict', severity: 'error', title: 'Name already used', message: '"{name}" is already {what}' },
  E036: { name: 'invalid-reference', severity: 'error', title: 'Reference not allowed here', message: '{reason}' },

  E037: { name: 'version-overlap', severity: 'error', title: 'Versions of a contract overlap', message: 'contract "{id}": {reason}', hint: 'each version ends (effective.until) the period before the next one starts' },
  E038: { name: 'version-gap', severity: 'error', title: 'Gap between versions of a contract', message: 'contract "{id}": {reason}', hint: 'start the next version the period after the previous one ends' },
  E039: { name: 'version-mismatch', severity: 'error', title: 'Versions of a contract do not fit together', message: 'contract "{id}": {reason}' },

  // E04x: types and units
  E040: { name: 'type-mismatch', severity: 'error', title: 'Type mismatch', message: '{reason}' },
  E041: { name: 'unit-mismatch', severity: 'error', title: 'Unit mismatch', message: '{reason}' },
  E042: { name: 'currency-mismatch', severity: 'error', title: 'Currency mismatch', message: '{reason}' },
  E043: { name: 'expected-boolean', severity: 'error', title: 'Boolean expected', message: '{what} must be a condition (true/false), found {found}' },
  E044: { name: 'expected-money', severity: 'error', title: 'Money expected', message: '{what} must be money in {currency}, found {found}' },
  E045: { name: 'expected-number', severity: 'error', title: 'Plain number expected', message: '{what} must be a plain number, found {found}' },
  E046: { name: 'expected-constant', severity: 'error', title: 'Constant expected', message: '{what} must be a constant, not depend on data' },

  // E05x: contract semantics
  E050: { name: 'weights-sum', severity: 'error', title: 'Weights do not sum to 100%', message: 'KPI weights sum to {sum}, not 100%' },
  E051: { name: 'tiers', severity: 'error', title: 'Invalid tiers', message: '{reason}' },
  E052: { name: 'foreign-currency', severity: 'error', title: 'Money in a foreign currency', message: '{amount} is not in the contract currency {currency}' },
  E053: { name: 'grace-window', severity: 'error', title: 'Invalid grace window', message: '{reason}' },
  E054: { name: 'effective-dates', severity: 'error', title: 'Invalid effective dates', message: '{reason}' },
  E055: { name: 'unknown-currency', severity: 'error', title: 'Unknown currency', message: '"{code}" is not an ISO 4217 currency code' },
  E056: { name: 'duplicate-contract', severity: 'error', title: 'Contract id used twice', message: 'contract id "{id}" is already used by {other}' },
  E057: { name: 'bounds', severity: 'error', title: 'Invalid bounds', message: '{reason}' },
  E058: { name: 'period-format', severity: 'error', title: 'Invalid period', message: '{reason}' },
  E059: { name: 'contract-rule', severity: 'error', title: 'Contract rule violated', message: '{reason}' },
  W050: {
    name: 'single-metric-pay',
    severity: 'warning',
    title: 'Every paid line depends on one metric',
    message: 'every paid line depends on metric "{name}" alone',
    hint: 'one metric invites gaming (followers can be bought, traffic can come from bots): make the pay also depend on a second metric, e.g. a quality KPI in when:',
  },

  // E06x: metric data
  E060: { name: 'percent-as-number', severity: 'error', title: 'Percent given as a plain number above 1', message: '{value} for percent {what} "{name}" is a plain number above 1 (as a fraction it would be {percent})', hint: 'write {value}% or {fraction}' },
  E061: { name: 'unknown-metric', severity: 'error', title: 'Unknown metric', message: 'unknown metric "{name}"' },
  E062: { name: 'data-unit', severity: 'error', title: 'Wrong unit in data', message: '{reason}' },
  E063: { name: 'data-currency', severity: 'error', title: 'Foreign currency in data', message: '{value} is not in the contract currency {currency}' },
  E064: { name: 'negative-value', severity: 'error', title: 'Negative value', message: 'metric "{name}" cannot be negative ({value})' },
  E065: { name: 'not-a-number', severity: 'error', title: 'Not a number', message: '{reason}' },
  E066: { name: 'period-outside', severity: 'error', title: 'Period outside the contract', message: '{reason}' },
  E067: { name: 'period-missing', severity: 'error', title: 'Period missing', message: '{reason}' },
  E068: { name: 'data-contract', severity: 'error', title: 'Data for another contract', message: '{reason}' },
  E069: { name: 'data-shape', severity: 'error', title: 'Malformed metric data', message: '{reason}' },
  W061: { name: 'metric-missing-in-period', severity: 'warning', title: 'Metric missing in the evaluated period', message: 'metric "{name}" is missing for period {period}', hint: 'KPIs and payments that need it have no value: a KPI then fails the evaluation unless it sets on_no_data' },
  W068: { name: 'data-contract-unknown', severity: 'warning', title: 'Data for a contract not validated', message: 'data for contract "{id}" cannot be checked: that contract is not among the validated files', hint: 'validate the data together with its contract, e.g. attain validate contracts examples' },
  W062: {
    name: 'not-metric-data',
    severity: 'warning',
    title: 'Files in the data directory skipped',
    message: '{count} file(s) in {dir} are not metric data and were skipped: {files}',
    hint: 'metric data has a top-level periods: or contracts: key (CSV: a period column); name a file itself with --data to read it as data',
  },

  // E07x: evaluation
  E070: { name: 'kpi-no-data', severity: 'error', title: 'KPI has no data', message: 'KPI "{kpi}" has no value: {reason}', hint: 'add the missing data, or set on_no_data: missed | excluded on the KPI' },
  E071: { name: 'payment-no-data', severity: 'error', title: 'Payment has no value', message: 'payment "{id}" has no value: {reason}' },
  E072: { name: 'no-data', severity: 'error', title: 'Value missing', message: '{reason}' },
  E073: { name: 'no-period', severity: 'error', title: 'No period to evaluate', message: '{reason}' },
  E075: { name: 'negative-quantity', severity: 'error', title: 'Negative quantity', message: 'payment "{id}": the {form} quantity is negative ({quantity})', hint: 'tiers and packages price quantities of zero or more; use amount: or price: for a credit' },
  E077: { name: 'number-too-large', severity: 'error', title: 'Exact number too large', message: '{what}: an exact number would need more than {limit} bits', hint: 'exact arithmetic keeps every digit, so repeated multiplication (each define squaring the last) grows without bound; round intermediate values with round(x, digits)' },
  E076: { name: 'bounds-crossed', severity: 'error', title: 'Minimum above maximum', message: '{what}: min {min} is above max {max}' },

  // E08x: the contract's own tests
  E080: { name: 'test-failed', severity: 'error', title: 'Contract test failed', message: 'test "{test}": {reason}' },
  E081: { name: 'test-invalid', severity: 'error', title: 'Contract test is invalid', message: 'test "{test}": {reason}' },

  // E09x: metric sources, and percent values read from data or sources
  E091: { name: 'unknown-source', severity: 'error', title: 'Unknown source or connection', message: '{reason}' },
  E092: { name: 'unknown-column', severity: 'error', title: 'Unknown column', message: '{reason}' },
  E093: { name: 'aggregate-type', severity: 'error', title: 'Aggregate not meaningful for this column', message: '{reason}' },
  E094: { name: 'definition-unit', severity: 'error', title: 'Definition unit differs from the metric', message: '{reason}' },
  E095: { name: 'bad-cell', severity: 'error', title: 'Cell cannot be read', message: '{reason}' },
  E096: { name: 'source-input', severity: 'error', title: 'Source input missing or malformed', message: '{reason}' },
  E097: { name: 'connection', severity: 'error', title: 'Database connection failed', message: '{reason}' },
  E098: { name: 'metric-undefined', severity: 'error', title: 'Metric defined nowhere', message: '{reason}' },
  E099: { name: 'aggregate-form', severity: 'error', title: 'Malformed metric definition', message: '{reason}' },
  W090: { name: 'unknown-where-value', severity: 'warning', title: 'Value never seen in the column', message: '{reason}' },
  W091: { name: 'data-wins', severity: 'warning', title: 'Value from --data replaces the sources', message: '{reason}' },
  W092: { name: 'sources-name-unknown', severity: 'warning', title: 'Metric or contract in sources.yaml that no validated contract has', message: '{reason}' },
  W093: { name: 'sum-of-daily-reach', severity: 'warning', title: 'Sum of a daily count of people', message: '{reason}' },
} as const satisfies Record<string, CodeEntry>;

export type Code = keyof typeof CODES;

export type DiagnosticParams = Readonly<Record<string, string | number>>;

export interface DiagnosticExtras {
  readonly hint?: string;
  readonly labels?: readonly Label[];
  readonly data?: Readonly<Record<string, unknown>>;
}

function fill(template: string, params: DiagnosticParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = Object.prototype.hasOwnProperty.call(params, key) ? params[key] : undefined;
    return v === undefined ? whole : String(v);
  });
}

/** Build a Diagnostic from the registry. An explicit `extras.hint` replaces the registry's hint. */
export function diag(
  code: Code,
  span: Span,
  params: DiagnosticParams = {},
  extras: DiagnosticExtras = {},
): Diagnostic {
  const entry: CodeEntry = CODES[code];
  const hint = extras.hint ?? (entry.hint === undefined ? undefined : fill(entry.hint, params));
  return {
    code,
    severity: entry.severity,
    message: fill(entry.message, params),
    span,
    ...(hint === undefined ? {} : { hint }),
    ...(extras.labels === undefined ? {} : { labels: extras.labels }),
    ...(extras.data === undefined ? {} : { data: extras.data }),
  };
}
