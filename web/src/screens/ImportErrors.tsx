// The rejected rows of a history import: the file's line, the record's own
// reference and every reason, sortable by line or reference (a long list
// scrolls in its own box, virtualised).
import { useMemo } from "react";
import { useApp } from "../context.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";

export interface ImportError {
  line: number;
  externalRef?: string | null;
  reasons: string[];
}

export function ImportErrors({ errors, rejected }: { errors: ImportError[]; rejected: number }) {
  const { t, fmt } = useApp();
  const columns = useMemo<DataColumn<ImportError>[]>(
    () => [
      { id: "line", header: t("analysis.line"), numeric: true, sortValue: (row) => row.line, cell: (row) => fmt.number(row.line, 0) },
      { id: "record", header: t("analysis.record"), sortValue: (row) => row.externalRef, cell: (row) => row.externalRef ?? "—" },
      {
        id: "reasons",
        header: t("analysis.reasons"),
        cell: (row) => (
          <ul className="reasons">
            {row.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        ),
      },
    ],
    [t, fmt],
  );
  return (
    <DataTable
      rows={errors}
      columns={columns}
      rowKey={(row) => String(row.line)}
      caption={t("analysis.rejectedRows", { shown: fmt.number(errors.length, 0), total: fmt.number(rejected, 0) })}
      testId="import-errors"
      sortLabel={(column) => t("table.sortBy", { column })}
    />
  );
}
