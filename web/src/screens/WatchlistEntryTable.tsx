// One watchlist's loaded entries on the shared DataTable: each entry with
// where it came from, when it was added and when it stops matching; its Edit
// button opens the edit form in the row's detail (under the row, across the
// table), its Remove button asks to confirm in the row. No column sorts: the
// list arrives a page at a time in the server's order, and sorting the loaded
// pages alone would mislead.
import { COMMODITY, term } from "../terms.js";
import { useApp } from "../context.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import { Link } from "../ui.js";
import { EditEntry } from "./WatchlistEntryForms.js";
import { isExpired, matchedAs, type WatchlistEntry } from "../watchlists.js";

export interface EntryTableProps {
  entries: readonly WatchlistEntry[];
  listCode: string;
  /** The entries' path (`…/watchlists/CODE/entries`). */
  path: string;
  /** The entry whose edit form is open, and the one whose removal waits for a confirmation. */
  editing: string | null;
  confirming: string | null;
  setEditing: (id: string | null) => void;
  setConfirming: (id: string | null) => void;
  remove: (entry: WatchlistEntry) => void;
  /** The edit form closed: with the saved entry, or null when cancelled (the focus goes back to its Edit button). */
  onEdited: (entry: WatchlistEntry, saved: WatchlistEntry | null) => void;
}

const detailId = (entry: WatchlistEntry) => `entry-edit-${entry.id}`;
export const editButtonId = (entryId: string) => `edit-${entryId}`;

export function EntryTable(props: EntryTableProps) {
  const { t, fmt } = useApp();
  const { editing, confirming, setEditing, setConfirming } = props;
  const now = new Date();
  const columns: DataColumn<WatchlistEntry>[] = [
    {
      id: "entry",
      header: t("watchlist.col.entry"),
      cell: (entry) => (
        <>
          {entry.display}
          {matchedAs(entry) && <div className="meta">{t("watchlist.matchedAs", { value: matchedAs(entry)! })}</div>}
        </>
      ),
    },
    {
      id: "source",
      header: t("watchlist.col.source"),
      cell: (entry) => (
        <>
          <Source entry={entry} />
          <div>
            <button
              type="button"
              className="inline"
              id={editButtonId(entry.id)}
              aria-label={t("watchlist.editLabel", { value: entry.display })}
              aria-expanded={editing === entry.id}
              aria-controls={editing === entry.id ? detailId(entry) : undefined}
              onClick={() => {
                setConfirming(null);
                setEditing(editing === entry.id ? null : entry.id);
              }}
            >
              {t("watchlist.edit")}
            </button>
          </div>
        </>
      ),
    },
    {
      id: "added",
      header: t("watchlist.col.added"),
      cell: (entry) => (
        <>
          {fmt.dateTime(entry.addedAt)}
          {entry.addedBy && <div className="meta">{entry.addedBy}</div>}
        </>
      ),
    },
    {
      id: "expires",
      header: t("watchlist.col.expires"),
      cell: (entry) => (
        <>
          {entry.expiresAt ? fmt.dateTime(entry.expiresAt) : t("watchlist.never")}
          {isExpired(entry, now) && <span className="tag">{t("watchlist.expiredTag")}</span>}
        </>
      ),
    },
    {
      id: "actions",
      header: t("watchlist.col.actions"),
      cell: (entry) =>
        confirming === entry.id ? (
          <div role="group" aria-labelledby={`confirm-${entry.id}`}>
            <p className="confirm" id={`confirm-${entry.id}`}>
              {t("watchlist.confirmRemove", { value: entry.display, code: props.listCode })}
            </p>
            <div className="actions">
              <button type="button" onClick={() => props.remove(entry)}>
                {t("watchlist.confirm")}
              </button>
              <button type="button" className="inline" autoFocus onClick={() => setConfirming(null)}>
                {t("watchlist.cancel")}
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="inline"
            aria-label={t("watchlist.removeLabel", { value: entry.display })}
            onClick={() => {
              setEditing(null);
              setConfirming(entry.id);
            }}
          >
            {t("watchlist.remove")}
          </button>
        ),
    },
  ];
  return (
    <DataTable
      rows={props.entries}
      columns={columns}
      rowKey={(entry) => entry.id}
      sortLabel={(column) => t("table.sortBy", { column })}
      caption={<span className="visually-hidden">{t("watchlist.caption", { code: props.listCode })}</span>}
      testId="watchlist-entries"
      rowTestId="watchlist-entry"
      expandedRowIds={editing ? [editing] : []}
      rowDetailId={detailId}
      renderRowDetail={(entry) => <EditEntry entry={entry} path={`${props.path}/${entry.id}`} onDone={(saved) => props.onEdited(entry, saved)} />}
    />
  );
}

function Source({ entry }: { entry: WatchlistEntry }) {
  const { t, fmt, unit } = useApp();
  const source = entry.source;
  if (source) {
    return (
      <>
        {t("watchlist.source.seizure", { commodity: source.commodity ? term(t, COMMODITY, source.commodity) : t("app.none"), date: fmt.date(source.seizedAt) })}
        {source.shipmentId && (
          <div>
            <Link to={`/units/${unit!.code}/shipments/${source.shipmentId}`}>{t("watchlist.source.container", { container: source.containerNumber ?? source.billOfLading ?? "" })}</Link>
          </div>
        )}
      </>
    );
  }
  if (entry.provenance?.startsWith("seizure:")) return <>{t("watchlist.source.seizureHidden")}</>;
  return <>{entry.provenance ?? t("watchlist.source.none")}</>;
}
