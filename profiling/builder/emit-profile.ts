// Writes a learned model as a profile document (LANGUAGE.md): a table group
// becomes one `table` indicator (with its `when` where it has one), a list
// group one rule per element value, a numeric group one rule per band
// (half-open ranges), a flag one rule. The scorer's sum of matched points is
// then the model's score less its constant intercept (which cannot change a
// ranking).
import type { Condition } from "../dsl/profile-types.js";
import type { BinsGroupSpec } from "./feature-catalog.js";
import type { FeatureInfo } from "./feature-space.js";
import type { LearnedModel } from "./train-model.js";

/** The JSON shape the builder emits (a subset of the profile language). */
export type EmittedCondition = Condition;

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
  const shown = spec.unit ?? (spec.currency === undefined ? undefined : `${spec.currency}/kg`);
  const unit = shown === undefined ? "" : ` ${shown}`;
  if (f.min === undefined) return `${spec.label} below ${formatNumber(f.max!)}${unit}`;
  if (f.max === undefined) return `${spec.label} ${formatNumber(f.min)}${unit} or more`;
  return `${spec.label} ${formatNumber(f.min)} to under ${formatNumber(f.max)}${unit}`;
}

/** Code of one band's indicator: NET_MASS.B03 (stable order, low to high). */
export function bandCode(spec: BinsGroupSpec, bandIndex: number): string {
  return `${spec.code}.B${String(bandIndex + 1).padStart(2, "0")}`;
}

function bandCondition(spec: BinsGroupSpec, f: Extract<FeatureInfo, { kind: "band" }>): EmittedCondition {
  // gte/lt rather than `between`: between is inclusive at both ends, so a
  // value sitting on an edge would match two neighbouring bands.
  const parts: EmittedCondition[] = [];
  // Amounts in another currency are not on this scale: the band stays silent for them.
  if (spec.currency !== undefined) parts.push({ op: "eq", field: "currency", value: spec.currency });
  if (f.min !== undefined) parts.push({ op: "gte", field: spec.field, value: f.min });
  if (f.max !== undefined) parts.push({ op: "lt", field: spec.field, value: f.max });
  return parts.length === 1 ? parts[0]! : { op: "all", of: parts };
}

/** An indicator code for a list value: `VIA_PORT.PAMIT`. */
export function valueCode(prefix: string, value: string): string {
  return `${prefix}.${value.toUpperCase().replace(/[^A-Z0-9_-]+/g, "_")}`.slice(0, 64);
}

export function emitIndicators(model: LearnedModel): EmittedIndicator[] {
  const { space, points } = model;
  const indicators: EmittedIndicator[] = [];
  space.raw.groups.forEach((spec, g) => {
    const ix = space.index[g]!;
    if (spec.kind === "table") {
      if (ix.byValue === undefined) return;
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
      const indicator: EmittedIndicator = { code: spec.code, label: spec.label, table: { key: [...spec.key], entries, default: def } };
      if (spec.when !== undefined) indicator.when = spec.when;
      indicators.push(indicator);
      return;
    }
    if (spec.kind === "values") {
      for (const [value, f] of ix.byValue ?? []) {
        const p = points[f]!;
        if (p !== 0) indicators.push({ code: valueCode(spec.code, value), label: `${spec.label} ${value}`, points: p, when: { op: "eq", field: spec.field, value } });
      }
      return;
    }
    if (spec.kind === "flag") {
      if (ix.flag !== undefined && points[ix.flag] !== 0) indicators.push({ code: spec.code, label: spec.label, points: points[ix.flag]!, when: spec.when });
      return;
    }
    if (ix.first === undefined || ix.edges === undefined) return;
    for (let b = 0; b <= ix.edges.length; b++) {
      const f = space.features[ix.first + b]!;
      const p = points[ix.first + b]!;
      if (f.kind !== "band" || p === 0) continue;
      indicators.push({ code: bandCode(spec, b), label: bandLabel(spec, f), points: p, when: bandCondition(spec, f) });
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
