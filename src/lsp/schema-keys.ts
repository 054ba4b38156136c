// Language server, the contract schema by YAML path: path -> the schema of the value there, the
// keys it allows (with their descriptions) and whether it holds an expression. Reads the shipped
// schema (schema/contract.schema.json) through $ref, items, additionalProperties and oneOf.
import { CONTRACT_SCHEMA } from '../contract/schema.js';

type SchemaNode = Readonly<Record<string, unknown>>;

/** A key the schema allows at a place, with its one-line description. */
export interface SchemaKey {
  readonly key: string;
  readonly description: string;
}

function isNode(v: unknown): v is SchemaNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deref(node: SchemaNode, root: SchemaNode = CONTRACT_SCHEMA): SchemaNode {
  const ref = node['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let at: unknown = root;
  for (const part of ref.slice(2).split('/')) at = isNode(at) ? at[part] : undefined;
  return isNode(at) ? { ...deref(at, root), ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) } : node;
}

/** The node and every branch of its oneOf/anyOf/allOf, dereferenced. */
function branches(node: SchemaNode): SchemaNode[] {
  const n = deref(node);
  const out = [n];
  for (const k of ['oneOf', 'anyOf', 'allOf']) {
    const list = n[k];
    if (Array.isArray(list)) for (const b of list) if (isNode(b)) out.push(...branches(b));
  }
  return out;
}

/** Schemas of the value at a path (several when branches allow it). */
export function schemasAt(path: readonly string[]): SchemaNode[] {
  let nodes: SchemaNode[] = [CONTRACT_SCHEMA];
  for (const part of path) {
    const next: SchemaNode[] = [];
    for (const n of nodes.flatMap(branches)) {
      if (part === '[]') {
        if (isNode(n['items'])) next.push(n['items']);
        continue;
      }
      const props = n['properties'];
      if (isNode(props) && isNode(props[part])) next.push(props[part]);
      else if (isNode(n['additionalProperties'])) next.push(n['additionalProperties']);
      const patterns = n['patternProperties'];
      if (isNode(patterns)) for (const v of Object.values(patterns)) if (isNode(v)) next.push(v);
    }
    nodes = next;
    if (nodes.length === 0) break;
  }
  return nodes;
}

/** The keys an object at `path` may have, in schema order. */
export function keysAt(path: readonly string[]): SchemaKey[] {
  const seen = new Map<string, SchemaKey>();
  for (const n of schemasAt(path).flatMap(branches)) {
    const props = n['properties'];
    if (!isNode(props)) continue;
    for (const [key, v] of Object.entries(props)) {
      if (seen.has(key) || !isNode(v)) continue;
      const d = deref(v);
      const description = typeof d['description'] === 'string' ? d['description'] : typeof d['title'] === 'string' ? d['title'] : '';
      seen.set(key, { key, description });
    }
  }
  return [...seen.values()];
}

/** Whether the value at `path` is (or may be) an expression of the DSL. */
export function isExpressionAt(path: readonly string[]): boolean {
  return schemasAt(path).some((n) => isExpressionNode(n));
}

function isExpressionNode(node: SchemaNode): boolean {
  if (node['$ref'] === '#/$defs/expression') return true;
  for (const k of ['oneOf', 'anyOf']) {
    const list = node[k];
    if (Array.isArray(list) && list.some((b) => isNode(b) && isExpressionNode(b))) return true;
  }
  return false;
}
