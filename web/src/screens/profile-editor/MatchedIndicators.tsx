// The indicators a dry-run matched on one container: points and the values
// that made each condition true, as the officer will see them.
import { useApp } from "../../context.js";
import { evidenceText, type MatchedIndicator } from "../../profile-dry-run.js";
import { Empty } from "../../ui.js";

export function MatchedIndicators({ indicators }: { indicators: MatchedIndicator[] }) {
  const { t, fmt } = useApp();
  if (indicators.length === 0) return <Empty>{t("dry.noneMatched")}</Empty>;
  return (
    <div className="scroll">
      <table data-testid="dry-run-indicators">
        <caption>{t("dry.matched")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pf.code")}</th>
            <th scope="col">{t("pf.label")}</th>
            <th scope="col">{t("pf.points")}</th>
            <th scope="col">{t("dry.evidence")}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((ind) => (
            <tr key={ind.code}>
              <td>
                <code>{ind.code}</code>
              </td>
              <td>{ind.label}</td>
              <td className="num">{fmt.number(ind.points)}</td>
              <td>
                <ul className="evidence">
                  {ind.evidence.map((e, i) => (
                    <li key={`${e.field}-${i}`}>
                      <code>{e.field}</code>: {evidenceText(e.value)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
