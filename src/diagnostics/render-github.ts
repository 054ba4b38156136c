// Diagnostics rendering, GitHub Actions: workflow-command annotations (at most ten of each severity
// per step) and the Markdown job summary that lists every finding.
import { sortDiagnostics, type Diagnostic } from './diagnostic.js';
import { locate, type SourceLookup } from './locate.js';
import { displayTextKeepingLineBreaks, markdownCode, markdownText } from './safe-text.js';
import { lineText } from './source.js';

function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub shows at most this many error annotations, and as many warning annotations, per step. */
export const GITHUB_ANNOTATIONS_PER_STEP = 10;

/**
 * GitHub Actions workflow commands, one line per finding:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=E0xx::message (hint: …)`. GitHub accepts columns only on single-line annotations, so a span
 * over several lines is shown on its first line (from its column to the end of that line).
 * GitHub shows 10 error and 10 warning annotations per step and drops the rest: the first 10 of
 * each are written, then one `::notice::` counts the findings not shown (the job summary,
 * renderGithubSummary, lists them all).
 */
export function renderGithub(diagnostics: readonly Diagnostic[], sources: SourceLookup): string {
  const shown = { error: 0, warning: 0 };
  let hidden = 0;
  const lines: string[] = [];
  for (const d of sortDiagnostics(diagnostics)) {
    const kind = d.severity === 'error' ? 'error' : 'warning';
    if (shown[kind] >= GITHUB_ANNOTATIONS_PER_STEP) {
      hidden++;
      continue;
    }
    shown[kind]++;
    const at = locate(d, sources);
    const file = sources(d.span.file);
    const endColumn = at.endLine === at.line ? at.endColumn : Math.max(at.column, (file === undefined ? 0 : lineText(file, at.line).length) + 1);
    const props = [
      `file=${escapeGithubProperty(d.span.file)}`,
      `line=${at.line}`,
      `col=${at.column}`,
      `endLine=${at.line}`,
      `endColumn=${endColumn}`,
      `title=${escapeGithubProperty(d.code)}`,
    ].join(',');
    const message = d.hint === undefined ? d.message : `${d.message} (hint: ${d.hint})`;
    lines.push(`::${kind} ${props}::${escapeGithubData(displayTextKeepingLineBreaks(message))}\n`);
  }
  if (hidden > 0) {
    lines.push(
      `::notice title=attain::${hidden} more finding(s) not shown as annotations (GitHub shows ${GITHUB_ANNOTATIONS_PER_STEP} errors and ${GITHUB_ANNOTATIONS_PER_STEP} warnings per step); every finding is in the job summary and in \`attain validate\` output\n`,
    );
  }
  return lines.join('');
}

/**
 * The Markdown job summary for `$GITHUB_STEP_SUMMARY`: counts, then one table row per finding
 * (location, severity, code, message, hint), user text escaped for Markdown.
 */
export function renderGithubSummary(diagnostics: readonly Diagnostic[], sources: SourceLookup, files: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const out = ['## attain validate', '', `${files} file(s): ${errors} error(s), ${diagnostics.length - errors} warning(s).`, ''];
  if (diagnostics.length > 0) {
    out.push('| Location | Severity | Code | Message |', '| --- | --- | --- | --- |');
    for (const d of sortDiagnostics(diagnostics)) {
      const at = locate(d, sources);
      const message = d.hint === undefined ? d.message : `${d.message} (hint: ${d.hint})`;
      out.push(`| ${markdownCode(`${d.span.file}:${at.line}:${at.column}`)} | ${d.severity} | ${d.code} | ${markdownText(message)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
