// The officer queue's columns: dense one-line cells, each sortable column
// naming the server's sort key (the whole list is sorted by the API, not the
// loaded rows), random control selections and cross-unit matches marked.
import type { DataColumn } from "../data-table/columns.js";
import type { MessageKey, Translate } from "../i18n.js";
import type { DecisionState, QueueSort } from "../query.js";
import { routeText } from "../route-text.js";
import { term, type Vocabulary } from "../terms.js";
import { BandBadge, Link } from "../ui.js";
import "./queue.css";

export interface QueueItem {
  id: string;
  manifestId: string | null;
  vesselName: string | null;
  voyage: string | null;
  billOfLading: string;
  containerNumber: string | null;
  containerType: string | null;
  shipper: string | null;
  consignee: string | null;
  hsCodes: string[];
  goodsDescription: string | null;
  portOfLoading: string | null;
  transshipmentPorts: string[];
  portOfDischarge?: string | null;
  countryOfOrigin: string | null;
  arrivalDate: string | null;
  flagged: boolean;
  band: string | null;
  lane: "hold" | "documentary" | null;
  scoring: { status: string; score: number | null; band: string | null; selected: boolean; random: boolean };
  decision: { state: DecisionState; at: string | null; inspectionOutcome: string | null; assignee: { id: string; name: string | null } | null };
  alerts: { alertId: string; fromUnit: string; subject: string; matchedOn: string | null; message: string }[];
}

export const DECISION: Vocabulary<DecisionState> = { none: "decision.none", hold: "decision.hold", released: "decision.released", inspected: "decision.inspected" };

/** Column id → the API's sort key; columns not listed do not sort. */
export const SORT_OF_COLUMN: Readonly<Record<string, QueueSort>> = {
  container: "containerNumber",
  shipper: "shipper",
  consignee: "consignee",
  route: "portOfLoading",
  score: "score",
  decision: "decision",
};

const text = (value: string | null | undefined) => <span title={value ?? undefined}>{value ?? "—"}</span>;

/** `search`: the queue's URL search, carried to the container page for Back and next/previous. */
export function queueColumns(t: Translate, formatScore: (n: number | null) => string, code: string, search: string): DataColumn<QueueItem>[] {
  // sortValue only makes the header a sort button; with manualSorting the rows arrive sorted by the server.
  const sortable = (row: QueueItem) => row.id;
  const header = (key: MessageKey) => t(key);
  return [
    {
      id: "container",
      className: "col-container",
      header: header("col.container"),
      sortValue: sortable,
      cell: (row) => (
        <>
          <Link to={`/units/${code}/shipments/${row.id}${search ? `?${search}` : ""}`}>{row.containerNumber ?? row.billOfLading}</Link>
          {row.scoring.random && (
            <span className="tag random" title={t("queue.randomTitle")}>
              {t("detection.random")}
            </span>
          )}
        </>
      ),
    },
    { id: "type", className: "col-type", header: header("col.type"), cell: (row) => text(row.containerType) },
    { id: "goods", className: "col-goods", header: header("col.goods"), cell: (row) => text([row.hsCodes.join(" "), row.goodsDescription].filter(Boolean).join(" · ") || null) },
    { id: "shipper", className: "col-shipper", header: header("col.shipper"), sortValue: sortable, cell: (row) => text(row.shipper) },
    { id: "consignee", className: "col-consignee", header: header("col.consignee"), sortValue: sortable, cell: (row) => text(row.consignee) },
    { id: "origin", className: "col-origin", header: header("col.origin"), cell: (row) => text(row.countryOfOrigin) },
    { id: "route", className: "col-route", header: header("col.route"), sortValue: sortable, cell: (row) => text(routeText(row)) },
    { id: "score", className: "col-score", header: header("col.score"), numeric: true, descFirst: true, sortValue: sortable, cell: (row) => formatScore(row.scoring.score) },
    { id: "band", className: "col-band", header: header("col.band"), cell: (row) => <BandBadge band={row.band} /> },
    { id: "decision", className: "col-decision", header: header("col.decision"), sortValue: sortable, cell: (row) => <span className={`decision decision-${row.decision.state}`}>{term(t, DECISION, row.decision.state)}</span> },
    { id: "assignee", className: "col-assignee", header: header("col.assignee"), cell: (row) => text(row.decision.assignee?.name ?? null) },
    {
      id: "alerts",
      className: "col-alerts",
      header: header("col.alerts"),
      // One line, cut to the column's width: the whole text is the cell's title (the container page lists the alerts).
      cell: (row) => {
        const texts = row.alerts.map((a) => t("queue.alertFrom", { unit: a.fromUnit, matchedOn: a.matchedOn ?? a.subject }));
        return texts.length === 0 ? null : (
          <span className="cell-clip" title={texts.join("\n")}>
            {row.alerts.map((a, n) => (
              <span key={a.alertId} className="tag alert-match" data-testid="alert-marker">
                {texts[n]}
              </span>
            ))}
          </span>
        );
      },
    },
  ];
}
