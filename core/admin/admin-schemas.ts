// Inputs of the administration use cases, shared by the API and the CLI.
import { z } from "zod";
import { isCountryCode } from "../../profiling/features/countries.js";
import { isLocode } from "../../profiling/features/locode.js";

const country = z.string().toUpperCase().refine(isCountryCode, "not an ISO 3166 alpha-2 country code");

export const unitCodeSchema = z
  .string()
  .toUpperCase()
  .regex(/^[A-Z]{2}[A-Z2-9]{3}(-[A-Z0-9]{1,8})?$/, "a UN/LOCODE, optionally with a suffix: ECGYE or ECUIO-AIR")
  .refine((code) => isLocode(code.slice(0, 5)), "does not start with a valid UN/LOCODE");

export const membershipSchema = z
  .strictObject({
    role: z.enum(["officer", "analyst", "manager", "admin"]),
    unitCode: unitCodeSchema.optional(),
    programme: z.string().min(1).max(40).optional(),
    country: country.optional(),
  })
  .superRefine((m, ctx) => {
    if ((m.role === "officer" || m.role === "analyst") && !m.unitCode) {
      ctx.addIssue({ code: "custom", path: ["unitCode"], message: `required for the ${m.role} role` });
    }
    if (m.role === "manager" && !m.unitCode && !m.programme && !m.country) {
      ctx.addIssue({ code: "custom", path: ["programme"], message: "a manager needs a unitCode, programme or country scope" });
    }
  });
export type MembershipInput = z.infer<typeof membershipSchema>;

export const createUserSchema = z.strictObject({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, "3-64 lowercase letters, digits, . _ -"),
  displayName: z.string().trim().min(1).max(200),
  agencyCode: z.string().min(2).max(40),
  password: z.string().min(12, "at least 12 characters").max(200).optional(),
  memberships: z.array(membershipSchema).min(1, "a user needs at least one role").max(50),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Days until expiry; tokens always expire. */
  expiresInDays: z.number().int().min(1).max(730).default(90),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const createUnitSchema = z.strictObject({
  code: unitCodeSchema,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["seaport", "dry_port", "air_cargo"]),
  timeZone: z.string().min(1).max(64).refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "not an IANA time zone").default("UTC"),
  programme: z.string().min(1).max(40).default("CCP"),
  agencyCodes: z.array(z.string().min(2).max(40)).max(20).default([]),
});
export type CreateUnitInput = z.infer<typeof createUnitSchema>;

export const createAgencySchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, "2-40 uppercase letters, digits, _ -"),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["customs", "police", "gendarmerie", "anti_narcotics", "coast_guard", "navy", "other"]),
  country,
});
export type CreateAgencyInput = z.infer<typeof createAgencySchema>;
