// The pg pool for set-based SQL (bulk inserts, COPY, scoring writes).
import pg from "pg";

// DATE columns stay 'YYYY-MM-DD' strings: a JS Date would shift them by the
// process time zone. NUMERIC/BIGINT counts come back as numbers.
pg.types.setTypeParser(1082, (value: string) => value);
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/**
 * Session settings of every connection: no JIT. The queue's reads at a million
 * shipments a unit are estimated above jit_above_cost and spent 550-650 ms
 * compiling for a 50 ms query (bench/queue-at-scale.ts, EXPLAIN's JIT timing).
 */
export const SESSION_OPTIONS = "-c jit=off";

export function createPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, options: SESSION_OPTIONS });
  // An idle client losing its connection (PostgreSQL restarted) must not crash the process.
  pool.on("error", () => undefined);
  // Nor a checked-out client losing it between two queries of a transaction
  // (pg-pool removes its listener on checkout): the next query fails instead,
  // and the pool drops the broken client when it is released.
  pool.on("connect", (client) => client.on("error", () => undefined));
  return pool;
}

/** Runs `work` in one transaction; rolls back on any error. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
