// The job catalog: every queue, its job names, payload schemas and options in
// one place, below both the producers (api/, core/) and the consumers
// (workers/), so core/ never imports workers/. Every payload carries the
// producing deployment's identity (see deployment-identity.ts).
import type { JobsOptions } from "bullmq";
import { z } from "zod";
import { deploymentIdentitySchema } from "./deployment-identity.js";

export const QUEUES = { scoring: "scoring", maintenance: "maintenance", analysis: "analysis" } as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const envelope = z.object({ deployment: deploymentIdentitySchema });

export const scoreShipmentsPayload = envelope.extend({
  unitId: z.uuid(),
  shipmentIds: z.array(z.uuid()).min(1),
  /** Why the batch was enqueued: ingest, reconcile, rescore. */
  reason: z.enum(["ingest", "reconcile", "rescore"]),
  /** A re-score's chunk (rescore_chunk): its rows are scored in place whatever their status, and the chunk row is deleted with them. */
  rescoreChunkId: z.uuid().optional(),
});
export type ScoreShipmentsPayload = z.infer<typeof scoreShipmentsPayload>;

/**
 * The unit codes the enqueuing worker sweeps (its WORKER_UNITS); absent: every unit. Carried by the job, not read
 * from the config of whichever worker runs it: pools of other scopes may share the queue.
 */
const sweepUnits = z.array(z.string()).min(1).optional();

export const reconcilePayload = envelope.extend({ requestedAt: z.string(), units: sweepUnits });
export type ReconcilePayload = z.infer<typeof reconcilePayload>;

/** The overdue-referral sweep (maintenance queue). */
export const referralSweepPayload = envelope.extend({ requestedAt: z.string(), units: sweepUnits });
export type ReferralSweepPayload = z.infer<typeof referralSweepPayload>;

/** Long analyst jobs: the payload is only the analysis_job row id; the row holds the rest. */
export const runAnalysisPayload = envelope.extend({ analysisJobId: z.uuid() });
export type RunAnalysisPayload = z.infer<typeof runAnalysisPayload>;

/** Writes a large manifest's shipment rows from its staged payload (maintenance queue, core/manifests/staged-manifests.ts). */
export const expandManifestPayload = envelope.extend({ manifestId: z.uuid() });
export type ExpandManifestPayload = z.infer<typeof expandManifestPayload>;

export const JOBS = {
  scoreShipments: { queue: QUEUES.scoring, name: "score-shipments", schema: scoreShipmentsPayload },
  reconcile: { queue: QUEUES.maintenance, name: "reconcile", schema: reconcilePayload },
  referralSweep: { queue: QUEUES.maintenance, name: "referral-sweep", schema: referralSweepPayload },
  expandManifest: { queue: QUEUES.maintenance, name: "expand-manifest", schema: expandManifestPayload },
  runAnalysis: { queue: QUEUES.analysis, name: "run-analysis", schema: runAnalysisPayload },
} as const;

export type JobKey = keyof typeof JOBS;
export type JobPayload<K extends JobKey> = z.infer<(typeof JOBS)[K]["schema"]>;

/**
 * Scoring jobs retry with exponential backoff; each shipment also counts its
 * own attempts in PostgreSQL, so one poison shipment is marked failed without
 * holding back the others in its batch. The job's attempts are
 * SCORE_MAX_ATTEMPTS, the same limit the shipments count against: a job chain
 * never ends while a shipment in it still has attempts left.
 */
export function scoringJobOptions(maxAttempts: number): JobsOptions {
  return {
    attempts: maxAttempts,
    backoff: { type: "exponential", delay: 1_000 },
    removeOnComplete: { age: 3_600, count: 2_000 },
    removeOnFail: { age: 7 * 24 * 3_600 },
  };
}

export const maintenanceJobOptions: JobsOptions = {
  attempts: 2,
  removeOnComplete: { age: 3_600, count: 100 },
  removeOnFail: { age: 24 * 3_600 },
};

export const analysisJobOptions: JobsOptions = {
  // The runner marks the row failed itself; a BullMQ retry only covers a lost worker.
  attempts: 2,
  backoff: { type: "fixed", delay: 5_000 },
  removeOnComplete: { age: 3_600, count: 500 },
  removeOnFail: { age: 7 * 24 * 3_600 },
};
