// The quick YAML reader (src/contract/yaml-subset.ts) against yaml, for its unit and property
// tests: what a composed tree holds, whether the two readers agree on a text, and the verdict of
// the stages on a quick reading before check-file.ts would read a file with findings again.
import { expect } from 'vitest';
import { visit } from 'yaml';
import type { Document, Node } from 'yaml';
import { loadContract } from '../../src/contract/load-contract.js';
import { DEFAULT_LIMITS, loadYaml } from '../../src/contract/load-yaml.js';
import { readYamlSubset } from '../../src/contract/yaml-subset.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { createSourceFile } from '../../src/diagnostics/source.js';
import type { SourceFile } from '../../src/diagnostics/source.js';
import { checkContract } from '../../src/check/check-contract.js';

/** What a composed tree holds, in document order: all the stages after stage 1 read. */
export function shapeOf(doc: Document): unknown[] {
  const out: unknown[] = [];
  visit(doc, {
    Node(_key, n: Node) {
      const scalar = 'value' in n && !('items' in n);
      const v = scalar ? (n as { value: unknown }).value : undefined;
      out.push([
        n.constructor.name,
        typeof v,
        v === undefined || v === null ? v : String(v),
        (n as { type?: string }).type ?? null,
        (n as { flow?: boolean }).flow ?? null,
        (n as { format?: string }).format ?? null,
        scalar ? n.range?.slice(0, 2) : n.range?.[0],
      ]);
    },
  });
  return out;
}


/**
 * Whether the quick reader takes `text`; when it does, yaml must read the same text without a
 * finding and compose the same tree (kinds, values and their JS types, styles, spans).
 */
export function agreesWithYaml(text: string): boolean {
  const quick = readYamlSubset(text, DEFAULT_LIMITS);
  if (quick === undefined) return false;
  const full = loadYaml(createSourceFile('generated.yaml', text));
  expect(full.diagnostics, text).toEqual([]);
  expect(shapeOf(quick), text).toEqual(shapeOf(full.value?.doc as Document));
  expect(quick.toJS(), text).toEqual(full.value?.doc.toJS());
  return true;
}

/**
 * What stages 1-6 find in a quick reading of `file`, before anything is read again; undefined when
 * the quick reader leaves the file to yaml.
 */
export function quickReadingFindings(file: SourceFile): readonly Diagnostic[] | undefined {
  const loaded = loadContract(file, { quick: true });
  if (loaded.yamlReader !== 'subset') return undefined;
  return loaded.value === undefined ? loaded.diagnostics : [...loaded.diagnostics, ...checkContract(loaded.value).diagnostics];
}
