// Diagnostics as data, shared by every stage: a code, a severity, a message and a span.
// Finding diagnostics (every stage) is separate from rendering them (render.ts).

/** A range in a source file: 0-based UTF-16 offsets, `end` exclusive. Line/column are derived. */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning';

/** A secondary span with its own short message ("declared as duration here"). */
export interface Label {
  readonly span: Span;
  readonly message: string;
}

/** One finding. `code` is an entry of the registry in codes.ts (E0xx / W0xx). */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly labels?: readonly Label[];
  readonly hint?: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** What every stage returns: a value when it could produce one, and everything it found. */
export interface StageResult<T> {
  readonly value?: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** Thrown only for bugs in attain itself, never for bad user input. */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}

/** Exhaustiveness helper for `switch` over discriminated unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}

/** No findings: one shared frozen list for the stages' common case (nothing built per call). */
export const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Deterministic order for output: file, offset, end, code, message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.span.file !== b.span.file) return a.span.file < b.span.file ? -1 : 1;
  if (a.span.start !== b.span.start) return a.span.start - b.span.start;
  if (a.span.end !== b.span.end) return a.span.end - b.span.end;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}
