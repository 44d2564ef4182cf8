// The app's one data table, on TanStack Table (headless: sorting state and
// row models) and TanStack Virtual (long lists render only the rows in view).
// Sortable headers are buttons (Enter or Space sort, the header says
// `aria-sort`); the header stays in view while a long body scrolls. Sorting
// is in the browser over the rows given, or, with `manualSorting`, the
// caller's: it owns `sorting`, asks its server on `onSortingChange` and
// passes the rows already sorted (the officer queue's server-side sort).
// A row can open a detail (an inline edit form, say) in a full-width row
// under it: the caller owns which rows are open (`expandedRowIds`) and the
// control that opens one, a button in a cell with `aria-expanded` and
// `aria-controls` naming the detail's cell (`rowDetailId`).
import { createSortedRowModel, rowExpandingFeature, rowSortingFeature, tableFeatures, useTable, type ColumnDef, type ExpandedState, type Row, type RowData, type SortingState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Fragment, useMemo, useRef, useState, type ReactNode } from "react";
import { useOverflowing } from "../a11y.js";
import { compareValues, present, type ColumnSort, type DataColumn } from "./columns.js";

const features = tableFeatures({ rowSortingFeature, rowExpandingFeature, sortedRowModel: createSortedRowModel() });

/** Above this many rows the body is virtualised in a scrolling box. */
const VIRTUALISE_ABOVE = 200;
const ROW_ESTIMATE = 37;

export interface DataTableProps<T extends RowData> {
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowKey: (row: T) => string;
  /** The accessible name of a sort button, from the column's header ("Sort by Score"). */
  sortLabel: (header: string) => string;
  caption?: ReactNode;
  labelledBy?: string;
  className?: string;
  testId?: string;
  rowTestId?: string;
  rowClassName?: (row: T) => string | undefined;
  /** Data attributes of a row (`{ "data-status": "rejected" }`), for styles and tests that read its state. */
  rowData?: (row: T) => Record<`data-${string}`, string>;
  /** The sort at first (uncontrolled). */
  initialSorting?: readonly ColumnSort[];
  /** Controlled sort: the caller keeps it (with onSortingChange). */
  sorting?: readonly ColumnSort[];
  onSortingChange?: (sorting: ColumnSort[]) => void;
  /** The rows arrive sorted (by a server): the table only shows and reports the sort. */
  manualSorting?: boolean;
  /** Rows above which the body is virtualised (default 200). */
  virtualiseAbove?: number;
  /** What an open row shows in a full-width row under it. */
  renderRowDetail?: (row: T) => ReactNode;
  /** The keys (rowKey) of the rows whose detail is open. */
  expandedRowIds?: readonly string[];
  /** The id of an open row's detail cell, for its opening button's `aria-controls`. */
  rowDetailId?: (row: T) => string;
  /** Said above the table (with a shadow at its cut edge) while it is wider than its box: columns out of sight are not missed. */
  scrollCue?: string;
}

/** A column's header and cells share its class (a screen can size a column), numeric ones are right-aligned. */
const cellClass = (column: { numeric?: boolean; className?: string }): string | undefined => [column.numeric ? "num" : "", column.className ?? ""].join(" ").trim() || undefined;

function toColumnDefs<T extends RowData>(columns: readonly DataColumn<T>[]): ColumnDef<typeof features, T>[] {
  return columns.map((c) => ({
    id: c.id,
    header: c.header,
    accessorFn: (row: T) => (c.sortValue ? present(c.sortValue(row)) : undefined),
    enableSorting: c.sortValue !== undefined,
    sortDescFirst: c.descFirst ?? false,
    sortUndefined: "last" as const,
    sortFn: (a, b, id) => compareValues(a.getValue<string | number>(id), b.getValue<string | number>(id)),
  }));
}

export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { columns, rows } = props;
  const defs = useMemo(() => toColumnDefs(columns), [columns]);
  const data = rows as T[];
  const [ownSorting, setOwnSorting] = useState<SortingState>(() => [...(props.initialSorting ?? [])]);
  const controlled = props.sorting !== undefined;
  const sorting: SortingState = controlled ? [...props.sorting!] : ownSorting;
  const expanded: ExpandedState = useMemo(() => Object.fromEntries((props.expandedRowIds ?? []).map((id) => [id, true])), [props.expandedRowIds]);
  const detail = props.renderRowDetail;
  const table = useTable({
    features,
    columns: defs,
    data,
    getRowId: (row: T) => props.rowKey(row),
    state: { sorting, expanded },
    getRowCanExpand: () => detail !== undefined,
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      if (!controlled) setOwnSorting(next);
      props.onSortingChange?.(next.map((s) => ({ id: s.id, desc: s.desc })));
    },
    manualSorting: props.manualSorting ?? false,
    enableSortingRemoval: false,
    enableMultiSort: false,
  });
  const shown = table.getRowModel().rows;
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const virtual = shown.length > (props.virtualiseAbove ?? VIRTUALISE_ABOVE);
  const scrollRef = useRef<HTMLDivElement>(null);
  const overflowing = useOverflowing(scrollRef, Boolean(props.scrollCue));
  const virtualizer = useVirtualizer({
    count: virtual ? shown.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 12,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const visible = virtual ? items.map((item) => ({ row: shown[item.index]!, index: item.index })) : shown.map((row, index) => ({ row, index }));
  // With details, a virtual item is its own <tbody> (the row and its open detail), measured as one.
  const grouped = virtual && detail !== undefined;
  const openAt = detail ? shown.flatMap((row, index) => (row.getIsExpanded() ? [index] : [])) : [];
  /** The row's place for assistive technology: the header row is 1, and each open detail above it is a row too. */
  const rowIndex = (index: number) => index + 2 + openAt.filter((i) => i < index).length;
  const before = virtual && items.length > 0 ? items[0]!.start : 0;
  const after = virtual && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  const head = (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => {
            const column = byId.get(header.column.id)!;
            if (!header.column.getCanSort()) {
              return (
                <th key={header.id} scope="col" className={cellClass(column)}>
                  {column.header}
                </th>
              );
            }
            const sorted = header.column.getIsSorted();
            return (
              <th key={header.id} scope="col" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"} className={cellClass(column)}>
                <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()} aria-label={props.sortLabel(column.header)}>
                  {column.header}
                  <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}</span>
                </button>
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
  const span = columns.length;
  const cells = (row: Row<typeof features, T>) =>
    columns.map((column) =>
      column.rowHeader ? (
        <th key={column.id} scope="row" className={column.className}>
          {column.cell(row.original)}
        </th>
      ) : (
        <td key={column.id} className={cellClass(column)}>
          {column.cell(row.original)}
        </td>
      ),
    );
  const measured = (index: number) => ({ "data-index": index, ref: virtualizer.measureElement });
  const rowOf = (row: Row<typeof features, T>, index: number) => (
    <tr
      key={row.id}
      data-testid={props.rowTestId}
      className={props.rowClassName?.(row.original)}
      {...props.rowData?.(row.original)}
      {...(virtual ? { "aria-rowindex": rowIndex(index) } : {})}
      {...(virtual && !grouped ? measured(index) : {})}
    >
      {cells(row)}
    </tr>
  );
  const detailOf = (row: Row<typeof features, T>, index: number) =>
    detail && row.getIsExpanded() ? (
      <tr key={`${row.id}-detail`} className="data-table-detail" {...(virtual ? { "aria-rowindex": rowIndex(index) + 1 } : {})}>
        <td colSpan={span} id={props.rowDetailId?.(row.original)}>
          {detail(row.original)}
        </td>
      </tr>
    ) : null;
  const body = grouped ? (
    <>
      {before > 0 && (
        <tbody>
          <Spacer height={before} span={span} />
        </tbody>
      )}
      {visible.map(({ row, index }) => (
        <tbody key={row.id} {...measured(index)}>
          {rowOf(row, index)}
          {detailOf(row, index)}
        </tbody>
      ))}
      {after > 0 && (
        <tbody>
          <Spacer height={after} span={span} />
        </tbody>
      )}
    </>
  ) : (
    <tbody>
      {before > 0 && <Spacer height={before} span={span} />}
      {visible.map(({ row, index }) => (
        <Fragment key={row.id}>
          {rowOf(row, index)}
          {detailOf(row, index)}
        </Fragment>
      ))}
      {after > 0 && <Spacer height={after} span={span} />}
    </tbody>
  );
  const tableElement = (
    <table
      className={["data-table", props.className ?? ""].join(" ").trim()}
      data-testid={props.testId}
      aria-labelledby={props.labelledBy}
      {...(virtual ? { "aria-rowcount": shown.length + 1 + openAt.length } : {})}
    >
      {props.caption && <caption>{props.caption}</caption>}
      {head}
      {body}
    </table>
  );
  const box = (
    <div ref={scrollRef} className={[virtual ? "scroll data-table-scroll virtual" : "scroll data-table-scroll", overflowing ? "overflowing" : ""].join(" ").trim()}>
      {tableElement}
    </div>
  );
  // The box keeps its place in the tree whether the cue shows or not: remounting it would lose what is being measured.
  return (
    <>
      {props.scrollCue && overflowing && (
        <p className="scroll-cue meta" data-testid="scroll-cue">
          {props.scrollCue}
        </p>
      )}
      {box}
    </>
  );
}


/** The height of the rows out of view, above or below the rendered ones. */
function Spacer({ height, span }: { height: number; span: number }) {
  return (
    <tr aria-hidden="true" className="data-table-spacer">
      <td colSpan={span} ref={(cell) => void (cell && (cell.style.height = `${height}px`))} />
    </tr>
  );
}
