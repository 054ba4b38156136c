// Rendering (stage 10) for `attain diff --format github`: DiffReport -> GitHub workflow commands,
// one annotation per contract on its file (notice for money changes, error for failures).
import { formatMinor } from '../numbers/money.js';
import type { DiffReport } from './diff-model.js';

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function renderDiffGithub(r: DiffReport): string {
  const out: string[] = [];
  for (const c of r.contracts) {
    const file = c.files.new[0] ?? c.files.old[0]?.replace(/^[^:]*:/, '') ?? '';
    const failed = c.errors.length > 0 || c.periods.some((p) => p.old.kind === 'failed' || p.new.kind === 'failed');
    const moved = c.periods.filter((p) => p.difference !== 0n).map((p) => `${p.period} ${p.difference > 0n ? '+' : ''}${formatMinor(p.difference, p.digits)} ${p.currency}`);
    const text = `${c.contract} ${c.change}: ${moved.length === 0 ? 'no invoice total changes' : moved.join('; ')}${failed ? ` (evaluation failed: ${c.errors[0] ?? c.periods.map((p) => (p.new.kind === 'failed' ? p.new.error : p.old.kind === 'failed' ? p.old.error : '')).find((e) => e !== '') ?? ''})` : ''}`;
    out.push(`::${failed ? 'error' : 'notice'} file=${escapeProperty(file)},line=1,title=${escapeProperty(`attain diff ${c.contract}`)}::${escapeData(text)}`);
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}
