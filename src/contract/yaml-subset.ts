// Stage 1, quick reader for `attain validate`: YAML text -> yaml Document, through js-yaml's event
// parser (parseEvents: about a third of yaml's Parser + Composer time), for plain documents only.
// Anything outside the subset below gives `undefined` and the caller reads the file with yaml.
//
// Why a second reader is safe here: it is used only to ask "is this file clean?". The caller
// (check-file.ts) takes its answer only when every stage found nothing; any diagnostic, and any
// file outside the subset, is read again with yaml, so every diagnostic and span a user sees comes
// from yaml. What the quick reader must get right is structure and values, and within the subset
// test/property/yaml-subset.prop.test.ts checks both against yaml (generated documents, mutated
// contracts, every YAML file in the project). A block collection's range ends at its last child
// here (yaml's may run on over trailing comments): nothing reads it for a clean file.
//
// The subset: one implicit document (no directives, no `---`/`...`), block and flow maps and
// sequences, scalar keys under 1 000 characters without duplicates, and single-line scalars:
// plain, single-quoted, and double-quoted without escapes. Not in it: anchors, aliases, tags,
// block scalars, multi-line or empty scalars, comments inside flow collections, single-pair maps
// in flow sequences (`[a: 1]`), tabs, carriage returns, byte order marks inside the text, and
// nesting up to the depth limit. Each exclusion is either outside what contracts need or a place
// where js-yaml and yaml were seen to differ (the tests name them).
import { COLLECTION_STYLE, EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node, ScalarTag } from 'yaml';
import type { YamlLimits } from './load-yaml.js';

/** Options that keep yaml to the plain 1.2 core schema (shared with load-yaml's full reader). */
export const PARSE_OPTIONS = {
  uniqueKeys: true,
  stringKeys: true,
  merge: false,
  schema: 'core',
  resolveKnownTags: false,
  prettyErrors: false,
} as const;

/** A collection being filled, and the key waiting for its value when it is a map. */
interface Open {
  readonly node: YAMLMap | YAMLSeq;
  key: Scalar | undefined;
  /** Keys seen so far (maps only): a duplicate leaves the subset (yaml reports E003). */
  readonly keys: Set<string> | undefined;
  /** Flow collections: where the text after the last child (or after the bracket) starts. */
  lastEnd: number;
}

/** The scalar tags of yaml's core schema, in the order yaml tests them, and its string tag. */
interface CoreTags {
  readonly implicit: readonly ScalarTag[];
  readonly string: ScalarTag;
}

let coreTags: CoreTags | undefined;

/** yaml's own core-schema tags, so a plain scalar gets exactly the value yaml would give it. */
function tagsOf(doc: Document): CoreTags {
  if (coreTags !== undefined) return coreTags;
  const tags = doc.schema.tags as ScalarTag[];
  const string = tags.find((t) => t.tag === 'tag:yaml.org,2002:str');
  if (string === undefined) throw new Error('yaml core schema without a string tag');
  coreTags = { implicit: tags.filter((t) => t.default === true && t.test !== undefined && t.collection === undefined), string };
  return coreTags;
}

/** Keys at least this long (in source characters) are left to yaml (its limit is 1 024 to the `:`). */
const LONG_KEY = 1000;

/** Characters that leave a text to yaml before parsing: tabs, carriage returns, byte order marks. */
const TURNED_AWAY = /[\t\r\ufeff]/;

/** Fails the quick read; caught in readYamlSubset, never escapes it. */
class OutsideSubset {}
const OUTSIDE = new OutsideSubset();

/**
 * Read `text` as one YAML document when it lies inside the subset, else `undefined` (syntax
 * errors included: yaml reads those files and reports them).
 */
export function readYamlSubset(text: string, limits: YamlLimits): Document.Parsed | undefined {
  if (text.length > limits.maxChars || TURNED_AWAY.test(text)) return undefined;
  let events: Event[];
  try {
    // js-yaml counts depth its own way: its limit only guards its parser; build() checks ours.
    events = parseEvents(text, { maxDepth: limits.maxDepth + 8 });
  } catch {
    return undefined;
  }
  try {
    return build(text, events, limits.maxDepth);
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
}

function build(text: string, events: readonly Event[], maxDepth: number): Document.Parsed {
  const first = events[0];
  if (first === undefined || first.type !== EVENT_ID.DOCUMENT) throw OUTSIDE;
  if (first.explicitStart || first.explicitEnd || first.directives.length > 0) throw OUTSIDE;
  const doc = new Document(undefined, PARSE_OPTIONS);
  const tags = tagsOf(doc);
  const options = doc.options;
  const stack: Open[] = [];
  let root: Node | undefined;
  // Attach a finished node to the collection being filled, or make it the document's root.
  const place = (node: Node): void => {
    const open = stack[stack.length - 1];
    if (open !== undefined && open.node.flow === true) {
      const range = node.range as [number, number, number];
      if (hasComment(text, open.lastEnd, range[0])) throw OUTSIDE;
      open.lastEnd = range[1];
    }
    if (open === undefined) {
      if (root !== undefined) throw OUTSIDE;
      root = node;
    } else if (open.keys === undefined) {
      (open.node as YAMLSeq).items.push(node);
    } else if (open.key === undefined) {
      // Only scalar keys: a collection as a key is outside the subset. yaml rejects an implicit
      // key whose `:` is more than 1 024 characters from its start; js-yaml takes it.
      if (!(node instanceof Scalar)) throw OUTSIDE;
      const [keyStart, keyEnd] = node.range as [number, number, number];
      if (keyEnd - keyStart >= LONG_KEY) throw OUTSIDE;
      const key = node.value as string;
      if (open.keys.has(key)) throw OUTSIDE;
      open.keys.add(key);
      open.key = node;
    } else {
      (open.node as YAMLMap).items.push(new Pair(open.key, node));
      open.key = undefined;
    }
  };
  for (let i = 1; i < events.length; i++) {
    const e = events[i] as Event;
    switch (e.type) {
      case EVENT_ID.SCALAR: {
        const open = stack[stack.length - 1];
        const atKey = open !== undefined && open.keys !== undefined && open.key === undefined;
        place(scalarOf(text, e, atKey, tags, options));
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        // Files nested up to the limit go to yaml, whose depth check reports E004.
        if (e.anchorStart !== -1 || e.tagStart !== -1 || stack.length + 1 >= maxDepth) throw OUTSIDE;
        const map = e.type === EVENT_ID.MAPPING;
        const node = map ? new YAMLMap() : new YAMLSeq();
        if (e.style === COLLECTION_STYLE.FLOW) {
          // A single-pair map inside a flow sequence (`[a: 1]`) has no bracket of its own.
          if (text[e.start] !== (map ? '{' : '[')) throw OUTSIDE;
          node.flow = true;
        }
        node.range = [e.start, e.start, e.start];
        stack.push({ node, key: undefined, keys: map ? new Set() : undefined, lastEnd: e.start + 1 });
        break;
      }
      case EVENT_ID.POP: {
        const open = stack.pop();
        if (open === undefined) {
          // The document's own end: it must be the last event (a second document is outside).
          if (i !== events.length - 1) throw OUTSIDE;
          break;
        }
        if (open.key !== undefined) throw OUTSIDE;
        const start = open.node.range?.[0] ?? 0;
        if (open.node.flow === true) {
          const close = closingBracket(text, open.lastEnd, open.keys === undefined ? ']' : '}');
          open.node.range = [start, close + 1, close + 1];
        } else {
          const items = open.node.items as unknown[];
          const last = items[items.length - 1];
          const end = last instanceof Pair ? (last.value as Node).range : (last as Node | undefined)?.range;
          if (end !== undefined && end !== null) open.node.range = [start, end[1], end[1]];
        }
        place(open.node);
        break;
      }
      default:
        // DOCUMENT (a second one) and ALIAS.
        throw OUTSIDE;
    }
  }
  if (root === undefined || stack.length > 0) throw OUTSIDE;
  doc.contents = root as Document.Parsed['contents'];
  const end = root.range?.[1] ?? 0;
  doc.range = [root.range?.[0] ?? 0, end, end];
  return doc as Document.Parsed;
}

/**
 * Whether the text between two children of a flow collection holds a comment. yaml rejects some
 * comment lines inside flow maps that js-yaml takes (`{ a: 1\n# c\n}`), so none are in the subset.
 */
function hasComment(text: string, from: number, to: number): boolean {
  const hash = text.indexOf('#', from);
  return hash !== -1 && hash < to;
}

/** The offset of a flow collection's closing bracket: after its last child, only spaces, line breaks and a comma. */
function closingBracket(text: string, from: number, bracket: ']' | '}'): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === bracket) return i;
    if (c !== ' ' && c !== '\n' && c !== ',') break;
  }
  throw OUTSIDE;
}

/**
 * A single-line scalar as yaml composes it: keys are strings (stringKeys), quoted values are
 * strings, and plain values take the first of yaml's core tags whose test matches.
 */
function scalarOf(text: string, e: ScalarEvent, atKey: boolean, tags: CoreTags, options: Document['options']): Scalar {
  if (e.anchorStart !== -1 || e.tagStart !== -1 || e.valueStart === -1) throw OUTSIDE;
  const { valueStart, valueEnd } = e;
  const newline = text.indexOf('\n', valueStart);
  if (newline !== -1 && newline < valueEnd) throw OUTSIDE;
  let value: string;
  let type: Scalar.Type;
  let range: [number, number, number];
  switch (e.style) {
    case SCALAR_STYLE.PLAIN:
      if (valueStart === valueEnd) throw OUTSIDE;
      value = e.fast ? text.slice(valueStart, valueEnd) : getScalarValue(text, e);
      type = Scalar.PLAIN;
      range = [valueStart, valueEnd, valueEnd];
      break;
    case SCALAR_STYLE.SINGLE_QUOTED:
      value = getScalarValue(text, e);
      type = Scalar.QUOTE_SINGLE;
      range = [valueStart - 1, valueEnd + 1, valueEnd + 1];
      break;
    case SCALAR_STYLE.DOUBLE_QUOTED: {
      const backslash = text.indexOf('\\', valueStart);
      if (backslash !== -1 && backslash < valueEnd) throw OUTSIDE;
      value = text.slice(valueStart, valueEnd);
      type = Scalar.QUOTE_DOUBLE;
      range = [valueStart - 1, valueEnd + 1, valueEnd + 1];
      break;
    }
    default:
      throw OUTSIDE;
  }
  const tag = atKey || type !== Scalar.PLAIN ? tags.string : (tags.implicit.find((t) => t.test?.test(value) === true) ?? tags.string);
  let resolved: unknown;
  try {
    resolved = tag.resolve(value, () => {
      throw OUTSIDE;
    }, options);
  } catch {
    // yaml reports a failed resolution (TAG_RESOLVE_FAILED) itself.
    throw OUTSIDE;
  }
  const scalar = resolved instanceof Scalar ? resolved : new Scalar(resolved);
  scalar.range = range;
  scalar.source = value;
  scalar.type = type;
  if (tag.format !== undefined) scalar.format = tag.format;
  return scalar;
}
