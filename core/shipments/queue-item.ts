// One row of the officer queue as the API returns it.
export interface QueueRow {
  id: string;
  manifest_id: string | null;
  manifest_ref: string | null;
  vessel_name: string | null;
  voyage: string | null;
  flight_number: string | null;
  bill_of_lading: string;
  container_number: string | null;
  container_type: string | null;
  shipper_name: string | null;
  consignee_name: string | null;
  hs_codes: string[];
  goods_description: string | null;
  port_of_loading: string | null;
  transshipment_ports: string[];
  port_of_discharge: string | null;
  country_of_origin: string | null;
  arrival_date: string | null;
  status: string;
  score: number | null;
  band: string | null;
  queue_band: string | null;
  flagged: boolean;
  hold_cutoff: number | null;
  documentary_cutoff: number | null;
  selected: boolean;
  random: boolean;
  decision: string;
  decision_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
  sort_value: string | null;
  indicators: { code: string; label: string; points: number }[] | null;
  alerts: { alertId: string; fromUnit: string; subject: string; matchedOn: string | null; message: string }[] | null;
  inspection_outcome: string | null;
}

/** The lane a score falls in under the unit's selection targets (null without targets or below them). */
function laneOf(row: QueueRow): "hold" | "documentary" | null {
  if (row.hold_cutoff === null || row.documentary_cutoff === null || row.score === null) return null;
  if (row.score >= row.hold_cutoff) return "hold";
  return row.score >= row.documentary_cutoff ? "documentary" : null;
}

export function toQueueItem(row: QueueRow) {
  return {
    id: row.id,
    manifestId: row.manifest_id,
    manifestRef: row.manifest_ref,
    vesselName: row.vessel_name,
    voyage: row.voyage ?? row.flight_number,
    billOfLading: row.bill_of_lading,
    containerNumber: row.container_number,
    containerType: row.container_type,
    shipper: row.shipper_name,
    consignee: row.consignee_name,
    hsCodes: row.hs_codes,
    goodsDescription: row.goods_description,
    portOfLoading: row.port_of_loading,
    transshipmentPorts: row.transshipment_ports,
    portOfDischarge: row.port_of_discharge,
    countryOfOrigin: row.country_of_origin,
    arrivalDate: row.arrival_date,
    flagged: row.flagged,
    /** The band in this unit's queue: by its selection lanes when it has enough recent scores, else the profile's. */
    band: row.queue_band,
    lane: laneOf(row),
    scoring: { status: row.status, score: row.score, band: row.band, selected: row.selected, random: row.random },
    decision: {
      state: row.decision,
      at: row.decision_at?.toISOString() ?? null,
      inspectionOutcome: row.inspection_outcome,
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name } : null,
    },
    alerts: row.alerts ?? [],
    reasons: (row.indicators ?? [])
      .slice()
      .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
      .slice(0, 5)
      .map(({ code, label, points }) => ({ code, label, points })),
  };
}
