// Which deployment a job belongs to: the PostgreSQL cluster's system
// identifier and the database name. Two deployments pointed at one Redis with
// the same QUEUE_PREFIX (a misconfiguration nothing can stop) share queues;
// every job carries its producer's identity so a worker of the other
// deployment refuses it instead of looking for rows that are not in its
// database.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Pool } from "../db/pool.js";

export const deploymentIdentitySchema = z.object({
  /** pg_control_system().system_identifier, as text (it is a 64-bit integer). */
  systemId: z.string().regex(/^\d{1,20}$/, "a PostgreSQL system identifier"),
  database: z.string().min(1).max(63),
});
export type DeploymentIdentity = z.infer<typeof deploymentIdentitySchema>;

export async function readDeploymentIdentity(pool: Pick<Pool, "query">): Promise<DeploymentIdentity> {
  const result = await pool.query<{ system_id: string; database: string }>(
    "SELECT system_identifier::text AS system_id, current_database() AS database FROM pg_control_system()",
  );
  const row = result.rows[0];
  if (!row) throw new Error("pg_control_system() returned no row");
  return { systemId: row.system_id, database: row.database };
}

export function sameDeployment(a: DeploymentIdentity, b: DeploymentIdentity): boolean {
  return a.systemId === b.systemId && a.database === b.database;
}

/** A short, stable key for job ids (BullMQ ids may not contain ':'). */
export function deploymentKey(identity: DeploymentIdentity): string {
  return createHash("sha256").update(`${identity.systemId}/${identity.database}`).digest("hex").slice(0, 12);
}

/**
 * Reads the identity once per process, on first use; a failed read (database
 * down) is not cached, so the next caller tries again.
 */
export function memoizedIdentity(pool: Pick<Pool, "query">): () => Promise<DeploymentIdentity> {
  let pending: Promise<DeploymentIdentity> | undefined;
  return () => {
    pending ??= readDeploymentIdentity(pool).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
