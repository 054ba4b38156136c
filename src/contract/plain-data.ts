// Stage 2 helper: a yaml Document -> plain JSON-like data for ajv. Mappings become null-prototype
// objects, so keys such as `__proto__` or `constructor` are ordinary own properties.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document } from 'yaml';
import { keyText } from './yaml-spans.js';

/** JSON-like data built from YAML; objects have a null prototype. */
export type PlainData = string | number | boolean | null | PlainData[] | { [key: string]: PlainData };

/** Guard against documents that did not go through loadYaml's alias and depth checks. */
const MAX_DEPTH = 256;

/**
 * Convert a document (already checked by loadYaml: no alias cycles, bounded expansion) to plain
 * data. Aliases are expanded; numbers keep the JS value (ajv only checks their type and range).
 */
export function toPlainData(doc: Document, node: unknown = doc.contents, depth = 0): PlainData {
  if (depth > MAX_DEPTH) return null;
  const n = isAlias(node) ? node.resolve(doc) : node;
  if (isMap(n)) {
    const out = Object.create(null) as { [key: string]: PlainData };
    // Without a prototype there is no `__proto__` setter: assignment makes an own property for
    // every key (and is several times cheaper than Object.defineProperty).
    for (const pair of n.items) out[keyText(pair)] = toPlainData(doc, pair.value, depth + 1);
    return out;
  }
  if (isSeq(n)) return n.items.map((item) => toPlainData(doc, item, depth + 1));
  if (isScalar(n)) {
    const v = n.value;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    return v === undefined ? null : String(v);
  }
  return null;
}
