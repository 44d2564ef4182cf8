// partySeizureLinked as a back-test must see it: as of a record's day, as
// live scoring saw it on that day. A seizure counts only if inspected before
// that day and never the record's own (its own seizure is its label). For
// degree 2, a shipment shared with a party of such a seizure counts when it
// is dated on or before that day, the record's own shipment included: live
// scoring has a manifest's shipments (and that day's other manifests) in
// before it scores them, and the profile builder's history walk does the
// same (profiling/builder/history-context.ts). Built once per back-test from
// the unit's seizure graph; a party's degree-2 witnesses are worked out the
// first time it is asked about, so a profile without degree 2, or a short
// period, pays for none of them.
import type { Condition, Profile } from "../../profiling/dsl/profile-types.js";
import type { SeizureGraph } from "../scoring/seizure-links.js";

interface Seizure {
  shipmentId: string;
  at: number;
}

/** A shared shipment as seen from one of its parties: the two earliest seizures of its other parties. */
interface Witness {
  shipmentId: string;
  first: Seizure;
  second: Seizure | undefined;
  /** From when the link through this shipment counts: a record on day d sees it when `from <= d` (day start, ms). */
  from: number;
}

export type LinkedAsOf = (key: string, degree: 1 | 2, recordShipmentId: string, dayStart: number) => boolean;

const PARTY_COLUMNS = 5;
const byAt = (a: Seizure, b: Seizure) => a.at - b.at || (a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : 0);

export function seizureLinksAsOf(graph: SeizureGraph): LinkedAsOf {
  // Per party id, its seized shipments, earliest first.
  const seizures = new Map<string, Seizure[]>();
  for (const s of graph.seized) {
    for (const id of new Set(s.partyIds)) {
      const list = seizures.get(id) ?? [];
      list.push({ shipmentId: s.shipmentId, at: s.seizedAt });
      seizures.set(id, list);
    }
  }
  for (const list of seizures.values()) list.sort(byAt);

  const { shipmentIds, days, parties } = graph.shared;
  // Per party id, the rows of the shared shipments it is on: built on the first degree-2 question.
  let rowsOf: Map<string, number[]> | undefined;
  const sharedRows = (id: string): number[] => {
    if (rowsOf === undefined) {
      rowsOf = new Map();
      for (let i = 0; i < parties.length; i++) {
        const party = parties[i];
        if (party === null || party === undefined) continue;
        const row = Math.floor(i / PARTY_COLUMNS);
        const list = rowsOf.get(party);
        if (list === undefined) rowsOf.set(party, [row]);
        else if (list[list.length - 1] !== row) list.push(row);
      }
    }
    return rowsOf.get(id) ?? [];
  };

  const witnessCache = new Map<string, Witness[]>();
  const witnessesOf = (id: string): Witness[] => {
    let found = witnessCache.get(id);
    if (found !== undefined) return found;
    found = [];
    for (const row of sharedRows(id)) {
      // Two seizures of its other parties on distinct shipments, so one is always another than the record's.
      const candidates: Seizure[] = [];
      for (let c = row * PARTY_COLUMNS; c < (row + 1) * PARTY_COLUMNS; c++) {
        const other = parties[c];
        if (other === null || other === undefined || other === id) continue;
        candidates.push(...(seizures.get(other) ?? []).slice(0, 2));
      }
      candidates.sort(byAt);
      const first = candidates[0];
      if (first === undefined) continue;
      const second = candidates.find((c) => c.shipmentId !== first.shipmentId);
      // The shipment counts on its own day, the seizure from the day after: both as "<= day start".
      found.push({ shipmentId: shipmentIds[row]!, first, second, from: Math.max(days[row]!, first.at + 1) });
    }
    found.sort((a, b) => a.from - b.from);
    witnessCache.set(id, found);
    return found;
  };

  const direct = (id: string, record: string, dayStart: number): boolean => {
    for (const s of seizures.get(id) ?? []) {
      if (s.at >= dayStart) return false;
      if (s.shipmentId !== record) return true;
    }
    return false;
  };
  return (key, degree, record, dayStart) => {
    const id = graph.partyIdOf.get(key);
    if (id === undefined) return false;
    if (direct(id, record, dayStart)) return true;
    if (degree === 1) return false;
    if (!graph.degree2) throw new Error("seizure links were loaded for degree 1 only: pass linkDegree 2 to labelledHistory");
    for (const w of witnessesOf(id)) {
      if (w.from > dayStart) return false;
      // The record's own shipment may be the shared one, never the seized one.
      const seizure = w.first.shipmentId !== record ? w.first : w.second;
      if (seizure !== undefined && seizure.at < dayStart) return true;
    }
    return false;
  };
}

/** The highest partySeizureLinked degree a profile asks (1 when it asks none), so a run loads no more than it needs. */
export function seizureLinkDegree(profile: Profile): 1 | 2 {
  const asks2 = (c: Condition): boolean =>
    c.op === "partySeizureLinked" ? c.degree === 2 : c.op === "all" || c.op === "any" ? c.of.some(asks2) : c.op === "not" ? asks2(c.of) : false;
  return profile.indicators.some((i) => i.when !== undefined && asks2(i.when)) ? 2 : 1;
}
