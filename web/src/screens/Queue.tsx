// Officer: the unit's triage board and queue. Filters and the sort live in the
// URL (a shared link or Back restores the view); the server sorts and filters
// the whole list, gives its total on the first page and a hint when a search
// finds nothing; rows are dense (one line each) and paged by cursor.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { useApp } from "../context.js";
import type { ColumnSort } from "../data-table/columns.js";
import { DataTable } from "../data-table/DataTable.js";
import { queueTotalText } from "../queue-total-text.js";
import { searchHintText, searchHintTone, type SearchHint } from "../search-hint.js";
import { DECISION_STATES, EMPTY_FILTERS, parseQueueSearch, queueReads, queueSearchParams, type QueueFilters } from "../query.js";
import { useApiPages } from "../server-state.js";
import { term } from "../terms.js";
import { LiveRegion } from "../a11y.js";
import { Empty, ErrorMessage, Field, Loading } from "../ui.js";
import { useUrlState } from "../url-state.js";
import { DECISION, queueColumns, SORT_OF_COLUMN, type QueueItem } from "./queue-columns.js";
import { ManifestPicker } from "./ManifestPicker.js";
import { ViewCounts, VoyageBoard } from "./QueueBoard.js";
import { isInHistoryHint, PastShipmentsHint } from "./PastShipmentsHint.js";
import { PastManifestNotice } from "./PastManifestNotice.js";
import { RescoringNotice, UnitRescoringNotice } from "./RescoringNotice.js";
import { SelectionTargets } from "./SelectionTargets.js";
import "./queue.css";

export type { QueueItem } from "./queue-columns.js";

interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  total: number | null;
  /** The total is a lower bound: a broad search matched more shipments than the server counts. */
  totalCapped?: boolean;
  hint: SearchHint | null;
}

export function Queue() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const [filters, setFilters] = useUrlState(parseQueueSearch, queueSearchParams);
  const [draft, setDraft] = useState<QueueFilters>(filters);
  useEffect(() => setDraft(filters), [filters]);
  const reads = queueReads(code, filters);
  // The rows shown stay while another sort is read: the header button pressed keeps focus (Enter again reverses it).
  const pages = useApiPages<QueuePage>(reads.rows, reads.rowsPage, { keepPrevious: true });
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const first = pages.data?.pages[0];
  // The rows shown are the previous search's (or sort's) while the new first page is read.
  const searching = pages.isPlaceholderData && pages.isFetching;
  const search = queueSearchParams(filters).toString();
  const columns = useMemo(() => queueColumns(t, (n) => fmt.number(n, 1), code, search), [t, fmt, code, search]);
  // The sort shown in the headers is the server's: score, highest first, unless the URL says otherwise.
  const sortKey = filters.sort ?? "score";
  const sortColumn = Object.keys(SORT_OF_COLUMN).find((id) => SORT_OF_COLUMN[id] === sortKey) ?? "score";
  const sorting: ColumnSort[] = [{ id: sortColumn, desc: (filters.direction ?? (sortKey === "score" ? "desc" : "asc")) === "desc" }];
  const onSort = (next: ColumnSort[]) => {
    const s = next[0];
    const key = s ? SORT_OF_COLUMN[s.id] : undefined;
    if (!s || !key) return;
    setFilters((f) => ({ ...f, sort: key === "score" ? undefined : key, direction: s.desc ? "desc" : "asc" }));
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    // The first screen at 1366×768 holds the title with the voyages beside it, the one-line filters, the view's
    // counts and histogram, and 15+ rows; the analysts' selection targets sit below the table (issue 16).
    <section aria-labelledby="queue-title" className="queue-screen">
      <div className="queue-head">
        <h1 id="queue-title">{t("queue.title", { unit: code })}</h1>
        <VoyageBoard path={reads.voyages} current={filters.manifestId} onPick={(manifestId) => setFilters((f) => ({ ...f, manifestId }))} />
      </div>
      <form className="filters compact-filters" onSubmit={apply} aria-label={t("queue.filters")}>
        {/* Every voyage with containers in the queue, searched on the server by what is typed: a past one (history) could only ever show "No containers match". */}
        <ManifestPicker code={code} label={t("queue.manifest")} value={draft.manifestId} onChange={(manifestId) => set("manifestId", manifestId)} />
        <Field label={t("queue.band")}>
          <select value={draft.band} onChange={(e) => set("band", e.target.value as QueueFilters["band"])}>
            <option value="">{t("queue.allBands")}</option>
            <option value="high">{t("band.high")}</option>
            <option value="medium">{t("band.medium")}</option>
            <option value="low">{t("band.low")}</option>
          </select>
        </Field>
        <Field label={t("queue.decision")}>
          <select value={draft.decision ?? ""} onChange={(e) => set("decision", (DECISION_STATES as readonly string[]).includes(e.target.value) ? (e.target.value as QueueFilters["decision"]) : undefined)}>
            <option value="">{t("queue.allDecisions")}</option>
            {DECISION_STATES.map((d) => (
              <option key={d} value={d}>
                {term(t, DECISION, d)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("queue.assignee")}>
          <select value={draft.assignee ?? ""} onChange={(e) => set("assignee", e.target.value || undefined)}>
            <option value="">{t("queue.anyAssignee")}</option>
            <option value="me">{t("queue.mine")}</option>
            <option value="none">{t("queue.unassigned")}</option>
          </select>
        </Field>
        <Field label={t("queue.arrivalFrom")}>
          <input type="date" value={draft.arrivalFrom} onChange={(e) => set("arrivalFrom", e.target.value)} />
        </Field>
        <Field label={t("queue.arrivalTo")}>
          <input type="date" value={draft.arrivalTo} onChange={(e) => set("arrivalTo", e.target.value)} />
        </Field>
        <Field label={t("queue.searchBy")}>
          <select value={draft.searchBy} onChange={(e) => set("searchBy", e.target.value as QueueFilters["searchBy"])}>
            <option value="container">{t("queue.searchBy.container")}</option>
            <option value="bl">{t("queue.searchBy.bl")}</option>
            <option value="party">{t("queue.searchBy.party")}</option>
          </select>
        </Field>
        <Field label={t("queue.search")}>
          <input type="search" value={draft.search} onChange={(e) => set("search", e.target.value)} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={draft.flaggedOnly} onChange={(e) => set("flaggedOnly", e.target.checked)} />
          {t("queue.flaggedOnly")}
        </label>
        <div className="actions">
          <button type="submit">{t("queue.apply")}</button>
          <button
            type="button"
            onClick={() => {
              setDraft(EMPTY_FILTERS);
              setFilters(EMPTY_FILTERS);
            }}
          >
            {t("queue.clear")}
          </button>
        </div>
      </form>
      {pages.error && <ErrorMessage error={pages.error} retry={() => void (pages.isFetchNextPageError ? pages.fetchNextPage() : pages.refetch())} />}
      {!pages.isFetching && !pages.error && rows.length === 0 && (
        <div data-testid="search-hint">
          <Empty>{t("queue.empty")}</Empty>
          {filters.manifestId && <PastManifestNotice code={code} manifestId={filters.manifestId} />}
          {first?.hint && isInHistoryHint(first.hint) && <PastShipmentsHint code={code} hint={first.hint} />}
          {first?.hint && !isInHistoryHint(first.hint) && (
            <LiveRegion role="status" as="p" className={searchHintTone(first.hint)} testId="search-hint-text">
              {searchHintText(t, first.hint)}
            </LiveRegion>
          )}
        </div>
      )}
      {filters.manifestId ? (
        <RescoringNotice key={filters.manifestId} code={code} manifestId={filters.manifestId} />
      ) : (
        <UnitRescoringNotice code={code} countsPath={reads.counts} />
      )}
      <div className="queue-summary">
        <ViewCounts path={reads.counts} rowsRead={!pages.isPending} />
        {rows.length > 0 && (
          <p className="count" aria-live="polite" data-testid="queue-total">
            {queueTotalText(t, first, rows.length)}
          </p>
        )}
        {/* Beside the count, not under the rows: a new search's first page takes seconds on a busy server, and the old rows must not pass for its answer meanwhile. */}
        {searching && (
          <p className="count searching" role="status" data-testid="queue-searching">
            {t("queue.searching")}
          </p>
        )}
      </div>
      {rows.length > 0 && (
        <div className={searching ? "queue-rows stale" : "queue-rows"} aria-busy={searching} data-testid="queue-rows">
          <DataTable
            className="queue dense"
            rows={rows}
            columns={columns}
            rowKey={(row) => row.id}
            rowTestId="queue-row"
            sortLabel={(column) => t("queue.sortBy", { column })}
            manualSorting
            sorting={sorting}
            onSortingChange={onSort}
            virtualiseAbove={100}
          />
        </div>
      )}
      {pages.isFetching && !searching && <Loading />}
      {pages.hasNextPage && !pages.isFetching && (
        <button type="button" onClick={() => void pages.fetchNextPage()}>
          {t("queue.loadMore")}
        </button>
      )}
      {unit!.yourRoles.includes("analyst") && <SelectionTargets code={code} />}
    </section>
  );
}
