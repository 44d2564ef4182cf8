// Manager: seizures by commodity, the referral follow-up funnel and the pilot
// list, over the units of the manager's scope; CSV export of what is shown.
import { useState } from "react";
import { downloadCsv, get } from "../api.js";
import { useApp, useAsync } from "../context.js";
import { Empty, ErrorMessage, Field, Loading } from "../ui.js";

interface SeizureSummary {
  totalSeizures: number;
  rows: { key: string; seizures: number; sharePercent: number; quantities: Record<string, number> }[];
}
interface ReferralSummary {
  rows: { key: string; seizures: number; referred: number; referredInTime: number; acknowledged: number; investigationsOpened: number; controlledDeliveries: number; prosecutions: number; personsArrested: number; overdueReferrals: number }[];
}
interface ProfileSummary {
  rows: { unit: string; profile: string; version: number; assessed: number; selected: number; selectionRatePercent: number | null; inspectedSelected: number; hits: number; hitRatePercent: number | null }[];
}
interface Pilot {
  items: { seizureId: string; unit: string; commodity: string; quantity: number; quantityUnit: string; seizedAt: string; gaps: string[] }[];
}

export const SEIZURE_GROUPS = ["commodity", "unit", "country", "detection_method", "concealment", "month", "quarter", "year"] as const;
type SeizureGroup = (typeof SEIZURE_GROUPS)[number];

function period(from: string, to: string): string {
  const params = new URLSearchParams();
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  return params.toString();
}

export function Dashboard() {
  const { t, fmt, language } = useApp();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [groupBy, setGroupBy] = useState<SeizureGroup>("commodity");
  const q = period(from, to);
  const seizures = useAsync(() => get<SeizureSummary>(`/v1/summaries/seizures?groupBy=${groupBy}&${q}`), [q, groupBy]);
  const profiles = useAsync(() => get<ProfileSummary>(`/v1/summaries/profiles?by=version&${q}`), [q]);
  const keyLabel = (key: string) => {
    if (groupBy === "commodity") return t(`commodity.${key}`);
    if (groupBy === "detection_method") return t(`detection.${key}`);
    if (groupBy === "concealment") return t(`concealment.${key}`);
    if (groupBy === "country" && /^[A-Z]{2}$/.test(key)) {
      try {
        return `${new Intl.DisplayNames([language], { type: "region" }).of(key) ?? key} (${key})`;
      } catch {
        return key;
      }
    }
    return key;
  };
  const referrals = useAsync(() => get<ReferralSummary>(`/v1/summaries/referrals?groupBy=all&${q}`), [q]);
  const pilot = useAsync(() => get<Pilot>(`/v1/summaries/pilot`), []);
  const exportButton = (path: string, name: string) => (
    <button type="button" className="inline" onClick={() => void downloadCsv(path, name)}>
      {t("dashboard.exportCsv")}
    </button>
  );
  const funnel = referrals.data?.rows[0];
  const stages: [string, number | undefined][] = funnel
    ? [
        ["funnel.seizures", funnel.seizures],
        ["funnel.referred", funnel.referred],
        ["funnel.referredInTime", funnel.referredInTime],
        ["funnel.acknowledged", funnel.acknowledged],
        ["funnel.investigations", funnel.investigationsOpened],
        ["funnel.controlledDeliveries", funnel.controlledDeliveries],
        ["funnel.prosecutions", funnel.prosecutions],
        ["funnel.arrested", funnel.personsArrested],
        ["funnel.overdue", funnel.overdueReferrals],
      ]
    : [];
  const top = Math.max(1, funnel?.seizures ?? 1);

  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t("dashboard.title")}</h1>
      <fieldset className="filters">
        <legend>{t("dashboard.period")}</legend>
        <Field label={t("dashboard.from")}>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label={t("dashboard.to")}>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </fieldset>

      <section aria-labelledby="seizures-h" className="card">
        <h2 id="seizures-h">
          {t("dashboard.seizuresBy", { group: t(`group.${groupBy}`).toLowerCase() })} {exportButton(`/v1/summaries/seizures?groupBy=${groupBy}&format=csv&${q}`, `seizures-by-${groupBy.replace("_", "-")}.csv`)}
        </h2>
        <Field label={t("dashboard.groupBy")}>
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as SeizureGroup)}>
            {SEIZURE_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`group.${g}`)}
              </option>
            ))}
          </select>
        </Field>
        {seizures.loading && <Loading />}
        {seizures.error && <ErrorMessage error={seizures.error} retry={seizures.reload} />}
        {seizures.data && seizures.data.rows.length === 0 && <Empty>{t("dashboard.empty")}</Empty>}
        {seizures.data && seizures.data.rows.length > 0 && (
          <table data-testid="seizure-summary">
            <caption>{t("dashboard.totalSeizures", { n: fmt.number(seizures.data.totalSeizures, 0) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(`group.${groupBy}`)}</th>
                <th scope="col">{t("dashboard.count")}</th>
                <th scope="col">{t("dashboard.quantity")}</th>
                <th scope="col">{t("dashboard.share")}</th>
              </tr>
            </thead>
            <tbody>
              {seizures.data.rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{keyLabel(row.key)}</th>
                  <td className="num">{fmt.number(row.seizures, 0)}</td>
                  <td className="num">
                    {Object.entries(row.quantities)
                      .map(([measure, amount]) => `${fmt.number(amount, 3)} ${measure}`)
                      .join(" · ")}
                  </td>
                  <td className="num">{fmt.percent(row.sharePercent / 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="funnel-h" className="card">
        <h2 id="funnel-h">
          {t("dashboard.referrals")} {exportButton(`/v1/summaries/referrals?groupBy=all&format=csv&${q}`, "referral-follow-up.csv")}
        </h2>
        {referrals.loading && <Loading />}
        {referrals.error && <ErrorMessage error={referrals.error} retry={referrals.reload} />}
        {funnel && (
          <table className="funnel" data-testid="referral-funnel">
            <tbody>
              {stages.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{t(key)}</th>
                  <td className="num">{fmt.number(value, 0)}</td>
                  <td aria-hidden="true" className="bar-cell">
                    <span className="bar" style={{ width: `${Math.round(((value ?? 0) / top) * 100)}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="perf-h" className="card">
        <h2 id="perf-h">
          {t("dashboard.profiles")} {exportButton(`/v1/summaries/profiles?by=version&format=csv&${q}`, "profile-performance.csv")}
        </h2>
        {profiles.loading && <Loading />}
        {profiles.error && <ErrorMessage error={profiles.error} retry={profiles.reload} />}
        {profiles.data && profiles.data.rows.length === 0 && <Empty>{t("dashboard.noProfiles")}</Empty>}
        {profiles.data && profiles.data.rows.length > 0 && (
          <div className="scroll">
            <table data-testid="profile-performance">
              <thead>
                <tr>
                  <th scope="col">{t("pilot.unit")}</th>
                  <th scope="col">{t("profiles.code")}</th>
                  <th scope="col">{t("profiles.version")}</th>
                  <th scope="col">{t("perf.assessed")}</th>
                  <th scope="col">{t("profiles.selected")}</th>
                  <th scope="col">{t("editor.selectionRate")}</th>
                  <th scope="col">{t("perf.inspected")}</th>
                  <th scope="col">{t("perf.hits")}</th>
                  <th scope="col">{t("profiles.hitRate")}</th>
                </tr>
              </thead>
              <tbody>
                {profiles.data.rows.map((row) => (
                  <tr key={`${row.unit}/${row.profile}/${row.version}`}>
                    <td>{row.unit}</td>
                    <th scope="row">
                      <code>{row.profile}</code>
                    </th>
                    <td className="num">{row.version}</td>
                    <td className="num">{fmt.number(row.assessed, 0)}</td>
                    <td className="num">{fmt.number(row.selected, 0)}</td>
                    <td className="num">{fmt.percent(row.selectionRatePercent === null ? null : row.selectionRatePercent / 100)}</td>
                    <td className="num">{fmt.number(row.inspectedSelected, 0)}</td>
                    <td className="num">{fmt.number(row.hits, 0)}</td>
                    <td className="num">{fmt.percent(row.hitRatePercent === null ? null : row.hitRatePercent / 100)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="pilot-h" className="card">
        <h2 id="pilot-h">
          {t("dashboard.pilot")} {exportButton(`/v1/summaries/pilot?format=csv`, "pilot.csv")}
        </h2>
        {pilot.loading && <Loading />}
        {pilot.error && <ErrorMessage error={pilot.error} retry={pilot.reload} />}
        {pilot.data && pilot.data.items.length === 0 && <Empty>{t("dashboard.empty")}</Empty>}
        {pilot.data && pilot.data.items.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("pilot.unit")}</th>
                <th scope="col">{t("dashboard.commodity")}</th>
                <th scope="col">{t("dashboard.quantity")}</th>
                <th scope="col">{t("pilot.date")}</th>
                <th scope="col">{t("pilot.gaps")}</th>
              </tr>
            </thead>
            <tbody>
              {pilot.data.items.map((item) => (
                <tr key={item.seizureId}>
                  <td>{item.unit}</td>
                  <td>{t(`commodity.${item.commodity}`)}</td>
                  <td className="num">
                    {fmt.number(item.quantity)} {item.quantityUnit}
                  </td>
                  <td>{fmt.dateTime(item.seizedAt)}</td>
                  <td>{item.gaps.join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
