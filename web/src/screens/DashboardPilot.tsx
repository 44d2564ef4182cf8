// The pilot list: cocaine and heroin seizures of the past 12 months, with
// their referrals and what their follow-up lacks; narrowed to one drug or to
// one kind of gap (overdue referrals, not referred…).
import { useApp } from "../context.js";
import { COMMODITY, FOLLOW_UP_GAP, RECIPIENT_KIND, REFERRAL_STATUS, term } from "../terms.js";
import type { DashboardData } from "../dashboard-data.js";
import { PILOT_COMMODITIES, PILOT_FOLLOW_UPS, type CsvExport, type PilotCommodity, type PilotFollowUp } from "../dashboard-filters.js";
import { Empty } from "../ui.js";
import { BlockHead, Card, Choice } from "./DashboardParts.js";

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
        <div className="scroll">
          <table data-testid="pilot-list">
            <caption>{t("dashboard.totalSeizures", { n: data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pilot.unit")}</th>
                <th scope="col">{t("dashboard.commodity")}</th>
                <th scope="col">{t("dashboard.quantity")}</th>
                <th scope="col">{t("pilot.date")}</th>
                <th scope="col">{t("pilot.referrals")}</th>
                <th scope="col">{t("pilot.gaps")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.seizureId} className={item.gaps.includes("overdue_referrals") ? "overdue" : undefined}>
                  <td>{item.unit}</td>
                  <td>{term(t, COMMODITY, item.commodity)}</td>
                  <td className="num">
                    {fmt.number(item.quantity)} {item.quantityUnit}
                  </td>
                  <td>{fmt.dateTime(item.seizedAt)}</td>
                  <td>
                    {item.referrals.length === 0
                      ? t("app.none")
                      : item.referrals.map((r) => (
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
                  </td>
                  <td>{item.gaps.length === 0 ? t("pilot.noGap") : item.gaps.map((g) => term(t, FOLLOW_UP_GAP, g)).join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
