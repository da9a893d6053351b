import { pgPoolSize, type Config } from '../../config.js';
import { logger } from '../../log.js';
import { openStore } from './session-store.js';
import type { SessionStore } from './types.js';

/**
 * The store the configuration asks for: PostgreSQL when `WUYIN_DATABASE_URL` is set (several replicas
 * on one database), otherwise the embedded SQLite file in the data dir. The pg driver is imported only
 * then, so the embedded default never loads it.
 */
export interface OpenedStore {
  store: SessionStore;
  /** Where the data lives, for messages: the SQLite file or the database URL without its password. */
  where: string;
  backend: 'sqlite' | 'postgres';
  /** PostgreSQL only: one round trip to the server, for /healthz. */
  ping?: () => Promise<{ ok: boolean; code?: string }>;
}

const log = logger('store');

export async function openConfiguredStore(config: Pick<Config, 'dataDir' | 'WUYIN_DATABASE_URL'> & Partial<Pick<Config, 'turnConcurrency'>>, opts: { migrate?: boolean } = {}): Promise<OpenedStore> {
  if (config.WUYIN_DATABASE_URL) {
    const { openPostgresStore } = await import('./postgres/pg-store.js');
    // The pool must cover every turn slot (each holds a connection with its conversation's lock) plus the
    // drains' statements, or turns and acks queue for connections; doctor needs two.
    const max = opts.migrate === false ? 2 : config.turnConcurrency ? pgPoolSize(config.turnConcurrency) : undefined;
    const store = await openPostgresStore({ url: config.WUYIN_DATABASE_URL, max, migrate: opts.migrate });
    return { store, where: store.where, backend: 'postgres', ping: () => store.ping() };
  }
  const store = openStore(config.dataDir);
  if (store.recoveredFrom) log.warn('the conversation database was corrupt; it was kept aside and a new one started', { keptAt: store.recoveredFrom });
  return { store, where: store.file, backend: 'sqlite' };
}
