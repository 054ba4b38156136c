// JUnit XML rendering of diagnostics, for CI systems that show test reports (GitLab, Jenkins):
// a <testsuite> per file, a failing <testcase> per error, a passing <testcase> with the warning in
// <system-out> per warning (a warnings-only run exits 0, so it reports no failure), one passing
// <testcase> for a file without findings. Only elements and attributes of the Jenkins xunit JUnit
// schema (junit-10.xsd): a testcase has name and classname, the file is on its testsuite.
// Deterministic: sorted, no timestamps, no durations, no host names.
import { CODES, type Code } from './codes.js';
import { sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { locate, type RenderOptions, type SourceLookup } from './locate.js';
import { renderPretty } from './render-pretty.js';

/**
 * Text safe in XML 1.0 content and attribute values. `& < > " '` become entities; tab, line feed
 * and carriage return become character references (attribute values keep them, and `\r` survives
 * line-end normalisation); characters XML 1.0 cannot carry at all (other C0 controls, lone
 * surrogates, U+FFFE, U+FFFF) are written as the visible text `\uXXXX`.
 */
export function escapeXml(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text[i]! + text[i + 1]!;
        i++;
        continue;
      }
    }
    out += escapeUnit(c, text[i]!);
  }
  return out;
}

function escapeUnit(c: number, ch: string): string {
  switch (ch) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '"':
      return '&quot;';
    case "'":
      return '&apos;';
    case '\t':
      return '&#9;';
    case '\n':
      return '&#10;';
    case '\r':
      return '&#13;';
  }
  const illegal = c < 0x20 || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff;
  return illegal ? `\\u${c.toString(16).toUpperCase().padStart(4, '0')}` : ch;
}

/** Element content: like escapeXml but line feeds stay literal, so multi-line bodies stay readable. */
export function escapeXmlText(text: string): string {
  return escapeXml(text).replace(/&#10;/g, '\n');
}

/** `name="value"` pairs in the given order. */
export function xmlAttributes(attributes: readonly (readonly [string, string | number])[]): string {
  return attributes.map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');
}

/** A JUnit `classname` from a path: Jenkins reads dots as packages, so `contracts/acme.yaml` -> `contracts.acme`. */
export function junitClassname(path: string): string {
  const noExt = path.replace(/\\/g, '/').replace(/\.[^./]*$/, '');
  return noExt
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .map((s) => s.replace(/\./g, '_'))
    .join('.');
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** A <testsuites> document for `attain validate`. */
export function renderJunit(diagnostics: readonly Diagnostic[], sources: SourceLookup, options: RenderOptions = {}): string {
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of options.files ?? []) byFile.set(f, []);
  for (const d of sortDiagnostics(diagnostics)) {
    const list = byFile.get(d.span.file);
    if (list === undefined) byFile.set(d.span.file, [d]);
    else list.push(d);
  }
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of files) {
    const found = byFile.get(file) ?? [];
    const classname = junitClassname(file);
    const cases: string[] = [];
    if (found.length === 0) {
      cases.push(`    <testcase${xmlAttributes([['classname', classname], ['name', 'valid']])}/>\n`);
    }
    let fileFailures = 0;
    for (const d of found) {
      const at = locate(d, sources);
      const title = CODES[d.code as Code]?.title ?? d.code;
      const name = `${d.code} ${title} (${at.line}:${at.column})`;
      const body = escapeXmlText(renderPretty([d], sources).replace(/\n+$/, '\n'));
      const attributes = xmlAttributes([['classname', classname], ['name', name]]);
      if (d.severity === 'error') {
        fileFailures++;
        cases.push(
          `    <testcase${attributes}>\n` +
            `      <failure${xmlAttributes([['message', `${d.severity}: ${d.message}`], ['type', d.code]])}>${body}</failure>\n` +
            '    </testcase>\n',
        );
      } else {
        cases.push(`    <testcase${attributes}>\n      <system-out>${body}</system-out>\n    </testcase>\n`);
      }
    }
    const caseCount = Math.max(1, found.length);
    tests += caseCount;
    failures += fileFailures;
    suites.push(
      `  <testsuite${xmlAttributes([['name', file], ['tests', caseCount], ['failures', fileFailures], ['errors', 0], ['skipped', 0], ['file', file]])}>\n` +
        cases.join('') +
        '  </testsuite>\n',
    );
  }
  return (
    XML_DECLARATION +
    `<testsuites${xmlAttributes([['name', 'attain validate'], ['tests', tests], ['failures', failures], ['errors', 0]])}>\n` +
    suites.join('') +
    '</testsuites>\n'
  );
}
