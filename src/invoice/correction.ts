// Stage 8b (invoice): the issued invoice document (JSON) and the new one -> a Correction (per
// line issued / new / difference; taxes; total), all in minor units. Used on finalized periods.

/** One line of a correction: an invoice line, a limits adjustment, or a tax line. */
export interface CorrectionLine {
  readonly id: string;
  readonly label: string;
  readonly issued: bigint;
  readonly now: bigint;
  readonly difference: bigint;
}

/** A correction of an issued invoice. Invariant: sum of line and tax differences = total difference. */
export interface Correction {
  /** `<number>-C01`, `-C02`, ... */
  readonly name: string;
  /** The number of the issued invoice it corrects. */
  readonly corrects: string;
  readonly contract: string;
  readonly period: string;
  readonly currency: string;
  readonly digits: number;
  readonly versions: { readonly issued: number | null; readonly now: number | null };
  readonly lines: readonly CorrectionLine[];
  /** Tax lines, one per rate (issued, now, difference); empty for an invoice without taxes. */
  readonly taxes: readonly CorrectionLine[];
  readonly total: { readonly issued: bigint; readonly now: bigint; readonly difference: bigint };
  readonly inputs: { readonly issued: unknown; readonly now: unknown };
}

/** The amounts of one invoice document, read back from its JSON. */
export interface InvoiceAmounts {
  readonly number?: string;
  readonly contract: string;
  readonly period: string;
  readonly currency: string;
  readonly digits: number;
  readonly version: number | null;
  readonly lines: readonly { readonly id: string; readonly label: string; readonly amount: bigint }[];
  readonly taxes: readonly { readonly id: string; readonly label: string; readonly amount: bigint }[];
  /** What the client pays: `total_payable` when the document has taxes, else `total`. */
  readonly total: bigint;
  readonly inputs: unknown;
}

/** A decimal string with at most `digits` fraction digits -> minor units (no floats). */
export function parseMinor(text: string, digits: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (m === null) throw new RangeError(`not a money amount: ${text}`);
  const frac = (m[3] ?? '').padEnd(digits, '0');
  if (frac.length > digits) throw new RangeError(`more than ${digits} fraction digits: ${text}`);
  const v = BigInt(`${m[2] ?? '0'}${frac}`);
  return m[1] === '-' ? -v : v;
}

function digitsOf(total: string): number {
  return total.split('.')[1]?.length ?? 0;
}

type Json = Record<string, unknown>;
const s = (x: unknown, fallback = ''): string => (typeof x === 'string' ? x : fallback);

/**
 * Read the amounts of an invoice.json, or of a correction's JSON (its `new` amounts: the state
 * the next correction starts from).
 */
export function invoiceAmounts(text: string): InvoiceAmounts {
  const parsed = JSON.parse(text) as Json;
  const j = typeof parsed['correction'] === 'string' ? afterCorrection(parsed) : parsed;
  const totalText = s(j['total_payable'], s(j['total'], '0'));
  const digits = digitsOf(s(j['total'], totalText));
  const items = (x: unknown, key: string): { id: string; label: string; amount: bigint }[] =>
    (Array.isArray(x) ? (x as Json[]) : []).map((l, i) => ({ id: s(l['id'], s(l['rate'], `${key}${i + 1}`)), label: s(l['label'], s(l['id'])), amount: parseMinor(s(l['amount'], '0'), digits) }));
  // The invoice JSON carries its number under "invoice" (SPEC 10); a correction's base, at the top.
  const document = (j['invoice'] ?? {}) as Json;
  const number = typeof j['number'] === 'string' ? j['number'] : typeof document['number'] === 'string' ? document['number'] : undefined;
  return {
    ...(number === undefined ? {} : { number }),
    contract: s(j['contract']),
    period: s(j['period']),
    currency: s(j['currency']),
    digits,
    version: typeof j['version'] === 'number' ? j['version'] : null,
    lines: [...items(j['lines'], 'line'), ...items(j['adjustments'], 'adjustment')],
    taxes: items(j['taxes'], 'tax'),
    total: parseMinor(totalText, digits),
    inputs: j['inputs'] ?? null,
  };
}

/** A correction's JSON seen as the invoice it leaves behind (lines, taxes and total at `new`). */
function afterCorrection(c: Json): Json {
  const now = (x: unknown): Json[] => (Array.isArray(x) ? (x as Json[]) : []).map((l) => ({ id: l['id'], label: l['label'], amount: l['new'] }));
  const total = (c['total'] ?? {}) as Json;
  const taxes = now(c['taxes']);
  return {
    number: c['corrects'],
    contract: c['contract'],
    period: c['period'],
    currency: c['currency'],
    version: ((c['versions'] ?? {}) as Json)['new'],
    lines: now(c['lines']),
    ...(taxes.length === 0 ? {} : { taxes, total_payable: total['new'] }),
    total: total['new'],
    inputs: ((c['inputs'] ?? {}) as Json)['new'],
  };
}

function diffLines(issued: InvoiceAmounts['lines'], now: InvoiceAmounts['lines']): CorrectionLine[] {
  const ids = [...issued.map((l) => l.id), ...now.map((l) => l.id).filter((id) => !issued.some((l) => l.id === id))];
  return ids.map((id) => {
    const a = issued.find((l) => l.id === id);
    const b = now.find((l) => l.id === id);
    const was = a?.amount ?? 0n;
    const is = b?.amount ?? 0n;
    return { id, label: b?.label ?? a?.label ?? id, issued: was, now: is, difference: is - was };
  });
}

/** The number an invoice is known by: its own `number`, else `<contract>-<period>`. */
export function invoiceNumber(a: InvoiceAmounts): string {
  return a.number ?? `${a.contract}-${a.period}`;
}

/** `<number>-C01` for the first correction, `-C02` for the next, ... */
export function correctionName(number: string, index: number): string {
  return `${number}-C${String(index).padStart(2, '0')}`;
}

/**
 * Compare the amounts last issued (the invoice, or the previous correction's new state) with the
 * new ones; undefined when nothing a client pays changed (no correction is needed).
 */
export function computeCorrection(issued: InvoiceAmounts, now: InvoiceAmounts, number: string, index: number): Correction | undefined {
  const lines = diffLines(issued.lines, now.lines);
  const taxes = diffLines(issued.taxes, now.taxes);
  const difference = now.total - issued.total;
  if (difference === 0n && lines.every((l) => l.difference === 0n) && taxes.every((l) => l.difference === 0n)) return undefined;
  return {
    name: correctionName(number, index),
    corrects: number,
    contract: now.contract,
    period: now.period,
    currency: now.currency,
    digits: now.digits,
    versions: { issued: issued.version, now: now.version },
    lines,
    taxes,
    total: { issued: issued.total, now: now.total, difference },
    inputs: { issued: issued.inputs, now: now.inputs },
  };
}
