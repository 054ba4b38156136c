// Validation of the `--period` option shared by evaluate, explain and invoice.
import { UsageError } from './io.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;

export function checkPeriodOption(period: string | undefined): void {
  if (period !== undefined && !PERIOD.test(period)) {
    throw new UsageError(`--period must look like 2026-10 (or 2026-Q1 for quarterly contracts), got "${period}"`);
  }
}
