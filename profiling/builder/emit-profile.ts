// Writes a learned model as a profile document (LANGUAGE.md): each table
// group becomes one `table` indicator, each numeric band a rule indicator
// with a half-open range, so the scorer's sum of matched points is the
// model's score less its constant intercept (which cannot change a ranking).
import type { BinsGroupSpec } from "./feature-catalog.js";
import type { FeatureInfo } from "./feature-space.js";
import type { LearnedModel } from "./train-model.js";

/** The JSON shape the builder emits (a subset of the profile language). */
export type EmittedCondition =
  | { op: "gte" | "lt"; field: string; value: number }
  | { op: "all"; of: EmittedCondition[] };

export interface EmittedIndicator {
  code: string;
  label: string;
  points?: number;
  when?: EmittedCondition;
  table?: { key: string[]; entries: Record<string, number>; default: number };
}

export interface EmittedProfile {
  language: "portcullis/profile@1";
  code: string;
  name: string;
  target: { kind: "revenue"; fraud?: string } | { kind: "commodity"; commodity: string };
  validFrom?: string;
  validTo?: string;
  rationale: string;
  thresholds: { high: number; medium: number; low: number; select: number };
  randomRate: number;
  indicators: EmittedIndicator[];
}

export interface ProfileHeader {
  code: string;
  name: string;
  target: EmittedProfile["target"];
  rationale: string;
  validFrom?: string | undefined;
  validTo?: string | undefined;
  randomRate: number;
}

export function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

export function bandLabel(spec: BinsGroupSpec, f: Extract<FeatureInfo, { kind: "band" }>): string {
  const unit = spec.unit === undefined ? "" : ` ${spec.unit}`;
  if (f.min === undefined) return `${spec.label} below ${formatNumber(f.max!)}${unit}`;
  if (f.max === undefined) return `${spec.label} ${formatNumber(f.min)}${unit} or more`;
  return `${spec.label} ${formatNumber(f.min)} to under ${formatNumber(f.max)}${unit}`;
}

/** Code of one band's indicator: NET_MASS.B03 (stable order, low to high). */
export function bandCode(spec: BinsGroupSpec, bandIndex: number): string {
  return `${spec.code}.B${String(bandIndex + 1).padStart(2, "0")}`;
}

function bandCondition(field: string, f: Extract<FeatureInfo, { kind: "band" }>): EmittedCondition {
  // gte/lt rather than `between`: between is inclusive at both ends, so a
  // value sitting on an edge would match two neighbouring bands.
  const parts: EmittedCondition[] = [];
  if (f.min !== undefined) parts.push({ op: "gte", field, value: f.min });
  if (f.max !== undefined) parts.push({ op: "lt", field, value: f.max });
  return parts.length === 1 ? parts[0]! : { op: "all", of: parts };
}

export function emitIndicators(model: LearnedModel): EmittedIndicator[] {
  const { space, points } = model;
  const indicators: EmittedIndicator[] = [];
  space.index.forEach((ix) => {
    if (ix.kind === "table") {
      const def = ix.other === undefined ? 0 : points[ix.other]!;
      const entries: Record<string, number> = {};
      let n = 0;
      for (const [value, f] of ix.byValue) {
        const p = points[f]!;
        // An entry equal to the default changes nothing; leaving it out keeps the profile small.
        if (p !== def) {
          entries[value] = p;
          n++;
        }
      }
      if (n === 0 && def === 0) return;
      indicators.push({ code: ix.spec.code, label: ix.spec.label, table: { key: [...ix.spec.key], entries, default: def } });
      return;
    }
    for (let b = 0; b <= ix.edges.length; b++) {
      const f = space.features[ix.first + b]!;
      const p = points[ix.first + b]!;
      if (f.kind !== "band" || p === 0) continue;
      indicators.push({ code: bandCode(ix.spec, b), label: bandLabel(ix.spec, f), points: p, when: bandCondition(ix.spec.field, f) });
    }
  });
  return indicators;
}

export function emitProfile(model: LearnedModel, header: ProfileHeader, thresholds: EmittedProfile["thresholds"]): EmittedProfile {
  const profile: EmittedProfile = {
    language: "portcullis/profile@1",
    code: header.code,
    name: header.name,
    target: header.target,
    rationale: header.rationale,
    thresholds,
    randomRate: header.randomRate,
    indicators: emitIndicators(model),
  };
  if (header.validFrom !== undefined) profile.validFrom = header.validFrom;
  if (header.validTo !== undefined) profile.validTo = header.validTo;
  return profile;
}
