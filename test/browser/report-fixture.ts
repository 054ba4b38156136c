// A report fixture for the HTML tests: the shipped acme-smm contract with hostile text put into
// its title, parties, a KPI description and a payment label, and a history with a failed period.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { bindSources, evaluateBound } from '../../src/pipeline/evaluate-contract.js';
import { evaluateHistory } from '../../src/pipeline/history.js';
import { renderEvaluationHtml } from '../../src/report/html.js';
import type { LocaleId } from '../../src/contract/model.js';
import type { Evaluation } from '../../src/report/evaluation.js';
import type { ReportHistory } from '../../src/report/html-history.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const HOSTILE = '<script>window.pwned = 1</script>';

export interface ReportFixture {
  readonly evaluation: Evaluation;
  readonly history: ReportHistory;
  readonly html: string;
}

/** acme-smm for 2026-10 over the month example's data, with 2026-05 missing followers (so
 * growth has no value in 2026-05 and 2026-06: gaps). */
export function buildReportFixture(locale: LocaleId = 'en'): ReportFixture {
  const contractText = readFileSync(`${ROOT}contracts/acme-smm.yaml`, 'utf8')
    .replace('title: ACME - social media and site traffic', `title: "ACME ${HOSTILE} & \\"friends\\""`)
    .replace(/^parties:\n( {2}.*\n)+/m, `parties: { agency: "North <b>Star</b> Agency", client: "ACME LLC ${HOSTILE}" }\n`)
    .replace('description: Visitors from social networks behave like real, interested people', 'description: "<img src=x onerror=alert(1)> real visitors"')
    .replace('label: Leads from social networks', `label: "Leads ${HOSTILE}"`);
  const dataText = readFileSync(`${ROOT}examples/month/2026-10/acme-smm.yaml`, 'utf8').replace('leads: 68, followers: 4451,', 'leads: 68,');
  const contract = createSourceFile('contracts/acme-smm.yaml', contractText);
  const data = createSourceFile('data/acme-smm.yaml', dataText);
  const bound = bindSources(contract, [data]);
  if (bound.value === undefined) throw new Error(JSON.stringify(bound.diagnostics));
  const run = evaluateBound(bound.value, { period: '2026-10' });
  if (run.value === undefined) throw new Error(JSON.stringify(run.diagnostics));
  const history = evaluateHistory(bound.value, '2026-10');
  return { evaluation: run.value, history, html: renderEvaluationHtml(run.value, history, { locale }) };
}
