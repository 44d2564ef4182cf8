// The structural schema of a profile document: shapes, types, strict objects
// (unknown fields are errors, so a typo never silently disables a condition)
// and list sizes. Meaning-level checks (field paths, codes, regex safety) run
// afterwards in semantic-checks.ts on the typed result.
import { z } from "zod";
import { PARTY_ROLES } from "../shipment.js";
import { LIMITS } from "./limits.js";
import { COMMODITIES, PROFILE_LANGUAGE } from "./profile-types.js";
import type { Condition, Profile } from "./profile-types.js";

const fieldPath = z.string().min(1).max(100);
const text = z.string().max(LIMITS.textValueLength);
const points = z.number().min(-1000).max(1000);
const roleOrAny = z.enum([...PARTY_ROLES, "any"]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected an ISO date (YYYY-MM-DD)");
const dateOrNumber = z.union([z.number(), z.string().max(40)]);

const nullary = (op: string) => z.strictObject({ op: z.literal(op) });

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion("op", [
    z.strictObject({ op: z.enum(["eq", "neq"]), field: fieldPath, value: z.union([text, z.number(), z.boolean()]) }),
    z.strictObject({ op: z.enum(["in", "notIn"]), field: fieldPath, values: z.array(z.union([text, z.number()])).min(1).max(LIMITS.setValues) }),
    z.strictObject({ op: z.enum(["gt", "gte", "lt", "lte"]), field: fieldPath, value: dateOrNumber }),
    z.strictObject({ op: z.literal("between"), field: fieldPath, min: dateOrNumber.optional(), max: dateOrNumber.optional() })
      .refine((c) => c.min !== undefined || c.max !== undefined, "between needs min, max or both"),
    z.strictObject({ op: z.enum(["exists", "missing"]), field: fieldPath }),
    z.strictObject({ op: z.literal("hsPrefix"), field: fieldPath.optional(), prefixes: z.array(z.string().max(20)).min(1).max(LIMITS.setValues) }),
    z.strictObject({ op: z.literal("contains"), field: fieldPath, values: z.array(text.min(1)).min(1).max(LIMITS.containsValues) }),
    z.strictObject({ op: z.literal("matches"), field: fieldPath, pattern: z.string().min(1).max(LIMITS.textValueLength), flags: z.literal("i").optional() }),
    z.strictObject({ op: z.literal("inList"), field: fieldPath, list: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,63}$/, "list codes are 2–64 capitals, digits, '_' or '-'") }),
    z.strictObject({
      op: z.literal("routeVia"),
      ports: z.array(z.string().max(20)).min(1).max(LIMITS.setValues).optional(),
      countries: z.array(z.string().max(20)).min(1).max(300).optional(),
      legs: z.enum(["loading", "transshipment", "any"]).optional(),
    }).refine((c) => c.ports !== undefined || c.countries !== undefined, "routeVia needs ports, countries or both"),
    z.strictObject({ op: z.literal("partyNew"), role: roleOrAny, days: z.number().int().min(0).max(3650) }),
    z.strictObject({ op: z.literal("partySeizureLinked"), role: roleOrAny, degree: z.number().optional() }),  // 1 or 2: semantic-checks.ts names the error
    nullary("partyIsForwarder"),
    z.strictObject({ op: z.literal("valueAnomaly"), below: z.number().positive().optional(), above: z.number().positive().optional() })
      .refine((c) => c.below !== undefined || c.above !== undefined, "valueAnomaly needs below, above or both"),
    z.strictObject({ op: z.literal("weightImplausible"), minKgPerPackage: z.number().nonnegative().optional(), maxKgPerPackage: z.number().positive().optional() }),
    nullary("genericDescription"),
    nullary("sealIssue"),
    z.strictObject({ op: z.literal("fieldCompare"), field: fieldPath, cmp: z.enum(["eq", "neq", "gt", "gte", "lt", "lte"]), other: fieldPath, factor: z.number().positive().optional() }),
    z.strictObject({ op: z.enum(["all", "any"]), of: z.array(conditionSchema).min(1).max(LIMITS.childrenPerAllAny) }),
    z.strictObject({ op: z.literal("not"), of: conditionSchema }),
  ]),
) as z.ZodType<Condition>;

const tableSchema = z.strictObject({
  key: z.array(fieldPath).min(1).max(3),
  entries: z.record(z.string().min(1).max(LIMITS.textValueLength), points),
  default: points.optional(),
});

const indicatorSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9_.-]{0,63}$/, "indicator codes are 1–64 capitals, digits, '_', '.' or '-'"),
  label: z.string().min(1).max(200),
  note: z.string().max(500).optional(),
  points: points.optional(),
  when: conditionSchema.optional(),
  table: tableSchema.optional(),
}).superRefine((ind, ctx) => {
  if (ind.table === undefined) {
    if (ind.points === undefined) ctx.addIssue({ code: "custom", path: ["points"], message: "a rule indicator needs points" });
    if (ind.when === undefined) ctx.addIssue({ code: "custom", path: ["when"], message: "a rule indicator needs a condition (when)" });
  } else if (ind.points !== undefined) {
    ctx.addIssue({ code: "custom", path: ["points"], message: "a table indicator takes its points from the table, not from points" });
  }
});

export const profileSchema: z.ZodType<Profile> = z.strictObject({
  language: z.literal(PROFILE_LANGUAGE),
  code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, "profile codes are 2–40 capitals, digits, '_' or '-'"),
  name: z.string().min(1).max(200),
  target: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("commodity"), commodity: z.enum(COMMODITIES) }),
    z.strictObject({ kind: z.literal("revenue"), fraud: z.string().max(200).optional() }),
  ]),
  scope: z.strictObject({
    units: z.array(z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, "unit codes are 2–32 capitals, digits, '_' or '-'")).min(1).max(1000).optional(),
    transportModes: z.array(z.enum(["sea", "air", "road", "rail"])).min(1).max(4).optional(),
  }).optional(),
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
  rationale: z.string().max(2000).optional(),
  thresholds: z.strictObject({
    high: z.number().min(-100_000).max(100_000),
    medium: z.number().min(-100_000).max(100_000),
    low: z.number().min(-100_000).max(100_000),
    select: z.number().min(-100_000).max(100_000).optional(),
  }),
  randomRate: z.number().min(0).max(0.2).optional(),
  indicators: z.array(indicatorSchema).min(1).max(LIMITS.indicators),
});
