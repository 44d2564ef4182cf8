// The indicators a dry-run matched on one container: points and the values
// that made each condition true, shown raw (true, 12.5) as the analyst wrote them in conditions.
import { useApp } from "../../context.js";
import { EvidenceList } from "../../evidence-list.js";
import { evidenceText, type MatchedIndicator } from "../../profile-dry-run.js";
import { ColumnHeads } from "../../table.js";
import { Empty } from "../../ui.js";

export function MatchedIndicators({ indicators }: { indicators: MatchedIndicator[] }) {
  const { t, fmt } = useApp();
  if (indicators.length === 0) return <Empty>{t("dry.noneMatched")}</Empty>;
  return (
    <div className="scroll">
      <table data-testid="dry-run-indicators">
        <caption>{t("dry.matched")}</caption>
        <ColumnHeads labels={[t("pf.code"), t("pf.label"), t("pf.points"), t("dry.evidence")]} />
        <tbody>
          {indicators.map((ind) => (
            <tr key={ind.code}>
              <td>
                <code>{ind.code}</code>
              </td>
              <td>{ind.label}</td>
              <td className="num">{fmt.number(ind.points)}</td>
              <td>
                <EvidenceList evidence={ind.evidence} text={evidenceText} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
