// Test helper: an Evaluation from contract and data texts, or from a shipped contract over its
// example data (optionally edited), for the tests of documents for people.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSourceFile } from '../../src/diagnostics/source.js';
import { bindSources, evaluateBound } from '../../src/pipeline/evaluate-contract.js';
import type { Evaluation } from '../../src/report/evaluation.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A contract text and its data text (YAML, or JSON when it starts with `{`) evaluated for a period. */
export function evaluateTexts(contract: string, data: string, period: string): Evaluation {
  const bound = bindSources(createSourceFile('contract.yaml', contract), [createSourceFile(data.trimStart().startsWith('{') ? 'data.json' : 'data.yaml', data)]);
  if (bound.value === undefined) throw new Error(JSON.stringify(bound.diagnostics));
  const run = evaluateBound(bound.value, { period });
  if (run.value === undefined) throw new Error(JSON.stringify(run.diagnostics));
  return run.value;
}

/** contracts/<id>.yaml (after `edit`) over examples/<id>/<data>. */
export function shipped(id: string, data: string, period = '2026-10', edit: (text: string) => string = (t) => t): Evaluation {
  return evaluateTexts(edit(readFileSync(`${ROOT}contracts/${id}.yaml`, 'utf8')), readFileSync(`${ROOT}examples/${id}/${data}`, 'utf8'), period);
}
