// Table indicators: points per value of a key (one to three fields joined by
// '|'). Entries are normalised into a Map once; prototype keys such as
// "constructor" are plain strings in a Map and cannot reach Object.prototype.
import { parseHsKey } from "../fields.js";
import type { TableSpec } from "../profile-types.js";
import { normalizeForField, normalizeTableKey, scalarText } from "../table-keys.js";
import type { EvidenceValue } from "./evidence.js";
import { fieldGetter, type Getter } from "./field-access.js";
import { fieldDef } from "./value-conditions.js";
import type { ShipmentFacts } from "../../derived.js";
import type { EvidenceBuffer } from "./evidence.js";
import { keySlot, NO_KEY, type KeptKeyStore, type KeptKeys } from "../../kept-keys.js";

/** The table's points for the shipment, or undefined when it does not apply. */
export type TableLookup = (facts: ShipmentFacts, evidence: EvidenceBuffer) => number | undefined;

interface KeyPart {
  path: string;
  /** Normalised text of the part, undefined when missing. */
  read: (facts: ShipmentFacts) => string | undefined;
  raw: Getter;
}

// Key parts read from the scoring context, not the shipment alone: never kept.
const CONTEXT_DEPENDENT = new Set(["derived.valuePerKgRatio"]);

/** Reads a key part through the facts' kept keys when the caller keeps them (ShipmentFacts.keyParts, kept-keys.ts). */
function kept(path: string, read: (facts: ShipmentFacts) => string | undefined): (facts: ShipmentFacts) => string | undefined {
  if (CONTEXT_DEPENDENT.has(path)) return read;
  const slot = keySlot(path);
  return (f) => {
    const parts = f.keyParts;
    if (parts === undefined) return read(f);
    const id = parts.ids[slot];
    if (id !== undefined) return id === NO_KEY ? undefined : parts.store.pool(slot).texts[id];
    const text = read(f);
    parts.ids[slot] = text === undefined ? NO_KEY : parts.store.pool(slot).idOf(text);
    return text;
  };
}

/** The slot a table's whole key is kept under, or undefined when it is read from the context (never kept). */
function keptSlotOf(keyPaths: readonly string[]): number | undefined {
  if (keyPaths.some((path) => CONTEXT_DEPENDENT.has(path))) return undefined;
  return keySlot(keyPaths.length === 1 ? (keyPaths[0] as string) : keyPaths.join("\u0000"));
}

/**
 * A table's points by kept text number, filled once per distinct text of a
 * store: state 0 not looked up yet, 1 an entry (points), 2 no entry.
 */
interface PointsByText {
  points: Float64Array;
  state: Uint8Array;
}

function grown(known: PointsByText, size: number): PointsByText {
  const length = Math.max(size, known.state.length * 2, 64);
  const points = new Float64Array(length);
  const state = new Uint8Array(length);
  points.set(known.points);
  state.set(known.state);
  return { points, state };
}

function keyPart(path: string): KeyPart {
  const hsDigits = parseHsKey(path);
  if (hsDigits !== undefined) {
    const raw: Getter = (f) => f.s.hsCodes[0];
    return {
      path: "hsCodes",
      raw,
      read: kept(path, (f) => {
        const code = f.s.hsCodes[0]?.replace(/[\s.]/g, "");
        return code !== undefined && code.length >= hsDigits ? code.slice(0, hsDigits) : undefined;
      }),
    };
  }
  const def = fieldDef(path);
  const get = fieldGetter(path);
  return {
    path,
    raw: get,
    read: kept(path, (f) => {
      let v = get(f);
      if (v === undefined || v === null) return undefined;
      if (typeof v === "object") v = v[0];
      if (v === undefined) return undefined;
      const text = normalizeForField(def, scalarText(v));
      return text.length === 0 ? undefined : text;
    }),
  };
}

/**
 * The normalised key a table reads from a shipment ("440890|BE"), or
 * undefined when a part is missing. The builder learns entries through this
 * very reader, so what it counts is what the scorer looks up.
 */
export function compileTableKey(keyPaths: readonly string[]): (facts: ShipmentFacts) => string | undefined {
  return joinedKey(keyPaths, keyPaths.map(keyPart));
}

function joinedKey(keyPaths: readonly string[], parts: readonly KeyPart[]): (facts: ShipmentFacts) => string | undefined {
  if (parts.length === 1) return parts[0]!.read;
  // The joined key is kept too: the same string again hashes once, a new one per look-up would not.
  if (keyPaths.some((path) => CONTEXT_DEPENDENT.has(path))) return joinParts(parts);
  return kept(keyPaths.join("\u0000"), joinParts(parts));
}

function joinParts(parts: readonly KeyPart[]): (facts: ShipmentFacts) => string | undefined {
  return (f) => {
    let key = "";
    for (let i = 0; i < parts.length; i++) {
      const part = (parts[i] as KeyPart).read(f);
      if (part === undefined) return undefined; // a missing value never matches
      key = i === 0 ? part : `${key}|${part}`;
    }
    return key;
  };
}

/** A table's entries by normalised key (the form compileTableKey reads); the batch scorer (profiling/batch/) looks keys up in them too. */
export function tableEntries(table: TableSpec): Map<string, number> {
  const entries = new Map<string, number>();
  for (const [raw, points] of Object.entries(table.entries)) entries.set(normalizeTableKey(raw, table.key), points);
  return entries;
}

/** Whether a table's key reads the scoring context (then it is never kept per shipment). */
export function tableKeyReadsContext(keyPaths: readonly string[]): boolean {
  return keyPaths.some((path) => CONTEXT_DEPENDENT.has(path));
}

export function compileTable(table: TableSpec): TableLookup {
  const entries = tableEntries(table);
  const parts = table.key.map(keyPart);
  const keyOf = joinedKey(table.key, parts);
  const fallback = table.default;
  const slot = keptSlotOf(table.key);
  // The points by kept text number, per store (one per prepared history); the last store is kept at hand.
  const byStore = new WeakMap<KeptKeyStore, PointsByText>();
  let lastStore: KeptKeyStore | undefined;
  let known: PointsByText = { points: new Float64Array(0), state: new Uint8Array(0) };
  const keptPoints = (kept: KeptKeys, id: number): number | undefined => {
    if (kept.store !== lastStore) {
      lastStore = kept.store;
      known = byStore.get(kept.store) ?? { points: new Float64Array(0), state: new Uint8Array(0) };
      byStore.set(kept.store, known);
    }
    if (id >= known.state.length) {
      known = grown(known, id + 1);
      byStore.set(kept.store, known);
    }
    let state = known.state[id];
    if (state === 0) {
      const found = entries.get(kept.store.pool(slot as number).texts[id] as string);
      state = found === undefined ? 2 : 1;
      known.state[id] = state;
      if (found !== undefined) known.points[id] = found;
    }
    return state === 1 ? known.points[id] : fallback;
  };
  return (f, ev) => {
    let points: number | undefined;
    const kept = f.keyParts;
    if (kept !== undefined && slot !== undefined) {
      let id = kept.ids[slot];
      if (id === undefined) {
        keyOf(f); // reads the text and keeps its number
        id = kept.ids[slot];
      }
      if (id === undefined || id === NO_KEY) return undefined;
      points = keptPoints(kept, id);
    } else {
      const key = keyOf(f);
      if (key === undefined) return undefined;
      points = entries.get(key) ?? fallback;
    }
    if (points === undefined) return undefined;
    for (const part of parts) {
      const v = part.raw(f);
      const shown: EvidenceValue = v === undefined || v === null ? null : typeof v === "object" ? (v[0] ?? null) : v;
      ev.push(part.path, shown);
    }
    return points;
  };
}
