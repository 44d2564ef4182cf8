// A fault for a staged manifest's expansion (core/manifests/expansion-failures.ts):
// a trigger on shipment, created as the superuser, refuses this manifest's rows
// on its first `times` expansions, as a database refusing a payload would. A
// sequence counts the attempts: it keeps counting across the rollbacks.
import pg from "pg";
import type { Services } from "../../core/services.js";

export const EXPANSION_FAULT = "shipment storage refused by the test fault";

async function asAdmin<T>(services: Pick<Services, "config">, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: services.config.DATABASE_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface ExpansionFault {
  /** Drops the trigger, its function and its sequence (idempotent). */
  drop(): Promise<void>;
}

export async function failExpansions(services: Pick<Services, "config">, manifestId: string, times: number): Promise<ExpansionFault> {
  const name = `expansion_fault_${manifestId.replaceAll("-", "")}`;
  await asAdmin(services, async (client) => {
    await client.query(`CREATE SEQUENCE ${name}`);
    // SECURITY DEFINER: the application role has no right to this test's sequence.
    await client.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN IF nextval('${name}') <= ${times} THEN RAISE EXCEPTION '${EXPANSION_FAULT}'; END IF; RETURN NEW; END $$`);
    await client.query(`CREATE TRIGGER ${name} BEFORE INSERT ON shipment FOR EACH ROW WHEN (NEW.manifest_id = '${manifestId}') EXECUTE FUNCTION ${name}()`);
  });
  return {
    drop: () =>
      asAdmin(services, async (client) => {
        await client.query(`DROP TRIGGER IF EXISTS ${name} ON shipment`);
        await client.query(`DROP FUNCTION IF EXISTS ${name}()`);
        await client.query(`DROP SEQUENCE IF EXISTS ${name}`);
      }),
  };
}

/**
 * Posts through `post` with its expansion fault installed before any worker may take the job: the caller's own
 * maintenance queue is paused meanwhile (MANIFEST_EXPAND_IN_API=false, so only a job expands it).
 */
export async function stageFailing(
  services: Pick<Services, "config" | "queues">,
  post: () => Promise<{ manifestId: string }>,
  times: number,
): Promise<{ manifestId: string; fault: ExpansionFault }> {
  await services.queues.maintenance.pause();
  try {
    const { manifestId } = await post();
    return { manifestId, fault: await failExpansions(services, manifestId, times) };
  } finally {
    await services.queues.maintenance.resume();
  }
}
