// What a referral is about, as links: its container (the container page),
// bill of lading (the queue searched for it, every box on it) and seizure
// (on the container page, with its quantity). The referrals list shows the
// container and the seizure as columns; the referral page as a short list.
// Only the unit's officers and analysts may open its shipments (the API answers
// 403 to anyone else, e.g. a programme manager): others see plain text.
import type { DataColumn } from "../data-table/columns.js";
import type { Formatters } from "../format.js";
import type { Translate } from "../i18n.js";
import type { UnitItem } from "../api.js";
import { EMPTY_FILTERS, queueSearchParams } from "../query.js";
import { useApp } from "../context.js";
import { COMMODITY, quantityText as quantityOf, RECIPIENT_KIND, REFERRAL_STATUS, term } from "../terms.js";
import { DataTable } from "../data-table/DataTable.js";
import { Empty, Link } from "../ui.js";

export interface Referral {
  id: string;
  /** The unit that referred it. */
  unitCode: string;
  seizureId: string;
  commodity: string;
  seizure: { id: string; commodity: string; quantity: number; quantityUnit: string; seizedAt: string };
  shipment: { id: string; containerNumber: string | null; billOfLading: string };
  recipient: { kind: string; name: string | null; unitCode: string | null };
  status: string;
  outcome: string | null;
  allowed: string[];
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
}

export const shipmentLink = (code: string, r: Referral) => `/units/${code}/shipments/${r.shipment.id}`;
/** The seizures of the container page (its section heading's id). */
export const seizureLink = (code: string, r: Referral) => `${shipmentLink(code, r)}#seizures-h`;
/** Every shipment on the bill of lading: the whole queue (not only flagged ones) searched by B/L. */
export const billOfLadingLink = (code: string, r: Referral) =>
  `/units/${code}/queue?${queueSearchParams({ ...EMPTY_FILTERS, flaggedOnly: false, search: r.shipment.billOfLading, searchBy: "bl" }).toString()}`;

export const recipientName = (t: Translate, r: Referral) => r.recipient.name ?? r.recipient.unitCode ?? term(t, RECIPIENT_KIND, r.recipient.kind);
export const quantityText = (t: Translate, fmt: Formatters, r: Referral) => quantityOf(t, fmt, r.seizure.quantity, r.seizure.quantityUnit);

/** Whether the user may open the unit's shipment pages and queue (the records' links). */
export const canOpenShipments = (unit: UnitItem | null) => !!unit && (unit.yourRoles.includes("officer") || unit.yourRoles.includes("analyst"));

/**
 * What the referral's due date is for, from its state (core/referrals/referral-states.ts
 * dueAtFor): a drafted one is to be sent, a sent one acknowledged by the
 * recipient, one under way owes a status update; a closed or declined one owes
 * nothing (null). "Due 1 Oct" alone left a reader guessing what was late.
 */
export function dueStep(t: Translate, status: string): string | null {
  if (status === "drafted") return t("referral.dueStep.send");
  if (status === "sent") return t("referral.dueStep.acknowledge");
  if (status === "acknowledged" || status === "investigation_opened" || status === "controlled_delivery" || status === "prosecution") return t("referral.dueStep.update");
  return null;
}

/** The due date with what is due and whether it is overdue ("Status update by 1 Oct 2026, 06:00 · Overdue"), a dash when nothing is owed. */
export function DueText({ referral: r, t, fmt, onTime = false }: { referral: Pick<Referral, "status" | "dueAt" | "overdue">; t: Translate; fmt: Formatters; onTime?: boolean }) {
  const step = r.dueAt ? dueStep(t, r.status) : null;
  if (!r.dueAt) return <>{fmt.dateTime(null)}</>;
  return (
    <>
      {step ? t("referral.dueBy", { step, date: fmt.dateTime(r.dueAt) }) : fmt.dateTime(r.dueAt)}{" "}
      {r.overdue ? <strong className="tag overdue-tag">{t("referral.overdue")}</strong> : onTime ? t("referral.onTime") : null}
    </>
  );
}

/** `code`: the unit of the list, or of each row in a manager's list across units. */
export function referralColumns(t: Translate, fmt: Formatters, unitCode: string | ((r: Referral) => string), linkRecords: boolean): DataColumn<Referral>[] {
  const codeOf = (r: Referral) => (typeof unitCode === "string" ? unitCode : unitCode(r));
  return [
    {
      id: "recipient",
      header: t("referral.recipientName"),
      rowHeader: true,
      sortValue: (r) => recipientName(t, r),
      cell: (r) => <Link to={`/units/${codeOf(r)}/referrals/${r.id}`}>{recipientName(t, r)}</Link>,
    },
    {
      id: "container",
      header: t("col.container"),
      sortValue: (r) => r.shipment.containerNumber ?? r.shipment.billOfLading,
      cell: (r) => (linkRecords ? <Link to={shipmentLink(codeOf(r), r)}>{r.shipment.containerNumber ?? r.shipment.billOfLading}</Link> : (r.shipment.containerNumber ?? r.shipment.billOfLading)),
    },
    { id: "commodity", header: t("seizure.commodity"), sortValue: (r) => term(t, COMMODITY, r.commodity), cell: (r) => term(t, COMMODITY, r.commodity) },
    { id: "quantity", header: t("seizure.quantity"), numeric: true, descFirst: true, sortValue: (r) => r.seizure.quantity, cell: (r) => quantityText(t, fmt, r) },
    { id: "status", header: t("referral.status"), sortValue: (r) => term(t, REFERRAL_STATUS, r.status), cell: (r) => term(t, REFERRAL_STATUS, r.status) },
    {
      id: "due",
      header: t("referral.due"),
      sortValue: (r) => r.dueAt,
      cell: (r) => <DueText referral={r} t={t} fmt={fmt} />,
    },
  ];
}

/** The referral page's records: links to the container, its bill of lading and the seizure for those who may open them, else plain text. */
export function ConnectedRecords({ referral: r, code }: { referral: Referral; code: string }) {
  const { t, fmt, unit } = useApp();
  const links = canOpenShipments(unit);
  const container = r.shipment.containerNumber ?? t("referral.noContainer", { bl: r.shipment.billOfLading });
  const seizure = t("referral.seizureLink", { commodity: term(t, COMMODITY, r.seizure.commodity), quantity: quantityText(t, fmt, r), date: fmt.dateTime(r.seizure.seizedAt) });
  return (
    <section aria-labelledby="referral-records-h" data-testid="referral-records">
      <h2 id="referral-records-h">{t("referral.records")}</h2>
      <dl className="facts">
        <dt>{t("col.container")}</dt>
        <dd>{links ? <Link to={shipmentLink(code, r)}>{container}</Link> : container}</dd>
        <dt>{t("referral.billOfLading")}</dt>
        <dd>
          {links ? (
            <Link to={billOfLadingLink(code, r)} aria-label={t("referral.billOfLadingLink", { bl: r.shipment.billOfLading })}>
              {r.shipment.billOfLading}
            </Link>
          ) : (
            r.shipment.billOfLading
          )}
        </dd>
        <dt>{t("referral.seizure")}</dt>
        <dd>{links ? <Link to={seizureLink(code, r)}>{seizure}</Link> : seizure}</dd>
      </dl>
    </section>
  );
}

/**
 * A list of referrals as both lists show it (a unit's and a manager's across units): overdue rows marked, and an
 * empty list said as such, or as "none matches" when filtered.
 */
export function ReferralTable({ rows, columns, filtered, labelledBy, testId }: {
  rows: Referral[]; columns: DataColumn<Referral>[]; filtered: boolean; labelledBy: string; testId: string;
}) {
  const { t } = useApp();
  if (rows.length === 0) return <Empty>{filtered ? t("referral.noMatch") : t("referral.empty")}</Empty>;
  return (
    <DataTable
      rows={rows}
      columns={columns}
      rowKey={(r) => r.id}
      labelledBy={labelledBy}
      testId={testId}
      rowTestId="referral-row"
      rowClassName={(r) => (r.overdue ? "overdue" : undefined)}
      sortLabel={(column) => t("table.sortBy", { column })}
    />
  );
}
