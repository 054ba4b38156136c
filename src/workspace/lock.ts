// Workspace: one run at a time on a directory. A lock file created with O_EXCL holds the owner's
// pid; a lock whose pid is no longer alive (the run was killed) is stale and taken over.
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The lock file's name inside the locked directory (hidden: never taken for a contract). */
export const LOCK_FILE = '.attain.lock';

export type LockResult = { readonly kind: 'taken'; readonly release: () => Promise<void> } | { readonly kind: 'held'; readonly pid: number | undefined; readonly path: string };

/** Whether a process with this pid exists (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function create(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o644);
    try {
      await handle.writeFile(`${process.pid}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

async function ownerOf(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const pid = text === undefined ? NaN : Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Take the lock on `dir` (which must exist). A lock left by a dead process is moved aside and
 * removed, then taken with O_EXCL again, so of two runs finding the same stale lock only one wins.
 * A lock file still being written (no pid yet) counts as held.
 */
export async function takeLock(dir: string): Promise<LockResult> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(path)) {
      return { kind: 'taken', release: () => unlink(path).catch(() => undefined) };
    }
    const pid = await ownerOf(path);
    if (pid === undefined || pid === process.pid || processAlive(pid)) return { kind: 'held', pid, path };
    // Stale: move it aside under a unique name (atomic), then remove; a racing run's rename fails.
    const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
    try {
      await rename(path, aside);
      await unlink(aside).catch(() => undefined);
    } catch {
      // another run took it over first; try again
    }
  }
  return { kind: 'held', pid: await ownerOf(path), path };
}
