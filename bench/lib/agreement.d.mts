// Types of agreement.mjs for the smoke test (test/bench/bench-smoke.test.ts).
export interface AgreementRow {
  readonly engine: string;
  readonly compared: number;
  readonly vsExact: readonly number[];
  readonly vsHand: readonly number[];
  readonly examples: readonly unknown[];
}
export interface AgreementReport {
  readonly ok: boolean;
  readonly rows: readonly AgreementRow[];
  readonly records: number;
  readonly hostile: number;
}
/** attain's library functions the harness calls (dist/ or src/). */
export type AttainLib = Readonly<Record<string, (...args: never[]) => unknown>>;
export function quickAgreement(lib: AttainLib, n?: number): Promise<AgreementReport>;
export function formatAgreement(report: AgreementReport): string;
