// Rendering of diagnostics (the last stage): one entry point that picks the format. Each format has
// its own file (render-pretty, render-json, render-github, render-junit, render-sarif); finding
// diagnostics never depends on how they are shown.
import type { Diagnostic } from './diagnostic.js';
import type { RenderOptions, SourceLookup } from './locate.js';
import { renderGithub } from './render-github.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderPretty } from './render-pretty.js';
import { renderSarif } from './render-sarif.js';

export { locate, type Located, type RenderOptions, type SourceLookup } from './locate.js';
export { GITHUB_ANNOTATIONS_PER_STEP, renderGithub, renderGithubSummary } from './render-github.js';
export { renderJson } from './render-json.js';
export { renderPretty } from './render-pretty.js';

export type DiagnosticFormat = 'pretty' | 'json' | 'github' | 'junit' | 'sarif';

export function renderDiagnostics(format: DiagnosticFormat, diagnostics: readonly Diagnostic[], sources: SourceLookup, options: RenderOptions = {}): string {
  switch (format) {
    case 'pretty':
      return renderPretty(diagnostics, sources, options);
    case 'json':
      return renderJson(diagnostics, sources);
    case 'github':
      return renderGithub(diagnostics, sources);
    case 'junit':
      return renderJunit(diagnostics, sources, options);
    case 'sarif':
      return renderSarif(diagnostics, sources, options);
  }
}
