// A throwaway PostgreSQL cluster for tests: initdb into a temp directory, pg_ctl start on a free
// local port (and a socket in that directory), stopped and removed by `stop()`. Debian's binaries
// are found under /usr/lib/postgresql/*/bin; initdb refuses root, so as root the cluster runs as the
// `postgres` system user. When none of that is possible, `reason` says why (tests skip, loudly).
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  readonly url: string;
  readonly stop: () => void;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Start a cluster, or say why it cannot be started. */
export async function startCluster(): Promise<{ cluster?: Cluster; reason?: string }> {
  const bin = binDir();
  if (bin === undefined) return { reason: 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); .ci/run installs Debian\'s postgresql' };
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    } catch {
      return { reason: 'running as root and there is no `postgres` user to run initdb as' };
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'attain-pg-'));
  const data = join(dir, 'data');
  const run = (cmd: string, args: string[]): void => {
    const full = join(bin, cmd);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', full, ...args], { stdio: 'pipe' });
    else execFileSync(full, args, { stdio: 'pipe' });
  };
  try {
    if (uid !== undefined && gid !== undefined) {
      chownSync(dir, uid, gid);
      chmodSync(dir, 0o700);
    }
    const port = await freePort();
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    const stop = (): void => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    };
    return { cluster: { url: `postgresql://postgres:not-a-real-secret@127.0.0.1:${port}/postgres`, stop } };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const err = e as { stderr?: Buffer; message?: string };
    return { reason: `the cluster did not start: ${(err.stderr?.toString() ?? err.message ?? String(e)).split('\n')[0]}` };
  }
}
