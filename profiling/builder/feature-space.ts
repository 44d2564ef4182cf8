// Turns shipments into sparse binary feature rows: one feature per table
// value (or the group's shared "other" feature for rare values) and one per
// numeric band. Each feature later becomes a table entry or a rule indicator,
// so the encoding here must read fields exactly as the scorer does.
import type { ShipmentInput } from "../shipment.js";
import { keyReader, numberReader, type BinsGroupSpec, type FeatureGroupSpec, type KeyReader, type TableGroupSpec } from "./feature-catalog.js";

export type FeatureInfo =
  | { group: number; kind: "value"; value: string }
  | { group: number; kind: "other" }
  | { group: number; kind: "band"; min: number | undefined; max: number | undefined };

interface TableIndex { kind: "table"; spec: TableGroupSpec; read: KeyReader; byValue: Map<string, number>; other: number | undefined }
interface BandIndex { kind: "bins"; spec: BinsGroupSpec; read: (s: ShipmentInput) => number | undefined; edges: number[]; first: number }

export interface FeatureSpace {
  groups: readonly FeatureGroupSpec[];
  index: readonly (TableIndex | BandIndex)[];
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

/**
 * Learns the vocabulary (which values get their own entry) and band edges,
 * and encodes the history it learned from in the same pass (each key is
 * read once: string keys are most of the builder's cost).
 */
export function buildFeatureSpace(
  shipments: readonly ShipmentInput[],
  groups: readonly FeatureGroupSpec[],
): { space: FeatureSpace; rows: EncodedRows } {
  const features: FeatureInfo[] = [];
  const n = shipments.length;
  // perGroup[g][i]: feature of row i in group g, -1 when the row has none.
  const perGroup: Int32Array[] = [];
  const index = groups.map((spec, g): TableIndex | BandIndex => {
    const col = new Int32Array(n).fill(-1);
    perGroup.push(col);
    if (spec.kind === "table") {
      const read = keyReader(spec.key);
      const keys = shipments.map(read);
      const counts = new Map<string, number>();
      for (const k of keys) if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
      const minCount = spec.minCount ?? 1;
      const byValue = new Map<string, number>();
      let other: number | undefined;
      for (const [value, c] of counts) {
        if (c >= minCount) {
          byValue.set(value, features.length);
          features.push({ group: g, kind: "value", value });
        }
      }
      keys.forEach((k, i) => {
        if (k === undefined) return;
        let f = byValue.get(k);
        if (f === undefined) {
          if (other === undefined) {
            other = features.length;
            features.push({ group: g, kind: "other" });
          }
          f = other;
        }
        col[i] = f;
      });
      return { kind: "table", spec, read, byValue, other };
    }
    const read = numberReader(spec.field);
    const values = shipments.map(read);
    const edges = bandEdges(values.filter((v): v is number => v !== undefined), spec.bins);
    const first = features.length;
    for (let b = 0; b <= edges.length; b++) {
      features.push({ group: g, kind: "band", min: b === 0 ? undefined : edges[b - 1], max: b === edges.length ? undefined : edges[b] });
    }
    values.forEach((v, i) => {
      if (v !== undefined) col[i] = first + bandOf(edges, v);
    });
    return { kind: "bins", spec, read, edges, first };
  });
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const col of perGroup) if (col[i]! >= 0) cols.push(col[i]!);
    rowStart[i + 1] = cols.length;
  }
  return { space: { groups, index, features }, rows: { rowStart, cols: Int32Array.from(cols) } };
}

/** The band a value falls in: band b covers [edges[b-1], edges[b]). */
function bandOf(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v >= edges[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Feature indices one shipment activates (at most one per group). */
export function encodeShipment(space: FeatureSpace, s: ShipmentInput, out: number[] = []): number[] {
  out.length = 0;
  for (const ix of space.index) {
    if (ix.kind === "table") {
      const k = ix.read(s);
      if (k === undefined) continue;
      const f = ix.byValue.get(k) ?? ix.other;
      if (f !== undefined) out.push(f);
    } else {
      const v = ix.read(s);
      if (v !== undefined) out.push(ix.first + bandOf(ix.edges, v));
    }
  }
  return out;
}

export function encodeRows(space: FeatureSpace, shipments: readonly ShipmentInput[]): EncodedRows {
  const rowStart = new Int32Array(shipments.length + 1);
  const cols: number[] = [];
  const buf: number[] = [];
  shipments.forEach((s, i) => {
    for (const f of encodeShipment(space, s, buf)) cols.push(f);
    rowStart[i + 1] = cols.length;
  });
  return { rowStart, cols: Int32Array.from(cols) };
}
