// The queue's manifest filter: a search box over every voyage of the unit
// with containers in the queue (a port receives some 200 a year; a drop-down
// of the first page offered 50). What the officer types is read from the
// server (GET .../manifests?inQueue=true&q=): a vessel, a voyage number, a
// reference or an arrival date; the answer pages with its cursor. The chosen
// voyage stays named in the box whatever page of options is shown, from the
// option picked or, for a link or Back, from the manifest's own read (the
// same cached GET the queue's notices make).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useApp } from "../context.js";
import { manifestSearchQuery, voyageLabel, type VoyageNaming } from "../manifest-search.js";
import { useApi, useApiPages } from "../server-state.js";

const PAGE = 20;
/** Typing pauses this long before the server is asked. */
const TYPING_MS = 250;

interface VoyageOption extends VoyageNaming {
  id: string;
}
interface VoyagePage {
  items: VoyageOption[];
  total: number | null;
  nextCursor: string | null;
}
interface ManifestRead {
  manifestRef: string;
  vessel: { name: string | null; voyage: string | null };
  flightNumber: string | null;
  arrivalDate: string;
}

function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function ManifestPicker({ code, label, value, onChange }: { code: string; label: string; value: string; onChange: (manifestId: string) => void }) {
  const { t, fmt, language } = useApp();
  const id = useId();
  // The locale dates are formatted in (App.tsx): a date is typed as it is read.
  const locale = navigator.languages.find((l) => l.split("-")[0] === language) ?? language;
  const [open, setOpen] = useState(false);
  /** What the officer is typing; null while the box names the chosen voyage. */
  const [typed, setTyped] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<{ id: string; label: string } | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const settled = useSettled(typed ?? "", TYPING_MS);
  const q = manifestSearchQuery(settled, locale);
  const base = `/v1/units/${code}/manifests?inQueue=true&limit=${PAGE}${q ? `&q=${encodeURIComponent(q)}` : ""}`;
  const pages = useApiPages<VoyagePage>(base, (cursor) => (cursor ? `${base}&cursor=${encodeURIComponent(cursor)}` : base), { enabled: open, keepPrevious: true });
  const options = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total ?? null;
  // The chosen voyage's name: from the option picked, else from its own read (a shared link, Back, a past voyage).
  const known = picked && picked.id === value ? picked.label : null;
  const read = useApi<ManifestRead>(value && !known ? `/v1/units/${code}/manifests/${value}` : null);
  const chosen = !value
    ? ""
    : (known ?? (read.data ? voyageLabel({ manifestRef: read.data.manifestRef, vesselName: read.data.vessel.name, voyage: read.data.vessel.voyage, flightNumber: read.data.flightNumber, arrivalDate: read.data.arrivalDate }, fmt) : ""));

  // The options shown stay while a new search is read: the status says they are not its answer yet.
  const searching = (typed ?? "") !== settled || (pages.isPlaceholderData && pages.isFetching);
  // Row 0 is "All manifests", then the voyages.
  const rows = options.length + 1;
  useEffect(() => setActive(0), [q]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-row="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [active]);

  const close = () => {
    setOpen(false);
    setTyped(null);
  };
  const choose = (row: number) => {
    const option = row === 0 ? null : options[row - 1];
    if (option) setPicked({ id: option.id, label: voyageLabel(option, fmt) });
    onChange(option?.id ?? "");
    close();
  };
  const move = (to: number) => {
    const next = Math.max(0, Math.min(rows - 1, to));
    // Arrowing past the last voyage read brings the next page.
    if (to >= rows - 1 && pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
    setActive(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open) setOpen(true);
      else move(active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(active - 1);
    } else if (event.key === "Enter" && open) {
      // Picks the voyage; the form's Apply (or Enter again) applies the filters. Not an option of the previous search's.
      event.preventDefault();
      if (!searching) choose(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  };

  const help = t("queue.voyages.help", { example: fmt.date("2026-03-14") });
  const status = pages.isPending
    ? t("app.loading")
    : searching
      ? t("queue.searching")
    : pages.error
      ? t("app.error", { message: pages.error.message })
      : options.length === 0
        ? q
          ? t("queue.voyages.none", { q: typed?.trim() ?? q })
          : t("queue.voyages.empty")
        : t(q ? "queue.voyages.matches" : "queue.voyages.count", { n: total ?? options.length });

  return (
    <div className="field voyage-picker">
      {/* A span as the other filters' labels are (their size and weight); the label element inside names the box. */}
      <span>
        <label htmlFor={`${id}-input`}>{label}</label>
      </span>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open ? `${id}-row-${active}` : undefined}
        aria-describedby={`${id}-help`}
        placeholder={t("queue.allManifests")}
        title={chosen || help}
        value={typed ?? chosen}
        onFocus={(e) => e.currentTarget.select()}
        onClick={() => setOpen(true)}
        onChange={(e) => {
          setTyped(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
        data-testid="voyage-picker"
      />
      <span id={`${id}-help`} className="visually-hidden">
        {help}
      </span>
      {open && (
        // Pressing inside the list keeps the focus in the box (no blur closing it before the click lands).
        <div className="voyage-popup" onMouseDown={(e) => e.preventDefault()}>
          <p role="status" className="voyage-status" data-testid="voyage-status">
            {status}
          </p>
          <ul role="listbox" id={`${id}-list`} aria-label={label} aria-busy={searching} ref={listRef}>
            {[null, ...options].map((option, row) => (
              <li
                key={option?.id ?? "all"}
                id={`${id}-row-${row}`}
                data-row={row}
                role="option"
                aria-selected={row === active}
                className={(option?.id ?? "") === value ? "current" : undefined}
                onClick={() => choose(row)}
                onMouseMove={() => setActive(row)}
                data-testid={option ? "voyage-option" : "voyage-all"}
              >
                {option ? voyageLabel(option, fmt) : t("queue.allManifests")}
              </li>
            ))}
          </ul>
          {pages.hasNextPage && (
            <button type="button" tabIndex={-1} disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
              {pages.isFetchingNextPage ? t("app.loading") : t("queue.voyages.more")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
