// Stage 9 support: invoice number and dates from `invoice:` for a period (SPEC 10).
import { describe, expect, it } from 'vitest';
import type { Contract, InvoiceDocDecl, PeriodKind } from '../../../src/contract/model.js';
import { invoiceDocument } from '../../../src/taxes/invoice-document.js';

const AT = { file: 'c.yaml', start: 0, end: 0 };

function contract(invoice: Partial<InvoiceDocDecl> | undefined, period: PeriodKind = 'month'): Contract {
  const base = { id: { value: 'acme-smm', span: AT }, version: { value: 2, span: AT }, period: { value: period, span: AT } };
  const doc = invoice === undefined ? {} : { invoice: { issueDay: 1, dueDays: 0, span: AT, ...invoice } };
  return { ...base, ...doc } as unknown as Contract;
}

describe('invoiceDocument', () => {
  it('is absent without invoice:', () => {
    expect(invoiceDocument(contract(undefined), '2026-10')).toBeUndefined();
  });

  it('fills the number template and dates the month after the period', () => {
    const c = contract({ number: { value: 'NS-{contract}-{yyyy}{mm}/v{version} {period} Q{q}', span: AT }, issueDay: 5, dueDays: 10 });
    expect(invoiceDocument(c, '2026-10')).toEqual({ number: 'NS-acme-smm-202610/v2 2026-10 Q4', issueDate: '2026-11-05', dueDate: '2026-11-15' });
  });

  it('defaults: day 1, due on issue, number {contract}-{period}; December rolls into January', () => {
    expect(invoiceDocument(contract({}), '2026-12')).toEqual({ number: 'acme-smm-2026-12', issueDate: '2027-01-01', dueDate: '2027-01-01' });
  });

  it('clamps the issue day to a short month and counts due days across months', () => {
    expect(invoiceDocument(contract({ issueDay: 31, dueDays: 30 }), '2027-01')).toEqual({ number: 'acme-smm-2027-01', issueDate: '2027-02-28', dueDate: '2027-03-30' });
  });

  it('a quarter is issued in the month after its last month', () => {
    const c = contract({ number: { value: '{yyyy}-{q}-{mm}', span: AT } }, 'quarter');
    expect(invoiceDocument(c, '2026-Q4')).toEqual({ number: '2026-4-10', issueDate: '2027-01-01', dueDate: '2027-01-01' });
  });
});
