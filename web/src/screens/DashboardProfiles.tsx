// Profile performance in operation: per profile version (selection and hit
// rates), then per indicator: the shipments it fired on, how many were
// selected and inspected, the hits among the selected, and the seizures.
import { useApp } from "../context.js";
import type { DashboardData } from "../dashboard-data.js";
import type { CsvExport } from "../dashboard-filters.js";
import { Empty } from "../ui.js";
import { BlockHead, Card } from "./DashboardParts.js";

const ratio = (percent: number | null) => (percent === null ? null : percent / 100);

export function ProfileBlock({ data, csv }: { data: DashboardData["profiles"]; csv: CsvExport }) {
  const { t, fmt } = useApp();
  return (
    <Card labelledBy="perf-h">
      <BlockHead id="perf-h" title={t("dashboard.profiles")} csv={csv} />
      {data.rows.length === 0 ? (
        <Empty>{t("dashboard.noProfiles")}</Empty>
      ) : (
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
              {data.rows.map((row) => (
                <tr key={`${row.unit}/${row.profile}/${row.version}`}>
                  <td>{row.unit}</td>
                  <th scope="row">
                    <code>{row.profile}</code>
                  </th>
                  <td className="num">{row.version}</td>
                  <td className="num">{fmt.number(row.assessed, 0)}</td>
                  <td className="num">{fmt.number(row.selected, 0)}</td>
                  <td className="num">{fmt.percent(ratio(row.selectionRatePercent))}</td>
                  <td className="num">{fmt.number(row.inspectedSelected, 0)}</td>
                  <td className="num">{fmt.number(row.hits, 0)}</td>
                  <td className="num">{fmt.percent(ratio(row.hitRatePercent))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function IndicatorBlock({ data, csv }: { data: DashboardData["indicators"]; csv: CsvExport }) {
  const { t, fmt } = useApp();
  return (
    <Card labelledBy="ind-h">
      <BlockHead id="ind-h" title={t("perf.byIndicator")} csv={csv} />
      <p className="help">{t("perf.byIndicatorHelp")}</p>
      {data.rows.length === 0 ? (
        <Empty>{t("dashboard.noProfiles")}</Empty>
      ) : (
        <div className="scroll">
          <table data-testid="indicator-performance">
            <thead>
              <tr>
                <th scope="col">{t("pilot.unit")}</th>
                <th scope="col">{t("profiles.code")}</th>
                <th scope="col">{t("backtest.indicator")}</th>
                <th scope="col">{t("perf.firedOn")}</th>
                <th scope="col">{t("profiles.selected")}</th>
                <th scope="col">{t("perf.inspectedAll")}</th>
                <th scope="col">{t("perf.hits")}</th>
                <th scope="col">{t("profiles.hitRate")}</th>
                <th scope="col">{t("perf.seizures")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={`${row.unit}/${row.profile}/${row.version}/${row.indicator}`}>
                  <td>{row.unit}</td>
                  <td>
                    <code>{row.profile}</code> v{row.version}
                  </td>
                  <th scope="row">
                    <code>{row.indicator}</code> {row.label}
                  </th>
                  <td className="num">{fmt.number(row.assessed, 0)}</td>
                  <td className="num">{fmt.number(row.selected, 0)}</td>
                  <td className="num">{fmt.number(row.inspected, 0)}</td>
                  <td className="num">{fmt.number(row.hits, 0)}</td>
                  <td className="num">{fmt.percent(ratio(row.hitRatePercent))}</td>
                  <td className="num">{fmt.number(row.seizures, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
