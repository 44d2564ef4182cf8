// The typed shape of a validated profile document (see LANGUAGE.md). Written
// by hand rather than inferred from the zod schema because conditions are
// recursive, and a named union reads better in compiler code.
import type { PartyRole, TransportMode } from "../shipment.js";

export const PROFILE_LANGUAGE = "portcullis/profile@1";

export type Scalar = string | number | boolean;
export type CompareOp = "gt" | "gte" | "lt" | "lte";
export type FieldCompareOp = "eq" | "neq" | CompareOp;
export type RoleOrAny = PartyRole | "any";
export type SeizureLinkDegree = 1 | 2;

export type Condition =
  | { op: "eq" | "neq"; field: string; value: Scalar }
  | { op: "in" | "notIn"; field: string; values: (string | number)[] }
  | { op: CompareOp; field: string; value: number | string }
  | { op: "between"; field: string; min?: number | string | undefined; max?: number | string | undefined }
  | { op: "exists" | "missing"; field: string }
  | { op: "hsPrefix"; field?: string | undefined; prefixes: string[] }
  | { op: "contains"; field: string; values: string[] }
  | { op: "matches"; field: string; pattern: string; flags?: "i" | undefined }
  | { op: "inList"; field: string; list: string }
  | { op: "routeVia"; ports?: string[] | undefined; countries?: string[] | undefined; legs?: "loading" | "transshipment" | "any" | undefined }
  | { op: "partyNew"; role: RoleOrAny; days: number }
  /** degree 1 (default): a party of a seized shipment; 2: also a party that shared a shipment with one. */
  | { op: "partySeizureLinked"; role: RoleOrAny; degree?: SeizureLinkDegree | undefined }
  | { op: "partyIsForwarder" }
  | { op: "valueAnomaly"; below?: number | undefined; above?: number | undefined }
  | { op: "weightImplausible"; minKgPerPackage?: number | undefined; maxKgPerPackage?: number | undefined }
  | { op: "genericDescription" }
  | { op: "sealIssue" }
  | { op: "fieldCompare"; field: string; cmp: FieldCompareOp; other: string; factor?: number | undefined }
  | { op: "all" | "any"; of: Condition[] }
  | { op: "not"; of: Condition };

export type ConditionOp = Condition["op"];

export interface TableSpec {
  key: string[];
  entries: Record<string, number>;
  default?: number | undefined;
}

export interface Indicator {
  code: string;
  label: string;
  /** Plain-language note for the examiner. */
  note?: string | undefined;
  points?: number | undefined;
  when?: Condition | undefined;
  table?: TableSpec | undefined;
}

export type ProfileTarget =
  | { kind: "commodity"; commodity: string }
  | { kind: "revenue"; fraud?: string | undefined };

export interface Thresholds {
  high: number;
  medium: number;
  low: number;
  select?: number | undefined;
}

export interface Profile {
  language: typeof PROFILE_LANGUAGE;
  code: string;
  name: string;
  target: ProfileTarget;
  scope?: { units?: string[] | undefined; transportModes?: TransportMode[] | undefined } | undefined;
  validFrom?: string | undefined;
  validTo?: string | undefined;
  rationale?: string | undefined;
  thresholds: Thresholds;
  randomRate?: number | undefined;
  indicators: Indicator[];
}

export const COMMODITIES = [
  "cocaine", "heroin", "cannabis", "opium", "psychotropics", "nps", "precursors", "strategic_goods",
  "cigarettes", "counterfeit", "wildlife_environment", "alcohol", "vehicles", "other",
] as const;
