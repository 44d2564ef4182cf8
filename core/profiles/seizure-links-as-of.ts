// partySeizureLinked as a back-test must see it: as of a record's day. A
// link counts only through a seizure inspected before that day, never through
// the record's own shipment (its own seizure is its label) and, for degree 2,
// only through a shared shipment dated before that day, other than the
// record's own. Built once per back-test from the unit's seizure graph.
import type { SeizureGraph } from "../scoring/seizure-links.js";

interface Seizure {
  shipmentId: string;
  at: number;
}

/** A shared shipment as seen from one of its parties: the two earliest seizures of its other parties. */
interface Witness {
  shipmentId: string;
  day: number;
  first: Seizure;
  second: Seizure | undefined;
  /** When the link through this shipment existed: the later of its day and its first seizure. */
  from: number;
}

export type LinkedAsOf = (key: string, degree: 1 | 2, recordShipmentId: string, dayStart: number) => boolean;

const byAt = (a: Seizure, b: Seizure) => a.at - b.at || (a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : 0);

export function seizureLinksAsOf(graph: SeizureGraph): LinkedAsOf {
  // Per key, its seized shipments, earliest first.
  const seizures = new Map<string, Seizure[]>();
  for (const s of graph.seized) {
    for (const key of s.keys) {
      const list = seizures.get(key) ?? [];
      list.push({ shipmentId: s.shipmentId, at: s.seizedAt });
      seizures.set(key, list);
    }
  }
  for (const list of seizures.values()) list.sort(byAt);

  // Per key, the shared shipments it is on, by when the link through them existed.
  const witnesses = new Map<string, Witness[]>();
  for (const shared of graph.shared) {
    for (const key of shared.keys) {
      // Two seizures, on distinct shipments, so one is always another shipment than the record's.
      const candidates = shared.keys.filter((other) => other !== key).flatMap((other) => (seizures.get(other) ?? []).slice(0, 2)).sort(byAt);
      const first = candidates[0];
      if (first === undefined) continue;
      const second = candidates.find((c) => c.shipmentId !== first.shipmentId);
      const list = witnesses.get(key) ?? [];
      list.push({ shipmentId: shared.shipmentId, day: shared.day, first, second, from: Math.max(shared.day, first.at) });
      witnesses.set(key, list);
    }
  }
  for (const list of witnesses.values()) list.sort((a, b) => a.from - b.from);

  const direct = (key: string, record: string, dayStart: number): boolean => {
    for (const s of seizures.get(key) ?? []) {
      if (s.at >= dayStart) return false;
      if (s.shipmentId !== record) return true;
    }
    return false;
  };
  return (key, degree, record, dayStart) => {
    if (direct(key, record, dayStart)) return true;
    if (degree === 1) return false;
    for (const w of witnesses.get(key) ?? []) {
      if (w.from >= dayStart) return false;
      if (w.shipmentId === record) continue;
      const seizure = w.first.shipmentId !== record ? w.first : w.second;
      if (seizure !== undefined && seizure.at < dayStart) return true;
    }
    return false;
  };
}
