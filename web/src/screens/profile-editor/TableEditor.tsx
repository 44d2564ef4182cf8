// A table indicator's table: its key fields, the points for other values, and
// its entries (key → points) as an editable table with add and remove,
// rows pasted from a spreadsheet, an order and a filter. Learned tables hold
// up to 100,000 entries: they scroll in a box of their own (the page keeps a
// normal height) and only the rows in view are rendered (TanStack Virtual);
// the up and down arrows move between entries. A row re-renders only when
// it changes, and a cell keeps what is typed to itself until a pause, Enter
// or leaving the cell, when it is written to the form once. Nothing here
// passes over every entry on an edit: keys written twice are found by the
// editor's worker (placed.duplicates), and the document order needs no list.
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { useApp } from "../../context.js";
import { indicatorPath, tableKeyPath, type PlacedErrors } from "../../profile-errors.js";
import {
  addKeyField,
  addRow,
  entryPath,
  mergeRows,
  nextRowId,
  parsePastedRows,
  removeKeyField,
  removeRow,
  setDefault,
  setKeyField,
  TABLE_ORDERS,
  updateRow,
  viewIndices,
  type TableForm,
  type TableOrder,
  type TableRow,
} from "../../profile-table.js";
import { FIELD_LIST_ID } from "./ConditionEditor.js";
import { FieldErrors, fieldProps, PField } from "./field-errors.js";
import { REVEAL_EVENT, revealedPath } from "./reveal.js";

/** How long a cell waits after the last keystroke before writing to the form. */
const COMMIT_DELAY = 400;
/** A row's height before it is measured (px). */
const ROW_ESTIMATE = 38;
const estimateSize = () => ROW_ESTIMATE;

export type TableChange = (change: (table: TableForm) => TableForm) => void;

interface Props {
  /** The indicator's place in the list (for the validator's paths). */
  index: number;
  /** The indicator's form key (for element ids). */
  indKey: string;
  /** The indicator's code, to name the table. */
  name: string;
  table: TableForm;
  placed: PlacedErrors;
  readOnly: boolean;
  onChange: TableChange;
}

/** What is typed in a cell, written to the form after a pause, on Enter and on leaving the cell. */
function useDraft(value: string, commit: (typed: string) => void) {
  const [draft, setDraft] = useState(value);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ draft: value, commit });
  latest.current.commit = commit;
  // A change from elsewhere (the JSON view, a paste) shows, unless the analyst is typing here.
  useEffect(() => {
    if (pending.current === null) {
      latest.current.draft = value;
      setDraft(value);
    }
  }, [value]);
  const flush = useCallback(() => {
    if (pending.current === null) return;
    clearTimeout(pending.current);
    pending.current = null;
    latest.current.commit(latest.current.draft);
  }, []);
  const change = (typed: string) => {
    latest.current.draft = typed;
    setDraft(typed);
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = setTimeout(flush, COMMIT_DELAY);
  };
  useEffect(() => flush, [flush]);
  return { draft, change, flush };
}

interface RowProps {
  row: TableRow;
  /** The entry's place in the document (1-based), which names it. */
  n: number;
  /** The validator's messages for this entry, one per line. */
  errors: string;
  duplicate: boolean;
  readOnly: boolean;
  idPrefix: string;
  onCommit: (id: string, patch: Partial<Pick<TableRow, "key" | "points">>) => void;
  onRemove: (id: string) => void;
  onPasteRows: (id: string, pasted: string) => boolean;
  /** The up and down arrows: the same cell of the entry shown before or after. */
  onMove: (id: string, cell: "key" | "points", delta: -1 | 1) => void;
  /** The row's place in the list as shown (0-based), for the virtual list and assistive technology. */
  position: number;
  measure: (element: HTMLTableRowElement | null) => void;
}

const EntryRow = memo(function EntryRow({ row, n, errors, duplicate, readOnly, idPrefix, onCommit, onRemove, onPasteRows, onMove, position, measure }: RowProps) {
  const { t } = useApp();
  const key = useDraft(row.key, (typed) => onCommit(row.id, { key: typed }));
  const points = useDraft(row.points, (typed) => onCommit(row.id, { points: typed }));
  const id = `${idPrefix}-${row.id}`;
  const messages = errors === "" ? [] : errors.split("\n");
  const invalid = messages.length > 0 || duplicate;
  const describedBy = invalid ? `${id}-err` : undefined;
  const keys = (cell: "key" | "points", flush: () => void) => (e: KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      flush();
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      onMove(row.id, cell, e.key === "ArrowDown" ? 1 : -1);
    }
  };
  const paste = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData("text/plain");
    if (/[\n\t]/.test(pasted.trim()) && onPasteRows(row.id, pasted)) e.preventDefault();
  };
  const name = row.key || t("pf.table.newEntry");
  return (
    <tr className={invalid ? "pe-entry-invalid" : undefined} data-testid="pe-entry" data-index={position} aria-rowindex={position + 2} ref={measure}>
      <td>
        <input
          id={`${id}-key`}
          aria-label={t("pf.table.keyOf", { n })}
          readOnly={readOnly}
          spellCheck={false}
          autoComplete="off"
          value={key.draft}
          onChange={(e) => key.change(e.target.value)}
          onBlur={() => {
            if (key.draft !== key.draft.trim()) key.change(key.draft.trim());
            key.flush();
          }}
          onKeyDown={keys("key", key.flush)}
          onPaste={readOnly ? undefined : paste}
          {...(invalid ? { "aria-invalid": true, "aria-describedby": describedBy } : {})}
        />
        {invalid && (
          <ul className="pe-field-errors error" id={`${id}-err`}>
            {duplicate && <li>{t("pf.table.duplicate")}</li>}
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </td>
      <td className="pe-entry-points">
        <input
          id={`${id}-points`}
          aria-label={t("pf.table.pointsOf", { n, key: name })}
          readOnly={readOnly}
          inputMode="decimal"
          value={points.draft}
          onChange={(e) => points.change(e.target.value)}
          onBlur={points.flush}
          onKeyDown={keys("points", points.flush)}
          {...(invalid ? { "aria-invalid": true, "aria-describedby": describedBy } : {})}
        />
      </td>
      {!readOnly && (
        <td>
          <button type="button" className="inline pe-danger" onClick={() => onRemove(row.id)} aria-label={t("pf.table.removeEntry", { n, key: name })}>
            {t("pf.remove")}
          </button>
        </td>
      )}
    </tr>
  );
});

export function TableEditor({ index, indKey, name, table, placed, readOnly, onChange }: Props) {
  const { t, fmt } = useApp();
  const [order, setOrder] = useState<TableOrder>("document");
  const [filter, setFilter] = useState("");
  const [pasteText, setPasteText] = useState("");
  const [pasteResult, setPasteResult] = useState<string | null>(null);
  /** A row to bring into view and focus once rendered. */
  const [focus, setFocus] = useState<{ id: string; cell: "key" | "points" } | { id: "add"; cell: "add" } | null>(null);
  /** The row an arrow key sent the focus to, until it is there. */
  const moving = useRef<string | null>(null);
  const idPrefix = `pe-t-${indKey.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
  const rows = table.rows;
  const duplicates = placed.duplicates?.get(indKey);

  // The order is worked out again when the order or filter change, or rows come or go, not on
  // each edit: a row being typed in does not jump away under the cursor. An edit keeps every
  // row in its place, so the places stay right until rows come or go.
  const structure = `${rows.length}:${rows[0]?.id ?? ""}:${rows[rows.length - 1]?.id ?? ""}`;
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const ordered = useMemo(() => viewIndices(rowsRef.current, order, filter), [structure, order, filter]);
  const count = ordered === null ? rows.length : ordered.length;
  /** The place in `rows` of the row shown at `position`. */
  const at = useCallback((position: number) => (ordered === null ? position : ordered[position]!), [ordered]);

  // The latest props for the callbacks the rows keep (so a row re-renders only when it changes).
  const latest = useRef({ onChange, table, t, fmt, at, count });
  latest.current = { onChange, table, t, fmt, at, count };
  /** Where the row `id` is shown (-1: filtered out); a scan, only on a key press that moves or removes. */
  const positionOf = (id: string): number => {
    const { table: current, at: placeOf, count: shown } = latest.current;
    for (let i = 0; i < shown; i++) if (current.rows[placeOf(i)]!.id === id) return i;
    return -1;
  };

  const scrollRef = useRef<HTMLDivElement>(null);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // Stable functions: the virtualizer works out every row's place again when they change (100,000 of them).
  const getItemKey = useCallback((position: number) => rowsRef.current[at(position)]?.id ?? position, [at]);
  const virtualizer = useVirtualizer({ count, getScrollElement, estimateSize, overscan: 8, getItemKey });
  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0]!.start : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const span = readOnly ? 2 : 3;

  useEffect(() => {
    if (focus === null) {
      moving.current = null;
      return;
    }
    if (focus.cell === "add") {
      document.getElementById(`${idPrefix}-add`)?.focus();
      setFocus(null);
      return;
    }
    const position = positionOf(focus.id);
    if (position < 0) {
      if (filter !== "") setFilter("");
      else setFocus(null);
      return;
    }
    // Scrolled to, the row is rendered on a later frame: focus it then.
    virtualizer.scrollToIndex(position, { align: "auto" });
    let frames = 0;
    let handle = 0;
    const tryFocus = () => {
      const element = document.getElementById(`${idPrefix}-${focus.id}-${focus.cell}`);
      if (element) {
        element.focus();
        setFocus(null);
      } else if ((frames += 1) < 60) handle = requestAnimationFrame(tryFocus);
      else setFocus(null);
    };
    handle = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(handle);
    // positionOf and virtualizer read the latest table and list through refs.
  }, [focus, ordered, filter, idPrefix]);

  // "Go to the field" from the validation summary, for an entry of this table.
  useEffect(() => {
    const onReveal = (event: Event) => {
      const path = revealedPath(event);
      if (path === null || !path.startsWith(indicatorPath(index, "table.entries"))) return;
      const row = latest.current.table.rows.find((r) => entryPath(index, r.key) === path);
      if (!row) return;
      event.preventDefault();
      setFocus({ id: row.id, cell: "key" });
    };
    document.addEventListener(REVEAL_EVENT, onReveal);
    return () => document.removeEventListener(REVEAL_EVENT, onReveal);
  }, [index]);

  const onCommit = useCallback((id: string, patch: Partial<Pick<TableRow, "key" | "points">>) => latest.current.onChange((tbl) => updateRow(tbl, id, patch)), []);
  const idAt = (position: number): string | undefined => {
    const { table: current, at: placeOf, count: shown } = latest.current;
    return position >= 0 && position < shown ? current.rows[placeOf(position)]?.id : undefined;
  };
  const onRemove = useCallback((id: string) => {
    // The focus goes to the row shown after it (or before it, for the last one).
    const position = positionOf(id);
    const next = idAt(position + 1) ?? idAt(position - 1);
    latest.current.onChange((tbl) => removeRow(tbl, id));
    setFocus(next ? { id: next, cell: "key" } : { id: "add", cell: "add" });
  }, []);
  const onMove = useCallback((id: string, cell: "key" | "points", delta: -1 | 1) => {
    // From the row the focus is on its way to, when a key comes before it got there (a held arrow key).
    const next = idAt(positionOf(moving.current ?? id) + delta);
    if (next === undefined) return;
    // Rendered (the rows just out of view are): focused at once, and brought into view by the browser.
    const element = document.getElementById(`${idPrefix}-${next}-${cell}`);
    if (element) element.focus();
    else {
      moving.current = next;
      setFocus({ id: next, cell });
    }
  }, [idPrefix]);
  const importRows = useCallback((pasted: string, replacing?: string): boolean => {
    const { table: current, t, fmt } = latest.current;
    const parsed = parsePastedRows(pasted, current.keyFields.length);
    if (parsed.rows.length === 0 && parsed.rejected.length === 0) return false;
    // A blank row pasted into gives way to the pasted ones.
    const blank = replacing !== undefined && current.rows.some((r) => r.id === replacing && r.key === "" && r.points === "");
    const { added, updated } = mergeRows(blank ? removeRow(current, replacing) : current, parsed.rows);
    latest.current.onChange((tbl) => mergeRows(blank ? removeRow(tbl, replacing) : tbl, parsed.rows).table);
    const message = [t("pf.table.pasted", { added: fmt.number(added, 0), updated: fmt.number(updated, 0) })];
    if (parsed.rejected.length > 0) message.push(t("pf.table.pasteRejected", { lines: parsed.rejected.slice(0, 20).join(", ") + (parsed.rejected.length > 20 ? "…" : "") }));
    setPasteResult(message.join(" "));
    return true;
  }, []);
  const onPasteRows = useCallback((id: string, pasted: string) => importRows(pasted, id), [importRows]);

  const add = () => {
    const id = nextRowId();
    onChange((tbl) => addRow(tbl, id));
    setFilter("");
    setFocus({ id, cell: "key" });
  };

  const keyNames = table.keyFields.map((k) => k.trim() || "?").join(" | ");
  const captionId = `${idPrefix}-caption`;
  const filterId = `${idPrefix}-filter`;
  const orderId = `${idPrefix}-order`;
  const pasteId = `${idPrefix}-paste`;
  const entriesPath = indicatorPath(index, "table.entries");
  return (
    <div className="pe-table" data-testid="pe-table">
      <FieldErrors path={indicatorPath(index, "table")} placed={placed} />
      <div className="pe-row pe-key-fields" role="group" aria-label={t("pf.table.keyFields")}>
        {table.keyFields.map((field, k) => (
          <PField key={k} path={tableKeyPath(index, k)} label={t("pf.table.keyField", { n: k + 1 })} placed={placed} className="pe-key-field">
            <div className="pe-with-button">
              <input
                {...fieldProps(tableKeyPath(index, k), placed)}
                readOnly={readOnly}
                list={FIELD_LIST_ID}
                spellCheck={false}
                autoComplete="off"
                value={field}
                onChange={(e) => onChange((tbl) => setKeyField(tbl, k, e.target.value))}
              />
              {!readOnly && table.keyFields.length > 1 && (
                <button type="button" className="inline pe-danger" aria-label={t("pf.table.removeKeyField", { n: k + 1 })} onClick={() => onChange((tbl) => removeKeyField(tbl, k))}>
                  {t("pf.remove")}
                </button>
              )}
            </div>
          </PField>
        ))}
        <PField path={indicatorPath(index, "table.default")} label={t("pf.table.default")} placed={placed} className="pe-default">
          <input
            {...fieldProps(indicatorPath(index, "table.default"), placed)}
            readOnly={readOnly}
            inputMode="decimal"
            value={table.defaultPoints}
            onChange={(e) => onChange((tbl) => setDefault(tbl, e.target.value))}
          />
        </PField>
      </div>
      <FieldErrors path={indicatorPath(index, "table.key")} placed={placed} />
      <p className="help">{t("pf.table.keyHelp")}</p>
      {!readOnly && table.keyFields.length < 3 && (
        <button type="button" className="inline pe-add-key" onClick={() => onChange(addKeyField)}>
          {t("pf.table.addKeyField")}
        </button>
      )}

      <h5 id={captionId}>{t("pf.table.entries", { n: fmt.number(rows.length, 0), code: name })}</h5>
      <FieldErrors path={entriesPath} placed={placed} />
      {rows.length > 0 && (
        <div className="pe-inline-form pe-table-tools">
          <div className="field">
            <label htmlFor={filterId}>{t("pf.table.filter")}</label>
            <input
              id={filterId}
              type="search"
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value);
                virtualizer.scrollToOffset(0);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={orderId}>{t("pf.table.order")}</label>
            <select
              id={orderId}
              value={order}
              onChange={(e) => {
                setOrder(e.target.value as TableOrder);
                virtualizer.scrollToOffset(0);
              }}
            >
              {TABLE_ORDERS.map((o) => (
                <option key={o} value={o}>
                  {t(`pf.table.order.${o}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {rows.length === 0 ? (
        <p className="empty">{t("pf.table.empty")}</p>
      ) : count === 0 ? (
        <p className="empty">{t("pf.table.noMatch")}</p>
      ) : (
        <>
          <p className="help" id={`${idPrefix}-range`} data-testid="pe-table-range">
            {t(filter.trim() === "" ? "pf.table.range" : "pf.table.rangeFiltered", {
              from: fmt.number(Math.min(count, (virtualizer.range?.startIndex ?? 0) + 1), 0),
              to: fmt.number(Math.min(count, (virtualizer.range?.endIndex ?? Math.min(count, 10) - 1) + 1), 0),
              shown: fmt.number(count, 0),
              total: fmt.number(rows.length, 0),
            })}{" "}
            {t("pf.table.arrows")}
          </p>
          <div ref={scrollRef} className="scroll pe-entries-scroll" data-testid="pe-table-scroll">
            <table className="pe-entries" aria-labelledby={captionId} aria-describedby={`${idPrefix}-range`} aria-rowcount={count + 1}>
              <thead>
                <tr aria-rowindex={1}>
                  <th scope="col">{t("pf.table.key", { fields: keyNames })}</th>
                  <th scope="col">{t("pf.points")}</th>
                  {!readOnly && (
                    <th scope="col">
                      <span className="visually-hidden">{t("pf.table.actions")}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {before > 0 && <Spacer height={before} span={span} />}
                {items.map((item) => {
                  const place = at(item.index);
                  const row = rows[place];
                  if (!row) return null;
                  const messages = placed.at.get(entryPath(index, row.key));
                  return (
                    <EntryRow
                      key={row.id}
                      row={row}
                      n={place + 1}
                      errors={messages ? messages.join("\n") : ""}
                      duplicate={duplicates?.has(row.key) ?? false}
                      readOnly={readOnly}
                      idPrefix={idPrefix}
                      onCommit={onCommit}
                      onRemove={onRemove}
                      onPasteRows={onPasteRows}
                      onMove={onMove}
                      position={item.index}
                      measure={virtualizer.measureElement}
                    />
                  );
                })}
                {after > 0 && <Spacer height={after} span={span} />}
              </tbody>
            </table>
          </div>
        </>
      )}
      {!readOnly && (
        <>
          <button type="button" id={`${idPrefix}-add`} className="inline pe-add-entry" onClick={add}>
            {t("pf.table.addEntry")}
          </button>
          <details className="pe-paste">
            <summary>{t("pf.table.paste")}</summary>
            <div className="field">
              <label htmlFor={pasteId}>{t("pf.table.pasteLabel")}</label>
              <textarea id={pasteId} className="code" rows={4} spellCheck={false} value={pasteText} onChange={(e) => setPasteText(e.target.value)} aria-describedby={`${pasteId}-help`} />
              <small className="help" id={`${pasteId}-help`}>
                {t("pf.table.pasteHelp", { fields: keyNames })}
              </small>
            </div>
            <button
              type="button"
              className="inline"
              disabled={pasteText.trim() === ""}
              onClick={() => {
                if (importRows(pasteText)) setPasteText("");
              }}
            >
              {t("pf.table.pasteAdd")}
            </button>
          </details>
          <p role="status" className="help" data-testid="pe-paste-result">
            {pasteResult}
          </p>
        </>
      )}
    </div>
  );
}

/** The height of the rows out of view, above or below the rendered ones (set through the DOM: the page's CSP has no inline styles). */
function Spacer({ height, span }: { height: number; span: number }) {
  return (
    <tr aria-hidden="true" className="pe-entries-spacer">
      <td colSpan={span} ref={(cell) => void (cell && (cell.style.height = `${height}px`))} />
    </tr>
  );
}
