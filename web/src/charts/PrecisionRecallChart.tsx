// Precision and recall of a back-test by share inspected: grouped bars on a
// 0–100 % axis, described in words, with a table of the same figures.
import { useApp } from "../context.js";
import { CategoryBarChart } from "./CategoryBarChart.js";
import { sharesOf } from "./contribution.js";

/** `caption`: what the shares are of (the build's evaluation period by default; a back-test's records). */
export function PrecisionRecallChart({ precision, recall, testId = "pr-chart", caption }: { precision: Record<string, number | null>; recall: Record<string, number | null>; testId?: string; caption?: string }) {
  const { t, fmt } = useApp();
  const shares = sharesOf(precision);
  if (shares.length === 0) return null;
  // "1 %" in Spanish, as every other percentage on the page.
  const categories = shares.map((s) => fmt.percent(s.percent / 100));
  const values = shares.map((s) => [precision[s.key] ?? null, recall[s.key] ?? null]);
  const series = [{ label: t("editor.precision") }, { label: t("editor.recall") }];
  const desc = categories.map((share, i) => t("analysis.chartDesc", { share, precision: fmt.percent(values[i]![0]), recall: fmt.percent(values[i]![1]) })).join(" ");
  const table = (
    <table className="compact">
      <thead>
        <tr>
          <th scope="col">{t("analysis.share")}</th>
          <th scope="col" className="num">{series[0]!.label}</th>
          <th scope="col" className="num">{series[1]!.label}</th>
        </tr>
      </thead>
      <tbody>
        {categories.map((share, i) => (
          <tr key={share}>
            <th scope="row">{share}</th>
            <td className="num">{fmt.percent(values[i]![0])}</td>
            <td className="num">{fmt.percent(values[i]![1])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <CategoryBarChart
      testId={testId}
      title={t("analysis.chartTitle")}
      desc={desc}
      categories={categories}
      series={series}
      values={values}
      domainMax={1}
      format={(v) => fmt.percent(v)}
      caption={caption ?? t("analysis.chartCaption")}
      table={table}
    />
  );
}
