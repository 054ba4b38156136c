// The tool's identity for outputs that name it (SARIF driver, rule help links, `--version`):
// no input; constants kept in one place so every output agrees.

/** attain's version (package.json `version`; a test keeps the two equal). */
export const ATTAIN_VERSION = '0.1.0';

/** attain's home page (also the base of the contract schema's `$id`). */
export const ATTAIN_HOME = 'https://attain.dev';

/** The reference of every diagnostic code: docs/diagnostics.md as published. */
export const DIAGNOSTICS_DOC = `${ATTAIN_HOME}/docs/diagnostics.md`;

/** The documentation anchor of a code (docs/diagnostics.md has `<a id="e010">` on every row). */
export function codeHelpUri(code: string): string {
  return `${DIAGNOSTICS_DOC}#${code.toLowerCase()}`;
}
