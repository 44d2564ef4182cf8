// A stored or read history row as the profile builder takes it: an inspected
// record with its outcome and how the box was chosen, or (not inspected) a
// shipment that is context only: its parties' first sightings, its links,
// the value medians and the population thresholds are cut on.
import type { HistoryRecord, UnlabelledShipment } from "../../profiling/builder/build-profile.js";
import type { HistoryRow } from "./history-row.js";

export interface BuilderHistory {
  records: HistoryRecord[];
  unlabelled: UnlabelledShipment[];
}

export function addToBuilderHistory(history: BuilderHistory, row: HistoryRow): void {
  if (row.outcome === null) {
    history.unlabelled.push({ shipment: row.shipment, date: row.date });
    return;
  }
  history.records.push({
    shipment: row.shipment,
    date: row.date,
    label: { hit: row.outcome !== "nothing_found", critical: row.outcome === "seizure", commodity: row.commodity },
    selectedBy: row.selectedBy,
    inspectedAt: row.inspectedAt,
  });
}
