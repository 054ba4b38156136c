// Sources, files: `files:` globs (relative to the sources file) -> matching paths, sorted in
// code-unit order so every machine reads the same files in the same order. `*` and `?` stay in
// one path segment; `**` crosses directories. Names starting with `.` are not matched by wildcards.
import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

function segmentRegex(seg: string): RegExp {
  const body = seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`, 'u');
}

function walk(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    try {
      if (statSync(full).isDirectory()) walk(full, out);
      else out.push(full);
    } catch {
      // vanished or unreadable: not matched
    }
  }
}

/** Paths matching `pattern` under `base` (the sources file's directory). */
export function expandGlob(base: string, pattern: string): string[] {
  const absolute = isAbsolute(pattern) ? pattern : resolve(base, pattern);
  if (!/[*?]/.test(pattern)) {
    try {
      return statSync(absolute).isFile() ? [absolute] : [];
    } catch {
      return [];
    }
  }
  const parts = absolute.split(sep);
  const firstWild = parts.findIndex((p) => /[*?]/.test(p));
  const root = parts.slice(0, firstWild).join(sep) || sep;
  const rest = parts.slice(firstWild);
  const files: string[] = [];
  walk(root, files);
  const regexes = rest.map((p) => (p === '**' ? undefined : segmentRegex(p)));
  return files.filter((f) => matchSegments(relative(root, f).split(sep), regexes)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function matchSegments(segs: readonly string[], pats: readonly (RegExp | undefined)[]): boolean {
  if (pats.length === 0) return segs.length === 0;
  const [p, ...more] = pats;
  if (p === undefined) {
    for (let i = 0; i <= segs.length; i++) if (matchSegments(segs.slice(i), more)) return true;
    return false;
  }
  const [s, ...restSegs] = segs;
  return s !== undefined && p.test(s) && matchSegments(restSegs, more);
}

/**
 * The contract ids a file's path may give under a `{contract}` pattern, longest first: with
 * `{contract}-*.csv`, `acme-smm-2026-10.csv` could be `acme-smm-2026-10`... down to `acme`; the
 * caller takes the first that is a contract of the run (after `map:`).
 */
export function contractsFromPath(base: string, pattern: string, path: string): string[] {
  const absolute = isAbsolute(pattern) ? pattern : resolve(base, pattern);
  const [before = '', after = ''] = absolute.split('{contract}');
  const part = (t: string): string => t.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  const head = new RegExp(`^${part(before)}`, 'u').exec(path);
  if (head === null) return [];
  const tail = new RegExp(`^${part(after)}$`, 'u');
  const rest = path.slice(head[0].length);
  const out: string[] = [];
  for (let k = rest.length; k > 0; k--) {
    const id = rest.slice(0, k);
    if (/^[a-z][a-z0-9-]*$/.test(id) && tail.test(rest.slice(k))) out.push(id);
  }
  return out;
}
