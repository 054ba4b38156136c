// Sources, engines: the SQL engines loaded on first use with dynamic import, so commands that
// never meet a Parquet file, a large text export or a database (validate) never load DuckDB or pg.
import type { Engines, SqlEngine } from '../run.js';
import type { TextEngine } from './engine.js';

let duck: Promise<SqlEngine> | undefined;
let duckText: Promise<TextEngine> | undefined;
let postgresLoaded = false;

/** Close the database connections a run opened (so the process can exit). */
export async function closeEngines(): Promise<void> {
  if (postgresLoaded) await (await import('./postgres.js')).closePostgres();
}

/** DuckDB for Parquet files and large text exports, pg for tables; each module is imported only when a source needs it. */
export const LAZY_ENGINES: Engines = {
  duckdb: () => (duck ??= import('./duckdb.js').then((m) => m.duckdbEngine())),
  duckdbText: () => (duckText ??= import('./duckdb-text.js').then((m) => m.duckdbTextEngine())),
  postgres: async (source, sources) => {
    postgresLoaded = true;
    return (await import('./postgres.js')).postgresEngine(source, sources);
  },
};
