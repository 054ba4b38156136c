// CLI plumbing: where output goes and whether it is coloured. Injected so tests can capture it.
import type { Diagnostic } from '../diagnostics/diagnostic.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly color: boolean;
  /** Binary output (xlsx); absent in text-only captures, which then get the bytes as latin1. */
  readonly stdoutBytes?: (bytes: Uint8Array) => void;
}

export const PROCESS_IO: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdoutBytes: (b) => process.stdout.write(b),
  color: process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined,
};

/** Exit codes of every command (SPEC 6): 0 clean, 1 findings/failures, 2 usage or I/O error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/**
 * Whether every error is an I/O error (E001: a path missing or unreadable): such a run is a usage
 * or I/O failure (exit 2), not findings (exit 1). True when there is no error at all.
 */
export function onlyIoErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.every((d) => d.severity !== 'error' || d.code === 'E001');
}

/** Thrown by option parsing for a usage error; main() turns it into exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')} (got "${value}")`);
}
