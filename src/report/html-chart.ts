// HTML report support: inline SVG charts (stage 9): an attainment bar per KPI and the history of
// a KPI's attainment over the periods of the data. Coordinates are display-only JS numbers.
import { toDecimalString, type Rational } from '../numbers/rational.js';
import type { KpiStatus } from '../evaluate/results.js';
import type { HistoryPoint } from './html-history.js';
import { escapeHtml } from './html-text.js';

/** Attainment shown on the charts' scale: 0% to 150% (higher values are drawn at 150%). */
const SCALE_MAX = 1.5;

const STATUS_COLOUR: Readonly<Record<KpiStatus, string>> = {
  met: '#1b6e20',
  missed: '#b3261e',
  excluded: '#4d4d4d',
  'no-data': '#7a4d00',
};

/** `85.5%` from a fraction, at most one decimal. */
export function percentText(r: Rational): string {
  return `${toDecimalString(r.mul(100), 1)}%`;
}

function clampScale(r: Rational): number {
  const v = r.valueOf();
  return Math.max(0, Math.min(SCALE_MAX, v));
}

function n(v: number): string {
  return v.toFixed(1);
}

/** A horizontal bar for one KPI's attainment with a tick at 100%; its text alternative says the value. */
export function renderAttainmentBar(kpi: string, status: KpiStatus, attainment: Rational | undefined): string {
  const width = 160;
  const height = 14;
  const label = attainment === undefined ? `${kpi}: no attainment (${status})` : `${kpi}: attainment ${percentText(attainment)} (${status})`;
  const fill = attainment === undefined ? 0 : (clampScale(attainment) / SCALE_MAX) * width;
  const target = width / SCALE_MAX;
  return [
    `<svg class="bar" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}">`,
    `<title>${escapeHtml(label)}</title>`,
    `<rect x="0" y="2" width="${width}" height="${height - 4}" fill="#e6e9ee"/>`,
    `<rect x="0" y="2" width="${n(fill)}" height="${height - 4}" fill="${STATUS_COLOUR[status]}"/>`,
    `<line x1="${n(target)}" y1="0" x2="${n(target)}" y2="${height}" stroke="#1a1a1a" stroke-width="1.5"/>`,
    '</svg>',
  ].join('');
}

interface Geometry {
  readonly left: number;
  readonly top: number;
  readonly plotW: number;
  readonly plotH: number;
}

const GEOMETRY: Geometry = { left: 38, top: 8, plotW: 250, plotH: 70 };

function xAt(i: number, count: number, g: Geometry): number {
  return count <= 1 ? g.left + g.plotW / 2 : g.left + (i * g.plotW) / (count - 1);
}

function yAt(r: Rational, g: Geometry): number {
  return g.top + (1 - clampScale(r) / SCALE_MAX) * g.plotH;
}

function describePoint(point: HistoryPoint, kpi: string): string {
  const p = point.kpis?.get(kpi);
  if (point.kpis === undefined) return `${point.period}: evaluation failed${point.failure === undefined ? '' : ` (${point.failure})`}`;
  if (p === undefined) return `${point.period}: no result`;
  return `${point.period}: ${p.status}${p.attainment === undefined ? '' : `, ${percentText(p.attainment)}`}`;
}

function marker(point: HistoryPoint, kpi: string, x: number, g: Geometry): string {
  const base = g.top + g.plotH;
  const p = point.kpis?.get(kpi);
  if (p === undefined) {
    // Failed period (or no result): a grey cross on the baseline; the line breaks here.
    return `<path d="M${n(x - 3)} ${n(base - 3)}l6 6m0 -6l-6 6" stroke="#4d4d4d" stroke-width="1.5"/>`;
  }
  if (p.attainment === undefined) return `<circle cx="${n(x)}" cy="${n(base)}" r="3" fill="#fff" stroke="${STATUS_COLOUR[p.status]}" stroke-width="1.5"/>`;
  const y = yAt(p.attainment, g);
  const colour = STATUS_COLOUR[p.status];
  if (p.status === 'met') return `<circle cx="${n(x)}" cy="${n(y)}" r="3.5" fill="${colour}"/>`;
  return `<rect x="${n(x - 3.5)}" y="${n(y - 3.5)}" width="7" height="7" fill="${colour}"/>`;
}

/** Polyline segments through consecutive periods that have an attainment; gaps elsewhere. */
function segments(points: readonly HistoryPoint[], kpi: string, g: Geometry): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 1) out.push(`<polyline points="${run.join(' ')}" fill="none" stroke="#2b5797" stroke-width="1.5"/>`);
    run = [];
  };
  points.forEach((point, i) => {
    const a = point.kpis?.get(kpi)?.attainment;
    if (a === undefined) return flush();
    run.push(`${n(xAt(i, points.length, g))},${n(yAt(a, g))}`);
  });
  flush();
  return out;
}

/**
 * The attainment of `kpi` over the history as a small SVG: a dashed line at 100%, met periods as
 * circles, missed as squares, excluded/no-data as rings on the baseline, failed periods as crosses
 * (the line breaks there). `<title>` and `<desc>` give the values as text.
 */
export function renderHistoryChart(kpi: string, points: readonly HistoryPoint[], idPrefix: string): string {
  const g = GEOMETRY;
  const width = g.left + g.plotW + 12;
  const height = g.top + g.plotH + 22;
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const y100 = g.top + (1 - 1 / SCALE_MAX) * g.plotH;
  const base = g.top + g.plotH;
  const first = points[0];
  const last = points.at(-1);
  const parts = [
    `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${titleId} ${descId}">`,
    `<title id="${titleId}">Attainment of KPI ${escapeHtml(kpi)} by period</title>`,
    `<desc id="${descId}">${escapeHtml(points.map((p) => describePoint(p, kpi)).join('; ') || 'no periods')}</desc>`,
    `<line x1="${g.left}" y1="${n(base)}" x2="${g.left + g.plotW}" y2="${n(base)}" stroke="#8a8a8a"/>`,
    `<line x1="${g.left}" y1="${n(y100)}" x2="${g.left + g.plotW}" y2="${n(y100)}" stroke="#1a1a1a" stroke-dasharray="4 3"/>`,
    `<text x="${g.left - 4}" y="${n(y100 + 4)}" font-size="10" text-anchor="end" fill="#1a1a1a">100%</text>`,
    `<text x="${g.left - 4}" y="${n(base + 4)}" font-size="10" text-anchor="end" fill="#1a1a1a">0%</text>`,
    `<text x="${g.left - 4}" y="${n(g.top + 4)}" font-size="10" text-anchor="end" fill="#1a1a1a">150%</text>`,
    ...segments(points, kpi, g),
    ...points.map((p, i) => marker(p, kpi, xAt(i, points.length, g), g)),
  ];
  if (first !== undefined) parts.push(`<text x="${g.left}" y="${height - 4}" font-size="10" fill="#1a1a1a">${escapeHtml(first.period)}</text>`);
  if (last !== undefined && points.length > 1) parts.push(`<text x="${g.left + g.plotW}" y="${height - 4}" font-size="10" text-anchor="end" fill="#1a1a1a">${escapeHtml(last.period)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
