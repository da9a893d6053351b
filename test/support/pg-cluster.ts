import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL cluster a test starts, restarts and removes itself (never the shared test
 * server): initdb in a temporary directory, loopback only, run as an unprivileged user as
 * `.ci/postgres.sh` does. `available()` says whether this machine has the server binaries.
 */
const BIN = (() => {
  try {
    const dirs = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    return dirs.length ? `/usr/lib/postgresql/${dirs[0]}/bin` : undefined;
  } catch {
    return undefined;
  }
})();
const USER = 'wuyinpg';

export function clusterAvailable(): boolean {
  return !!BIN && fs.existsSync(path.join(BIN, 'initdb'));
}

export interface Cluster {
  url: string;
  port: number;
  /** Stops the server (fast shutdown: open connections are cut), then starts it on the same port. */
  restart(downMs?: number): Promise<{ downMs: number }>;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(p));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  if (!BIN) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  const root = process.getuid?.() === 0;
  if (root) {
    try {
      execFileSync('id', [USER], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', USER]);
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuyin-pgt-'));
  if (root) fs.chownSync(dir, Number(execSync(`id -u ${USER}`).toString()), Number(execSync(`id -g ${USER}`).toString()));
  const as = (cmd: string, args: string[]) => (root ? execFileSync('runuser', ['-u', USER, '--', path.join(BIN, cmd), ...args], { stdio: 'pipe' }) : execFileSync(path.join(BIN, cmd), args, { stdio: 'pipe' }));
  const port = await freePort();
  as('initdb', ['-D', `${dir}/data`, '-U', 'wuyin', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200`;
  const start = () => as('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/server.log`, '-w', '-o', opts, 'start']);
  const stop = () => as('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://wuyin@127.0.0.1:${port}/postgres`,
    port,
    async restart(downMs = 1000) {
      const t0 = Date.now();
      stop();
      await new Promise((r) => setTimeout(r, downMs));
      start();
      return { downMs: Date.now() - t0 };
    },
    stop() {
      try {
        stop();
      } catch {
        /* already down */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
