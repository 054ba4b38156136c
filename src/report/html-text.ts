// HTML report support: escaping of every piece of text put into the report (stage 9).
// Contract titles, labels, parties, explanations and file paths are untrusted user text.

const ENTITIES: ReadonlyMap<string, string> = new Map([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ['"', '&quot;'],
  ["'", '&#39;'],
]);

/**
 * Escape text for HTML element content and double- or single-quoted attribute values (and the
 * same inside inline SVG). Control characters other than tab and line breaks are dropped.
 */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[&<>"']/g, (c) => ENTITIES.get(c) ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
