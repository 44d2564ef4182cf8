// The indicators a dry-run matched on one container: points and the values
// that made each condition true, shown raw (true, 12.5) as the analyst wrote them in conditions.
import { useMemo } from "react";
import { useApp } from "../../context.js";
import { DataTable } from "../../data-table/DataTable.js";
import type { DataColumn } from "../../data-table/columns.js";
import { EvidenceList } from "../../evidence-list.js";
import { evidenceText, type MatchedIndicator } from "../../profile-dry-run.js";
import { Empty } from "../../ui.js";

export function MatchedIndicators({ indicators }: { indicators: MatchedIndicator[] }) {
  const { t, fmt } = useApp();
  const columns = useMemo<DataColumn<MatchedIndicator>[]>(
    () => [
      { id: "code", header: t("pf.code"), sortValue: (i) => i.code, cell: (i) => <code>{i.code}</code> },
      { id: "label", header: t("pf.label"), sortValue: (i) => i.label, cell: (i) => i.label },
      { id: "points", header: t("pf.points"), numeric: true, descFirst: true, sortValue: (i) => i.points, cell: (i) => fmt.number(i.points) },
      { id: "evidence", header: t("dry.evidence"), cell: (i) => <EvidenceList evidence={i.evidence} text={evidenceText} /> },
    ],
    [t, fmt],
  );
  if (indicators.length === 0) return <Empty>{t("dry.noneMatched")}</Empty>;
  return (
    <DataTable
      rows={indicators}
      columns={columns}
      rowKey={(i) => i.code}
      caption={t("dry.matched")}
      testId="dry-run-indicators"
      sortLabel={(column) => t("table.sortBy", { column })}
    />
  );
}
