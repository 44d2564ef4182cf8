// The catalog's schemas checked on both sides: a producer cannot enqueue a
// payload its consumer would refuse, and a consumer trusts nothing it reads
// from Redis until it has parsed it and checked it belongs to its deployment.
import type { Job, JobsOptions } from "bullmq";
import { sameDeployment, type DeploymentIdentity } from "./deployment-identity.js";
import { JOBS, type JobKey, type JobPayload } from "./job-catalog.js";
import type { QueueSet } from "./queue-set.js";

/** A job that cannot succeed here, whatever the attempt: the worker fails it without retrying. */
export class UnrunnableJobError extends Error {
  override readonly name = "UnrunnableJobError";
}

const queueOf = (queues: QueueSet, key: JobKey) => queues[JOBS[key].queue];

export async function addJob<K extends JobKey>(queues: QueueSet, key: K, data: JobPayload<K>, opts?: JobsOptions): Promise<Job> {
  const payload = JOBS[key].schema.parse(data);
  return queueOf(queues, key).add(JOBS[key].name, payload, opts);
}

export async function addJobs<K extends JobKey>(queues: QueueSet, key: K, jobs: readonly { data: JobPayload<K>; opts?: JobsOptions }[]): Promise<Job[]> {
  const definition = JOBS[key];
  const parsed = jobs.map((job) => ({ name: definition.name, data: definition.schema.parse(job.data), ...(job.opts ? { opts: job.opts } : {}) }));
  return queueOf(queues, key).addBulk(parsed);
}

/**
 * Parses a job's payload (a malformed one throws and is retried like any
 * failure) and refuses a job produced by another deployment sharing this
 * Redis and prefix: its rows are in another database.
 */
export function readJob<K extends JobKey>(key: K, job: Pick<Job, "id" | "data">, own: DeploymentIdentity): JobPayload<K> {
  const payload = JOBS[key].schema.parse(job.data) as JobPayload<K>;
  if (!sameDeployment(payload.deployment, own)) {
    throw new UnrunnableJobError(
      `job ${job.id ?? "?"} belongs to database "${payload.deployment.database}" of PostgreSQL system ${payload.deployment.systemId}, ` +
        `not to this deployment ("${own.database}" of ${own.systemId}): refused (two deployments share this Redis and QUEUE_PREFIX)`,
    );
  }
  return payload;
}
