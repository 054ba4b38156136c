// Rendering (stage 10) for `attain diff --format json`: DiffReport -> JSON with a fixed key order,
// money as decimal strings with the currency's minor digits.
import { formatMinor } from '../numbers/money.js';
import type { DiffReport, DiffSide, PeriodDiff } from './diff-model.js';

function sideJson(s: DiffSide, digits: number): Record<string, unknown> {
  switch (s.kind) {
    case 'invoice':
      return { status: 'invoice', version: s.version, total: formatMinor(s.total, digits), score: s.score ?? null };
    case 'absent':
      return { status: 'absent' };
    case 'failed':
      return { status: 'failed', error: s.error };
  }
}

function periodJson(p: PeriodDiff): Record<string, unknown> {
  const m = (v: bigint | undefined): string | null => (v === undefined ? null : formatMinor(v, p.digits));
  return {
    period: p.period,
    currency: p.currency,
    old: sideJson(p.old, p.digits),
    new: sideJson(p.new, p.digits),
    difference: formatMinor(p.difference, p.digits),
    kpis: p.kpis.map((k) => ({ id: k.id, old: k.old ?? null, new: k.new ?? null })),
    lines: p.lines.map((l) => ({ id: l.id, label: l.label, old: m(l.old), new: m(l.new), difference: formatMinor(l.difference, p.digits) })),
  };
}

export function renderDiffJson(r: DiffReport): string {
  const json = {
    base: r.base,
    unchanged: r.unchanged,
    contracts: r.contracts.map((c) => ({
      contract: c.contract,
      change: c.change,
      files: c.files,
      versions: c.versions,
      errors: c.errors,
      periods: c.periods.map(periodJson),
    })),
  };
  return JSON.stringify(json, null, 2) + '\n';
}
