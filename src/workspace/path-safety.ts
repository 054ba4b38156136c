// Workspace: where a run may read and write. Output directories that overlap input paths, and
// symlinks inside an output directory (which would let a write land outside it), are found here.
import { lstat, readdir, realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute, sep } from 'node:path';

/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
async function realish(p: string): Promise<string> {
  const abs = resolve(p);
  try {
    return await realpath(abs);
  } catch {
    const parent = dirname(abs);
    if (parent === abs) return abs;
    return join(await realish(parent), relative(parent, abs));
  }
}

/** Whether `inner` is `outer` or lies inside it (after resolving symlinks of existing parts). */
export async function isInside(inner: string, outer: string): Promise<boolean> {
  const rel = relative(await realish(outer), await realish(inner));
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Symlinks at most `depth` levels under `dir` (paths relative to `dir`, sorted). Nothing is
 * followed: entries are read with lstat, directories that are symlinks are reported, not entered.
 */
export async function findSymlinks(dir: string, depth: number): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, left: number): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(d);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const full = join(d, name);
      const info = await lstat(full).catch(() => undefined);
      if (info === undefined) continue;
      if (info.isSymbolicLink()) out.push(relative(dir, full));
      else if (info.isDirectory() && left > 1) await walk(full, left - 1);
    }
  };
  const top = await lstat(dir).catch(() => undefined);
  if (top?.isDirectory() === true) await walk(dir, depth);
  return out;
}
