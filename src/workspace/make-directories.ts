// Workspace: a directory and its missing parents created one level at a time (the monthly run's
// output folders). Input: a path; output: the directory exists, or the first failure is thrown.
//
// Why not mkdir({ recursive: true }): on Node 20 it never returns for a path under /proc (it
// retries the missing parent forever), so `attain invoice --out /proc/x` hung; one level at a
// time, mkdir fails at once (ENOENT there) and the run reports it.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Create `path` and every missing parent; an existing directory is fine (no error). */
export async function makeDirectories(path: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    if ((await stat(at).catch(() => undefined)) !== undefined) break;
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const dir of missing.reverse()) {
    await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
      // Another process made it in the meantime: that is what was asked for.
      if (e.code !== 'EEXIST') throw e;
    });
  }
}
