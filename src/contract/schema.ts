// Stage 2 (validateShape): yaml Document -> E01x diagnostics from the shipped JSON Schema.
// The schema is compiled ahead of time with ajv's standalone mode (scripts/gen-schema-validator.mjs
// -> schema-validator.generated.ts), so start-up loads neither ajv's compiler nor compiles the
// schema; each ajv error is decoded to a YAML path, then to the node's Span.
import { existsSync, readFileSync } from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap } from 'yaml';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { diag } from '../diagnostics/codes.js';
import type { SourceFile } from '../diagnostics/source.js';
import { suggestName } from '../diagnostics/suggest.js';
import { toPlainData } from './plain-data.js';
import { validate as validateContract } from './schema-validator.generated.js';
import { keyText, nodeAtPath, nodeSpan } from './yaml-spans.js';
import type { YamlPath } from './yaml-spans.js';

/** The shipped schema, found next to the package whether run from src/ or dist/src/. */
function readSchema(): Record<string, unknown> {
  for (const rel of ['../../schema/contract.schema.json', '../../../schema/contract.schema.json']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
  }
  throw new Error('schema/contract.schema.json not found');
}

/** The contract JSON Schema (draft 2020-12), as shipped in `schema/`. */
export const CONTRACT_SCHEMA: Readonly<Record<string, unknown>> = readSchema();

/** allErrors, verbose, ownProperties (options in the generator; test checks it is fresh). */
const validate = validateContract as unknown as ValidateFunction;

const DEFS = (CONTRACT_SCHEMA['$defs'] ?? {}) as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
/** Pattern errors with the period-key pattern are period-format errors (E058). */
const PERIOD_PATTERN = String(DEFS['periodKey']?.['pattern']);
const PAYMENT_TITLE = String(DEFS['payment']?.['title']);
const PRICING_KEYS = ['amount', 'quantity', 'price', 'tiers', 'mode', 'package'];
const PRICING_REASON =
  'a payment has exactly one pricing form: amount, quantity+price, quantity+tiers, quantity+package';

/** Friendly wording of the schema's patterns. */
const PATTERN_REASONS: Readonly<Record<string, string>> = {
  '^[a-z][a-z0-9-]*$': 'a lowercase slug (a-z, 0-9 and -, starting with a letter)',
  '^[a-z_][a-z0-9_]*$': 'a lowercase name (a-z, 0-9 and _, not starting with a digit)',
  '^[A-Z]{3}$': 'a three-letter ISO 4217 code such as RUB or USD',
  '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$': 'a period such as 2026-10 (month) or 2026-Q1 (quarter)',
  '^[0-9]+(\\.[0-9]+)?$': 'a non-negative decimal number such as 50 or 12.5',
};

/**
 * Check a document against the contract schema. One diagnostic per problem: unknown keys (E010,
 * at the key, with did-you-mean), missing keys (E011, at the map), wrong types (E012), invalid
 * values (E013, E058 for period keys), pricing forms (E014), anything else (E015).
 */
export function validateShape(doc: Document, file: SourceFile): Diagnostic[] {
  return validateShapeWith(validate, doc, file);
}

/**
 * The same check against another compiled schema (the sources file's): one diagnostic per problem,
 * mapped to spans exactly as for contracts.
 */
export function validateShapeWith(check: ValidateFunction, doc: Document, file: SourceFile): Diagnostic[] {
  if (check(toPlainData(doc))) return [];
  const errors = simplifyErrors(check.errors ?? []);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const d = toDiagnostic(doc, file, e);
    if (d === undefined) continue;
    const key = `${d.code}:${d.span.start}:${d.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return sortDiagnostics(dropTypoNoise(out));
}

/** JSON pointer -> path segments. */
export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Resolve oneOf/anyOf failures to the errors of the branch that was meant, or to one error. */
function simplifyErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const typeAt = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const unions = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const dropped = new Set<ErrorObject>();
  const added: ErrorObject[] = [];
  for (const u of unions) {
    // Branches are inline in the schema, so their errors extend the union's schema path (paths
    // restart at each $ref, hence the instance-path check as well).
    const inside = errors.filter(
      (e) =>
        e.schemaPath.startsWith(`${u.schemaPath}/`) &&
        (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`)),
    );
    for (const e of inside) dropped.add(e);
    if (typeAt.has(u.instancePath) && !inside.some((e) => e.instancePath === u.instancePath && e.keyword === 'type')) {
      dropped.add(u); // the value has the wrong type anyway; that error says it all
      continue;
    }
    if (isPricingUnion(u)) continue; // reported as one E014
    dropped.add(u);
    added.push(...bestBranch(u, inside));
  }
  return [...errors.filter((e) => !dropped.has(e) && !isPropertyNamesWrapper(e)), ...added];
}

function isPricingUnion(e: ErrorObject): boolean {
  return e.keyword === 'oneOf' && e.parentSchema?.['title'] === PAYMENT_TITLE;
}

/** The outer `propertyNames` error duplicates the inner one (which names the property). */
function isPropertyNamesWrapper(e: ErrorObject): boolean {
  return e.keyword === 'propertyNames';
}

/**
 * Among the branches of a failed union, keep the errors of the one whose type matches the value
 * (fewest errors wins); when no branch's type matches, one wrong-type error listing the types.
 */
function bestBranch(u: ErrorObject, inside: readonly ErrorObject[]): ErrorObject[] {
  const branches = new Map<string, ErrorObject[]>();
  for (const e of inside) {
    const idx = e.schemaPath.slice(u.schemaPath.length + 1).split('/')[0] ?? '';
    branches.set(idx, [...(branches.get(idx) ?? []), e]);
  }
  const rootTypeError = (list: readonly ErrorObject[]): ErrorObject | undefined =>
    list.find((e) => e.keyword === 'type' && e.instancePath === u.instancePath);
  const matching = [...branches.values()].filter((list) => rootTypeError(list) === undefined);
  if (matching.length > 0) {
    return matching.reduce((a, b) => (b.length < a.length ? b : a));
  }
  const types = [...branches.values()].flatMap((list) => {
    const t = rootTypeError(list)?.params['type'] as string | string[] | undefined;
    return t === undefined ? [] : Array.isArray(t) ? t : [t];
  });
  return [{ ...u, keyword: 'type', params: { type: [...new Set(types)] } }];
}

function toDiagnostic(doc: Document, file: SourceFile, e: ErrorObject): Diagnostic | undefined {
  const path = decodePointer(e.instancePath);
  const what = describePath(path);
  const at = nodeAtPath(doc, path);
  const data = { keyword: e.keyword, schemaPath: e.schemaPath, instancePath: e.instancePath };
  if (e.propertyName !== undefined) return propertyNameDiagnostic(doc, file, e, path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params['additionalProperty']);
      const keyNode = nodeAtPath(doc, [...path, key]).key;
      const allowed = Object.keys((e.parentSchema?.['properties'] as object | undefined) ?? {});
      const suggestion = suggestName(key, allowed);
      const hint =
        suggestion !== undefined
          ? `did you mean "${suggestion}"?`
          : allowed.length > 0
            ? `allowed keys${what === '' ? '' : ` in ${what}`}: ${allowed.join(', ')}`
            : undefined;
      return diag('E010', nodeSpan(file, keyNode), { key }, { data: { ...data, ...(suggestion === undefined ? {} : { suggestion }) }, ...(hint === undefined ? {} : { hint }) });
    }
    case 'required': {
      const key = String(e.params['missingProperty']);
      const span = at.key !== undefined && path.length > 0 ? nodeSpan(file, at.key) : nodeSpan(file, at.node);
      return diag('E011', span, { key }, { data: { ...data, missing: key } });
    }
    case 'type': {
      const expected = describeTypes(e.params['type'] as string | string[]);
      const reason = `${what === '' ? 'the contract' : what} must be ${expected}, found ${describeFound(e.data)}`;
      return diag('E012', nodeSpan(file, at.node), { reason }, { data });
    }
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'enum' ? (e.params['allowedValues'] as unknown[]) : [e.params['allowedValue']]).map(String);
      const found = typeof e.data === 'string' ? `"${e.data}"` : describeFound(e.data);
      const reason = `${what} must be one of: ${allowed.join(', ')} (found ${found})`;
      const suggestion = typeof e.data === 'string' ? suggestName(e.data, allowed) : undefined;
      return diag('E013', nodeSpan(file, at.node), { reason }, { data: { ...data, allowed }, ...(suggestion === undefined ? {} : { hint: `did you mean "${suggestion}"?` }) });
    }
    case 'pattern': {
      const pattern = String(e.params['pattern']);
      const reason = `${what} must be ${PATTERN_REASONS[pattern] ?? `text matching ${pattern}`}, found ${JSON.stringify(e.data)}`;
      const code = pattern === PERIOD_PATTERN ? 'E058' : 'E013';
      return diag(code, nodeSpan(file, at.node), { reason }, { data });
    }
    case 'oneOf':
      if (!isPricingUnion(e)) return diag('E015', nodeSpan(file, at.node), { reason: `${what} matches more than one form` }, { data });
      return diag('E014', nodeSpan(file, at.node), { reason: pricingReason(doc, path) }, { data });
    default: {
      const code = isRangeKeyword(e.keyword) ? 'E013' : 'E015';
      const reason = `${what === '' ? 'the contract' : what} ${e.message ?? 'does not match the schema'}`;
      return diag(code, nodeSpan(file, at.node), { reason }, { data });
    }
  }
}

function isRangeKeyword(keyword: string): boolean {
  return ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'multipleOf'].includes(keyword);
}

/** An error about a key itself (propertyNames): point at the key node. */
function propertyNameDiagnostic(doc: Document, file: SourceFile, e: ErrorObject, path: YamlPath): Diagnostic {
  const name = e.propertyName ?? '';
  const span = nodeSpan(file, nodeAtPath(doc, [...path, name]).key);
  const what = describePath(path);
  const data = { keyword: e.keyword, schemaPath: e.schemaPath, instancePath: e.instancePath, propertyName: name };
  if (e.keyword === 'pattern') {
    const pattern = String(e.params['pattern']);
    const reason = `a key in ${what} must be ${PATTERN_REASONS[pattern] ?? `text matching ${pattern}`}, found "${name}"`;
    return diag(pattern === PERIOD_PATTERN ? 'E058' : 'E013', span, { reason }, { data });
  }
  return diag('E013', span, { reason: `key "${name}" in ${what} ${e.message ?? 'is invalid'}` }, { data });
}

/** Which pricing keys a payment has, for the E014 message. */
function pricingReason(doc: Document, path: YamlPath): string {
  const node = nodeAtPath(doc, path).node;
  const present = isMap(node) ? node.items.map(keyText).filter((k) => PRICING_KEYS.includes(k)) : [];
  const found = present.length === 0 ? 'none' : present.join(' + ');
  const tiersHint = present.includes('tiers') && !present.includes('mode') ? '; tiers need mode: graduated | volume' : '';
  return `${PRICING_REASON} (found: ${found})${tiersHint}`;
}

/**
 * A misspelt key (`taget`, `amout`) already explains the missing key or pricing form it was meant
 * to be: keep only the E010 with its did-you-mean.
 */
function dropTypoNoise(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const typos = diagnostics.filter((d) => d.code === 'E010' && d.data?.['suggestion'] !== undefined);
  const meant = new Set(typos.map((d) => `${String(d.data?.['instancePath'])}|${String(d.data?.['suggestion'])}`));
  const pricingTypoAt = new Set(
    typos.filter((d) => PRICING_KEYS.includes(String(d.data?.['suggestion']))).map((d) => String(d.data?.['instancePath'])),
  );
  return diagnostics.filter((d) => {
    const at = String(d.data?.['instancePath']);
    if (d.code === 'E011') return !meant.has(`${at}|${String(d.data?.['missing'])}`);
    if (d.code === 'E014') return !pricingTypoAt.has(at);
    return true;
  });
}

/** `kpis.growth.target`, `payments[1].price`. */
export function describePath(path: YamlPath): string {
  let out = '';
  for (const step of path) {
    if (/^\d+$/.test(String(step))) out += `[${String(step)}]`;
    else out += out === '' ? String(step) : `.${String(step)}`;
  }
  return out;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

function describeTypes(type: string | string[]): string {
  const list = Array.isArray(type) ? type : [type];
  const set = new Set(list);
  if (set.has('string') && set.has('number') && set.has('boolean')) return 'an expression (text, a number or true/false)';
  return list.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
}

function describeFound(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object':
      return 'a mapping';
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return String(value);
    case 'string':
      return `text "${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
    default:
      return typeof value;
  }
}
