// Turns the raw columns of a history into sparse binary feature rows: one
// feature per table value with enough support (rarer values share the table's
// "other" feature, its default), one per list element value, one per numeric
// band, one per flag. Each feature later becomes a table entry or a rule
// indicator. The vocabulary and band edges come from the build rows only.
import { FLAG_TRUE, type RawFeatures } from "./feature-extract.js";

export type FeatureInfo =
  | { group: number; kind: "value"; value: string }
  | { group: number; kind: "other" }
  | { group: number; kind: "band"; min: number | undefined; max: number | undefined }
  | { group: number; kind: "flag" };

interface GroupIndex {
  /** Table and list groups: feature per value (as emitted), and per interned code (-1: none). */
  byValue?: Map<string, number>;
  byCode?: Int32Array;
  other?: number;
  edges?: number[];
  first?: number;
  flag?: number;
}

export interface FeatureSpace {
  raw: RawFeatures;
  index: GroupIndex[];
  features: FeatureInfo[];
}

/** Sparse design matrix in compressed-row form. */
export interface EncodedRows {
  rowStart: Int32Array;
  cols: Int32Array;
}

/** Rounds to two significant digits so band labels stay readable ("25 kg", not "24.73"). */
export function roundEdge(x: number): number {
  // toPrecision, not round(x / 10^k) * 10^k, which leaves 0.5700000000000001.
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(2));
}

/** Quantile cut points of the observed values, rounded and de-duplicated. */
export function bandEdges(values: number[], bins: number): number[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0 || bins < 2) return [];
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / bins))]!;
    const e = roundEdge(q);
    // An edge at or below the minimum would leave an empty first band.
    if (e > sorted[0]! && (edges.length === 0 || e > edges[edges.length - 1]!)) edges.push(e);
  }
  return edges;
}

/** The band a value falls in: band b covers [edges[b-1], edges[b]). */
export function bandOf(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v >= edges[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Learns vocabularies, band edges and flags from the build rows (indices into the raw columns). */
export function buildFeatureSpace(raw: RawFeatures, rows: readonly number[]): FeatureSpace {
  const features: FeatureInfo[] = [];
  const index = raw.groups.map((spec, g): GroupIndex => {
    const col = raw.columns[g]!;
    if (col.kind === "table" || col.kind === "values") {
      const counts = new Int32Array(col.dict.values.length);
      for (const i of rows) {
        if (col.kind === "table") {
          const c = col.codes[i]!;
          if (c >= 0) counts[c]!++;
        } else {
          for (const c of col.lists[i] ?? []) counts[c]!++;
        }
      }
      const minCount = spec.kind === "table" || spec.kind === "values" ? (spec.minCount ?? 1) : 1;
      // A key part holding the '|' that joins parts could not be written as a table entry.
      const parts = spec.kind === "table" ? spec.key.length : 1;
      const byValue = new Map<string, number>();
      const byCode = new Int32Array(col.dict.values.length).fill(-1);
      let rare = 0;
      const order = [...counts.keys()].filter((c) => counts[c]! > 0).sort((a, b) => (col.dict.values[a]! < col.dict.values[b]! ? -1 : 1));
      for (const c of order) {
        const value = col.dict.values[c]!;
        // A value every build row holds is the intercept under another name: no feature.
        if (counts[c] === rows.length) continue;
        if (counts[c]! >= minCount && value.split("|").length === parts) {
          byCode[c] = features.length;
          byValue.set(value, features.length);
          features.push({ group: g, kind: "value", value });
        } else rare += counts[c]!;
      }
      // Lists have no default: an unlisted port simply adds nothing.
      if (col.kind === "table" && rare > 0) {
        const other = features.length;
        features.push({ group: g, kind: "other" });
        // Values never seen in the build rows (later rows) get the default too.
        for (let c = 0; c < byCode.length; c++) if (byCode[c] === -1) byCode[c] = other;
        return { byValue, byCode, other };
      }
      return { byValue, byCode };
    }
    if (col.kind === "bins") {
      const values: number[] = [];
      for (const i of rows) if (!Number.isNaN(col.values[i]!)) values.push(col.values[i]!);
      if (values.length === 0) return {};
      const edges = spec.kind === "bins" ? bandEdges(values, spec.bins) : [];
      // One band holding every value says nothing the intercept does not.
      if (edges.length === 0) return {};
      const first = features.length;
      for (let b = 0; b <= edges.length; b++) {
        features.push({ group: g, kind: "band", min: b === 0 ? undefined : edges[b - 1], max: b === edges.length ? undefined : edges[b] });
      }
      return { edges, first };
    }
    let n = 0;
    for (const i of rows) if (col.flags[i] === FLAG_TRUE) n++;
    const minCount = spec.kind === "flag" ? (spec.minCount ?? 1) : 1;
    const maxShare = spec.kind === "flag" ? (spec.maxShare ?? 1) : 1;
    // Evidence is needed on both sides: a flag on every build row (or all but a
    // handful) is the intercept under another name. It carries no information,
    // yet its prior kept its points (the demo's "Seal missing", true of all 393
    // inspections, earned +4.7), and the offset it soaked up moved every score
    // between fits.
    if (n < minCount || rows.length - n < minCount || n > maxShare * rows.length) return {};
    features.push({ group: g, kind: "flag" });
    return { flag: features.length - 1 };
  });
  return { raw, index, features };
}

/** Feature indices row `i` activates. */
export function encodeRow(space: FeatureSpace, i: number, out: number[] = []): number[] {
  out.length = 0;
  const { columns } = space.raw;
  for (let g = 0; g < columns.length; g++) {
    const col = columns[g]!;
    const ix = space.index[g]!;
    if (col.kind === "table") {
      const c = col.codes[i]!;
      if (c < 0) continue;
      const f = c < ix.byCode!.length ? ix.byCode![c]! : (ix.other ?? -1);
      if (f >= 0) out.push(f);
    } else if (col.kind === "values") {
      for (const c of col.lists[i] ?? []) {
        const f = c < ix.byCode!.length ? ix.byCode![c]! : -1;
        if (f >= 0) out.push(f);
      }
    } else if (col.kind === "bins") {
      const v = col.values[i]!;
      if (!Number.isNaN(v) && ix.first !== undefined) out.push(ix.first + bandOf(ix.edges!, v));
    } else if (ix.flag !== undefined && col.flags[i] === FLAG_TRUE) {
      out.push(ix.flag);
    }
  }
  return out;
}

export function encodeRows(space: FeatureSpace, rows: readonly number[]): EncodedRows {
  const rowStart = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  const buf: number[] = [];
  rows.forEach((i, r) => {
    for (const f of encodeRow(space, i, buf)) cols.push(f);
    rowStart[r + 1] = cols.length;
  });
  return { rowStart, cols: Int32Array.from(cols) };
}
