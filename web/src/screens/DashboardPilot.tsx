// The pilot list: cocaine and heroin seizures of the past 12 months, with
// their referrals and what their follow-up lacks; narrowed to one drug or to
// one kind of gap (overdue referrals, not referred…). Sorts by unit,
// commodity or date (quantities are in different measures: not compared).
import { useMemo } from "react";
import { useApp } from "../context.js";
import { COMMODITY, FOLLOW_UP_GAP, quantityText, RECIPIENT_KIND, REFERRAL_STATUS, term } from "../terms.js";
import type { DashboardData } from "../dashboard-data.js";
import { PILOT_COMMODITIES, PILOT_FOLLOW_UPS, type CsvExport, type PilotCommodity, type PilotFollowUp } from "../dashboard-filters.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import { Empty } from "../ui.js";
import { BlockHead, Card, Choice } from "./DashboardParts.js";

type PilotItem = DashboardData["pilot"]["items"][number];

export function PilotBlock(props: {
  data: DashboardData["pilot"];
  commodity: PilotCommodity | "";
  followUp: PilotFollowUp | "";
  onCommodity: (value: PilotCommodity | "") => void;
  onFollowUp: (value: PilotFollowUp | "") => void;
  csv: CsvExport;
}) {
  const { t, fmt } = useApp();
  const { data } = props;
  const columns = useMemo<DataColumn<PilotItem>[]>(
    () => [
      { id: "unit", header: t("pilot.unit"), sortValue: (item) => item.unit, cell: (item) => item.unit },
      { id: "commodity", header: t("dashboard.commodity"), sortValue: (item) => term(t, COMMODITY, item.commodity), cell: (item) => term(t, COMMODITY, item.commodity) },
      {
        id: "quantity",
        header: t("dashboard.quantity"),
        numeric: true,
        cell: (item) => (
          <>
            {quantityText(t, fmt, item.quantity, item.quantityUnit)}
          </>
        ),
      },
      { id: "date", header: t("pilot.date"), descFirst: true, sortValue: (item) => item.seizedAt, cell: (item) => fmt.dateTime(item.seizedAt) },
      { id: "referrals", header: t("pilot.referrals"), cell: (item) => <PilotReferrals item={item} /> },
      { id: "gaps", header: t("pilot.gaps"), cell: (item) => (item.gaps.length === 0 ? t("pilot.noGap") : item.gaps.map((g) => term(t, FOLLOW_UP_GAP, g)).join("; ")) },
    ],
    [t, fmt],
  );
  return (
    <Card labelledBy="pilot-h">
      <BlockHead id="pilot-h" title={t("dashboard.pilot")} csv={props.csv} />
      <p className="help">{t("pilot.since", { date: fmt.date(data.since) })}</p>
      <div className="filters inline-filters">
        <Choice<PilotCommodity | "">
          label={t("dashboard.commodity")}
          value={props.commodity}
          options={["", ...PILOT_COMMODITIES]}
          text={(c) => (c ? t(`commodity.${c}`) : t("pilot.bothDrugs"))}
          onChange={props.onCommodity}
        />
        <Choice<PilotFollowUp | "">
          label={t("pilot.followUp")}
          value={props.followUp}
          options={["", ...PILOT_FOLLOW_UPS]}
          text={(f) => t(f ? `pilot.followUp.${f}` : "pilot.followUp.any")}
          onChange={props.onFollowUp}
        />
      </div>
      {data.items.length === 0 ? (
        <Empty>{t("pilot.empty")}</Empty>
      ) : (
        <DataTable
          rows={data.items}
          columns={columns}
          rowKey={(item) => item.seizureId}
          rowClassName={(item) => (item.gaps.includes("overdue_referrals") ? "overdue" : undefined)}
          caption={t("dashboard.totalSeizures", { n: data.items.length })}
          testId="pilot-list"
          scrollCue={t("table.scrollCue")}
          sortLabel={(column) => t("table.sortBy", { column })}
        />
      )}
    </Card>
  );
}

/** A seizure's referrals: recipient and status, overdue ones tagged. */
function PilotReferrals({ item }: { item: PilotItem }) {
  const { t } = useApp();
  if (item.referrals.length === 0) return <>{t("app.none")}</>;
  return (
    <>
      {item.referrals.map((r) => (
        <div key={r.id}>
          {r.recipientName ?? term(t, RECIPIENT_KIND, r.recipientKind)}: {term(t, REFERRAL_STATUS, r.status)}
          {r.overdue && (
            <>
              {" "}
              <span className="tag overdue-tag">{t("referral.overdue")}</span>
            </>
          )}
        </div>
      ))}
    </>
  );
}
