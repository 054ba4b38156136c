// Stage 6 (checkContract): the tax ids a payment line names. Input: the Contract model; output:
// E016 at every id in a line's `tax: [...]` that is not one of the contract's tax rates.
import type { Contract } from '../contract/model.js';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { suggestName } from '../diagnostics/suggest.js';

/**
 * E016 for each id in a line's `tax:` list that names no rate of `tax.rates` (also when the
 * contract has no rates at all, or is exempt), with a did-you-mean hint when one is close.
 */
export function checkLineTaxIds(contract: Contract, out: Diagnostic[]): void {
  const rates = contract.tax?.kind === 'rates' ? contract.tax.rates.map((r) => r.id) : [];
  for (const p of contract.payments) {
    for (const id of p.tax?.value ?? []) {
      if (rates.includes(id.value)) continue;
      const close = suggestName(id.value, rates);
      const hint = close !== undefined
        ? `did you mean "${close}"?`
        : rates.length === 0
          ? 'declare the rate under tax: rates, or write tax: [] for a line without tax'
          : `the contract's tax rates are ${rates.map((r) => `"${r}"`).join(', ')}`;
      out.push(diag('E016', id.span, { id: id.value, line: p.id }, { hint }));
    }
  }
}
