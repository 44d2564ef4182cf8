// Use case: the share of a unit's containers to hold for inspection and to
// check on documents, per transport mode, as selectivity lanes do. Without a
// setting the defaults below apply; the queue's bands then follow the recent
// score distribution (band-cutoffs.ts), so a vessel always shows its riskiest
// containers as high whatever the profiles' own thresholds.
import { z } from "zod";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Principal, UnitScope } from "../auth/principal.js";
import { withTransaction } from "../db/pool.js";
import type { Services } from "../services.js";
import { refreshBandCutoffs } from "./band-cutoffs.js";

export const TRANSPORT_MODES = ["sea", "air", "road", "rail"] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export interface SelectionTarget {
  transportMode: TransportMode;
  holdShare: number;
  documentaryShare: number;
  windowDays: number;
  /** False while the unit has not set this mode: the defaults apply. */
  configured: boolean;
  updatedAt: string | null;
}

/** A common starting point for maritime selectivity: 3 % held, 5 % checked on documents. */
export const DEFAULT_TARGET = { holdShare: 0.03, documentaryShare: 0.05, windowDays: 30 } as const;

const share = (max: number) => z.number().finite().min(0, "at least 0").max(max, `at most ${max} (a share, not a percentage)`);

export const selectionTargetsSchema = z.strictObject({
  targets: z
    .array(
      z.strictObject({
        transportMode: z.enum(TRANSPORT_MODES),
        holdShare: share(0.5).refine((v) => v > 0, "must be above 0: a lane that holds nothing is no lane"),
        documentaryShare: share(0.5),
        windowDays: z.number().int().min(1, "at least 1 day").max(365, "at most 365 days").default(DEFAULT_TARGET.windowDays),
      }),
    )
    .min(1, "name at least one transport mode")
    .max(TRANSPORT_MODES.length)
    .refine((targets) => new Set(targets.map((t) => t.transportMode)).size === targets.length, "each transport mode at most once"),
});
export type SelectionTargetsInput = z.infer<typeof selectionTargetsSchema>;

interface TargetRow {
  transport_mode: TransportMode;
  hold_share: number;
  documentary_share: number;
  window_days: number;
  updated_at: Date;
}

export async function getSelectionTargets(services: Pick<Services, "pool">, unit: UnitScope): Promise<SelectionTarget[]> {
  const rows = await services.pool.query<TargetRow>(
    "SELECT transport_mode, hold_share, documentary_share, window_days, updated_at FROM unit_selection_target WHERE unit_id = $1",
    [unit.id],
  );
  return TRANSPORT_MODES.map((mode) => {
    const row = rows.rows.find((r) => r.transport_mode === mode);
    return row
      ? { transportMode: mode, holdShare: row.hold_share, documentaryShare: row.documentary_share, windowDays: row.window_days, configured: true, updatedAt: row.updated_at.toISOString() }
      : { transportMode: mode, ...DEFAULT_TARGET, configured: false, updatedAt: null };
  });
}

export async function setSelectionTargets(
  services: Pick<Services, "pool" | "now">,
  unit: UnitScope,
  principal: Principal,
  input: SelectionTargetsInput,
  actor: AuditActor,
): Promise<SelectionTarget[]> {
  const before = await getSelectionTargets(services, unit);
  await withTransaction(services.pool, async (client) => {
    for (const t of input.targets) {
      await client.query(
        `INSERT INTO unit_selection_target (unit_id, transport_mode, hold_share, documentary_share, window_days, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (unit_id, transport_mode) DO UPDATE
           SET hold_share = EXCLUDED.hold_share, documentary_share = EXCLUDED.documentary_share,
               window_days = EXCLUDED.window_days, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [unit.id, t.transportMode, t.holdShare, t.documentaryShare, t.windowDays, principal.userId, services.now()],
      );
    }
    await recordAudit(client, actor, {
      action: "selection_targets.set",
      entityType: "control_unit",
      entityId: unit.id,
      unitId: unit.id,
      before: { targets: before.filter((t) => t.configured) },
      after: { targets: input.targets },
    });
  });
  // The queue shows the new lanes at once, not at the next refresh.
  await refreshBandCutoffs(services, unit.id);
  return getSelectionTargets(services, unit);
}
