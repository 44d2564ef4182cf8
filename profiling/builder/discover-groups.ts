// The candidate groups for one history: the whole catalog, the amounts'
// currency read from the data (never assumed), and one group per free
// attribute the unit receives (a seal changed after loading, a manifest
// amended after departure, an office or procedure code...).
import type { ShipmentInput } from "../shipment.js";
import { candidateGroups } from "./candidate-groups.js";
import type { FeatureGroupSpec } from "./feature-catalog.js";

/** More distinct values than this and a text attribute is an id or free text: nothing to learn per value. */
const MAX_CATEGORIES = 200;
const MAX_ATTRIBUTES = 40;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export interface DiscoveredGroups {
  groups: FeatureGroupSpec[];
  /** The currency most declared values are in (>= 60 % of them), else undefined. */
  currency: string | undefined;
  attributes: { name: string; kind: "categorical" | "numeric" }[];
}

function mainCurrency(shipments: readonly ShipmentInput[]): string | undefined {
  const counts = new Map<string, number>();
  let priced = 0;
  for (const s of shipments) {
    if (s.declaredValue === undefined || s.currency === undefined) continue;
    priced++;
    const c = s.currency.toUpperCase();
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  return top !== undefined && top[1] >= 0.6 * priced ? top[0] : undefined;
}

interface AttributeStats {
  seen: number;
  numbers: number;
  dates: number;
  distinct: Set<string>;
}

function attributeGroups(shipments: readonly ShipmentInput[]): { groups: FeatureGroupSpec[]; found: DiscoveredGroups["attributes"] } {
  const stats = new Map<string, AttributeStats>();
  for (const s of shipments) {
    for (const [name, v] of Object.entries(s.attributes)) {
      if (v === null || v === "") continue;
      let st = stats.get(name);
      if (st === undefined) stats.set(name, (st = { seen: 0, numbers: 0, dates: 0, distinct: new Set() }));
      st.seen++;
      if (typeof v === "number" || (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)))) st.numbers++;
      if (typeof v === "string" && ISO_DATE.test(v)) st.dates++;
      if (st.distinct.size <= MAX_CATEGORIES) st.distinct.add(String(v));
    }
  }
  const groups: FeatureGroupSpec[] = [];
  const found: DiscoveredGroups["attributes"] = [];
  const names = [...stats].filter(([, st]) => st.seen >= 20).sort((a, b) => b[1].seen - a[1].seen).slice(0, MAX_ATTRIBUTES);
  for (const [name, st] of names.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Dates say when, not what: a table of past dates matches no future shipment.
    if (st.dates > st.seen / 2) continue;
    const code = `ATTR_${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_").slice(0, 40)}`;
    if (st.distinct.size <= MAX_CATEGORIES) {
      groups.push({ kind: "table", code, label: `Attribute ${name}`, noun: name, key: [`attributes.${name}`], penalty: 2, minCount: 3 });
      found.push({ name, kind: "categorical" });
    } else if (st.numbers > st.seen * 0.9) {
      groups.push({ kind: "bins", code, label: `Attribute ${name}`, noun: name, field: `attributes.${name}`, bins: 8, penalty: 3 });
      found.push({ name, kind: "numeric" });
    }
  }
  return { groups, found };
}

export function discoverGroups(shipments: readonly ShipmentInput[]): DiscoveredGroups {
  const currency = mainCurrency(shipments);
  const attributes = attributeGroups(shipments);
  return { groups: [...candidateGroups(currency), ...attributes.groups], currency, attributes: attributes.found };
}
