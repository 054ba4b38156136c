// attain's library as the bench uses it: the compiled dist/ (npm run build) by default.
export async function loadDistLib() {
  const base = new URL('../../dist/src/', import.meta.url);
  const at = (p) => import(new URL(p, base).href);
  const [lc, src, chk, bind, ev, inv, rat, money, prog, file, pipe, plain, json, fused] = await Promise.all([
    at('contract/load-contract.js'), at('diagnostics/source.js'), at('check/check-contract.js'), at('data/bind.js'),
    at('evaluate/evaluate-period.js'), at('invoice/price-invoice.js'), at('numbers/rational.js'), at('numbers/money.js'), at('compile/compile-program.js'),
    at('check/check-file.js'), at('pipeline/evaluate-contract.js'), at('api/plain-data.js'), at('report/json.js'), at('api/plain-bind.js'),
  ]);
  return {
    loadContract: lc.loadContract, createSourceFile: src.createSourceFile, checkContract: chk.checkContract, compileProgram: prog.compileProgram,
    bindData: bind.bindData, evaluatePeriod: ev.evaluatePeriod, priceInvoice: inv.priceInvoice,
    isRational: rat.isRational, toDecimalString: rat.toDecimalString, formatMinor: money.formatMinor,
    // The steps of program.evaluate, for the client-month breakdown (bench/library.mjs).
    checkContractFile: file.checkContractFile, sha256Hex: src.sha256Hex, evaluateBound: pipe.evaluateBound,
    plainData: plain.plainData, plainBinder: fused.plainBinder, evaluationToJson: json.evaluationToJson,
  };
}
