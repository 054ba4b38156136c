// Data stage support: period keys of data files (`2026-10` or `2026-Q4`), checked when a file is
// read (format only: a file does not know its contract's period kind until binding).
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.js';
import { isPeriodKey } from '../contract/period.js';

/** E058 when `key` is neither a month (`YYYY-MM`) nor a quarter (`YYYY-Qn`); otherwise undefined. */
export function checkPeriodKey(key: string, span: Span): Diagnostic | undefined {
  if (isPeriodKey(key, 'month') || isPeriodKey(key, 'quarter')) return undefined;
  const shown = key.length > 40 ? `${key.slice(0, 40)}...` : key;
  return diag(
    'E058',
    span,
    { reason: `"${shown}" is not a period: expected YYYY-MM (2026-10) or YYYY-Qn (2026-Q4)` },
  );
}
