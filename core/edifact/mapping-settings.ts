// A unit's EDIFACT mapping settings: the qualifier choices national message
// implementation guides make differently. The defaults follow the UN/EDIFACT
// standard, so a unit whose feed follows it needs no settings at all.
import { z } from "zod";
import type { UnitScope } from "../auth/principal.js";
import { recordAudit, type AuditActor } from "../audit/record-audit.js";
import type { Services } from "../services.js";

const qualifier = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,3}$/, "a code of 1-3 letters or digits, e.g. 13");

export const imoLocationSchema = z.discriminatedUnion("segment", [
  z.strictObject({
    segment: z.literal("TDT"),
    /** Data element of TDT holding the id, 8 = C222 transport identification in D.95B to D.21A. */
    element: z.number().int().min(1, "TDT data elements are numbered from 1").max(12, "TDT has at most 12 data elements"),
    component: z.number().int().min(1, "components are numbered from 1").max(6, "at most 6 components"),
  }),
  z.strictObject({ segment: z.literal("RFF"), qualifier }),
]);

export const edifactMappingSettingsSchema = z.strictObject({
  /** LOC 3227 qualifiers read as transhipment places (standard: 13 place of transhipment). */
  transhipmentLocQualifiers: z.array(qualifier).min(1, "at least one qualifier").max(10, "at most 10 qualifiers").default(["13"]),
  /** NAD 3035 qualifier of the freight forwarder (standard: FW). */
  forwarderNadQualifier: qualifier.default("FW"),
  /** Where the vessel's IMO number sits (standard: TDT C222 8213, the id of the means of transport). */
  imoNumber: imoLocationSchema.default({ segment: "TDT", element: 8, component: 1 }),
  // The qualifiers below have no default in the stored and answered settings
  // (a unit's settings read back as they were written, before these existed);
  // STANDARD_QUALIFIERS applies while a unit leaves one out.
  /** NAD 3035 qualifier of the declarant (standard: DT; some guides use AE, the declarant's agent). */
  declarantNadQualifier: qualifier.optional(),
  /** MOA 5025 qualifiers read as a goods item's declared value, the first listed that is present wins (standard: 40 customs value). */
  declaredValueMoaQualifiers: z.array(qualifier).min(1, "at least one qualifier").max(10, "at most 10 qualifiers").optional(),
  /** DTM 2005 qualifiers read as a consignment's booking date (standard: 179 booking date/time). */
  bookingDateDtmQualifiers: z.array(qualifier).min(1, "at least one qualifier").max(10, "at most 10 qualifiers").optional(),
  /** LOC 3227 qualifiers read as a consignment's place of stuffing (no default: the guide names its code). */
  stuffingLocQualifiers: z.array(qualifier).min(1, "at least one qualifier").max(10, "at most 10 qualifiers").optional(),
});

export type EdifactMappingSettings = z.infer<typeof edifactMappingSettingsSchema>;

/** What the mapping reads where a unit's settings leave a qualifier out. */
export const STANDARD_QUALIFIERS = {
  declarantNadQualifier: "DT",
  declaredValueMoaQualifiers: ["40"],
  bookingDateDtmQualifiers: ["179"],
  stuffingLocQualifiers: [] as string[],
} as const satisfies Partial<Record<keyof EdifactMappingSettings, unknown>>;

/** A unit's settings with every qualifier decided (its own, else the standard's). */
export function resolvedQualifiers(settings: EdifactMappingSettings) {
  return {
    declarantNadQualifier: settings.declarantNadQualifier ?? STANDARD_QUALIFIERS.declarantNadQualifier,
    declaredValueMoaQualifiers: settings.declaredValueMoaQualifiers ?? STANDARD_QUALIFIERS.declaredValueMoaQualifiers,
    bookingDateDtmQualifiers: settings.bookingDateDtmQualifiers ?? STANDARD_QUALIFIERS.bookingDateDtmQualifiers,
    stuffingLocQualifiers: settings.stuffingLocQualifiers ?? STANDARD_QUALIFIERS.stuffingLocQualifiers,
  };
}

export const DEFAULT_MAPPING_SETTINGS: EdifactMappingSettings = edifactMappingSettingsSchema.parse({});

export interface StoredMappingSettings {
  unitCode: string;
  settings: EdifactMappingSettings;
  /** False while the unit uses the standard defaults. */
  customised: boolean;
  updatedAt: string | null;
}

export async function getMappingSettings(services: Pick<Services, "pool">, unit: Pick<UnitScope, "id" | "code">): Promise<StoredMappingSettings> {
  const found = await services.pool.query<{ settings: unknown; updated_at: Date }>(
    "SELECT settings, updated_at FROM edifact_mapping_settings WHERE unit_id = $1",
    [unit.id],
  );
  const row = found.rows[0];
  if (!row) return { unitCode: unit.code, settings: DEFAULT_MAPPING_SETTINGS, customised: false, updatedAt: null };
  // Stored settings were validated when written; parsing again fills defaults added since.
  return { unitCode: unit.code, settings: edifactMappingSettingsSchema.parse(row.settings), customised: true, updatedAt: row.updated_at.toISOString() };
}

export async function setMappingSettings(
  services: Pick<Services, "pool" | "now">,
  unit: Pick<UnitScope, "id" | "code">,
  settings: EdifactMappingSettings,
  actor: AuditActor,
): Promise<StoredMappingSettings> {
  const now = services.now();
  await services.pool.query(
    `INSERT INTO edifact_mapping_settings (unit_id, settings, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (unit_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = EXCLUDED.updated_at`,
    [unit.id, JSON.stringify(settings), now],
  );
  await recordAudit(services.pool, actor, { action: "edifact.mapping_settings.set", entityType: "unit", entityId: unit.id, unitId: unit.id, details: { settings } });
  return { unitCode: unit.code, settings, customised: true, updatedAt: now.toISOString() };
}
