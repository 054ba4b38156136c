// What a composed yaml tree holds, in document order, for comparing two readers of the same text
// (test/property/yaml-subset.prop.test.ts): node kinds, values and their JS types, scalar styles
// and formats, flow or block, scalar spans and collection starts.
import { visit } from 'yaml';
import type { Document, Node } from 'yaml';

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

