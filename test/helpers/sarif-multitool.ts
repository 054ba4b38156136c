// Microsoft's SARIF validator (the one GitHub points to), from the npm package
// @microsoft/sarif-multitool (a self-contained Linux binary in @microsoft/sarif-multitool-linux).
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface MultitoolFinding {
  readonly ruleId: string;
  readonly level: string;
  readonly message: string;
}

/** The binary, or why it cannot run here (then the test says so and skips). */
export function multitoolBinary(): { path?: string; why?: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { why: `no SARIF multitool build for ${process.platform}/${process.arch} in the dev dependencies` };
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve('@microsoft/sarif-multitool-linux/package.json').replace(/package\.json$/, 'Sarif.Multitool');
  } catch {
    return { why: '@microsoft/sarif-multitool-linux is not installed' };
  }
  if (!existsSync(path)) return { why: `${path} is missing` };
  try {
    accessSync(path, constants.X_OK);
  } catch {
    // Its postinstall (chmod u+x) does not run where npm skips install scripts.
    chmodSync(path, statSync(path).mode | 0o100);
  }
  return { path };
}

/**
 * Validate a SARIF log with the multitool's SARIF and GitHub (GH) rules, every level. SARIF2006
 * (every URI reachable by HTTP GET) is disabled: tests make no network requests.
 */
export function validateSarifLog(binary: string, dir: string, log: string): MultitoolFinding[] {
  const input = join(dir, 'input.sarif');
  const output = join(dir, 'validation.sarif');
  const config = join(dir, 'multitool.xml');
  writeFileSync(input, log);
  writeFileSync(
    config,
    '<?xml version="1.0" encoding="utf-8" ?>\n<Properties>\n  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">\n    <Property Key="RuleEnabled" Value="Disabled" />\n  </Properties>\n</Properties>\n',
  );
  const run = spawnSync(binary, ['validate', input, '--config', config, '--level', 'Error;Warning;Note', '--rule-kind', 'Sarif;Gh', '--log', 'ForceOverwrite', '-o', output], {
    encoding: 'utf8',
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    timeout: 120_000,
  });
  if (!existsSync(output)) throw new Error(`the SARIF multitool wrote no result (exit ${run.status}): ${run.stdout}${run.stderr}`);
  const result = JSON.parse(readFileSync(output, 'utf8')) as { runs: { results?: { ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }[] }[] };
  return (result.runs[0]?.results ?? []).map((r) => ({ ruleId: r.ruleId, level: r.level ?? 'warning', message: r.message.text ?? `${r.message.id ?? ''} ${(r.message.arguments ?? []).join(' | ')}` }));
}
