// Watchlists on the client: the API's shapes, the entries query string, the
// checks the forms make before sending (the API checks again and has the last
// word), and API field errors mapped back to the form's fields.
export const WATCHLIST_KINDS = ["party", "address", "port", "hs", "text"] as const;
export type WatchlistKind = (typeof WATCHLIST_KINDS)[number];

export interface WatchlistItem {
  id: string;
  code: string;
  name: string;
  kind: WatchlistKind;
  createdAt: string;
  entries: number;
  expiredEntries: number;
}

export interface SeizureSource {
  kind: "seizure";
  seizureId: string;
  shipmentId: string | null;
  commodity: string | null;
  seizedAt: string | null;
  containerNumber: string | null;
  billOfLading: string | null;
}

export interface WatchlistEntry {
  id: string;
  value: string;
  display: string;
  provenance: string | null;
  addedBy: string | null;
  addedAt: string;
  expiresAt: string | null;
  source: SeizureSource | null;
}

export interface EntriesPage {
  watchlist: { code: string; name: string; kind: WatchlistKind };
  total: number;
  items: WatchlistEntry[];
  nextCursor: string | null;
}

export interface EntryFilters {
  search: string;
  includeExpired: boolean;
}

export const NO_FILTERS: EntryFilters = { search: "", includeExpired: false };
export const PAGE_SIZE = 50;

export function entriesQuery(filters: EntryFilters, cursor: string | null = null, limit = PAGE_SIZE): string {
  const params = new URLSearchParams();
  const search = filters.search.trim();
  if (search) params.set("search", search.slice(0, 200));
  if (filters.includeExpired) params.set("includeExpired", "true");
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

/** Problems the forms name next to a field; messages are catalogue keys. */
export type FieldProblems<F extends string> = Partial<Record<F, string>>;

export interface NewWatchlist {
  code: string;
  name: string;
  kind: WatchlistKind | "";
}
type ListField = keyof NewWatchlist;

export const listCode = (text: string) => text.trim().toUpperCase();

export function newListProblems(form: NewWatchlist): FieldProblems<ListField> {
  const problems: FieldProblems<ListField> = {};
  const code = listCode(form.code);
  if (!code) problems.code = "form.required";
  else if (!/^[A-Z0-9][A-Z0-9_-]{1,63}$/.test(code)) problems.code = "watchlists.codeFormat";
  if (!form.name.trim()) problems.name = "form.required";
  if (!form.kind) problems.kind = "form.required";
  return problems;
}

export interface NewEntry {
  value: string;
  provenance: string;
  /** YYYY-MM-DD or "". */
  expiresOn: string;
}
type EntryField = keyof NewEntry;

/** `today` is the viewer's calendar day, YYYY-MM-DD. */
export function newEntryProblems(kind: WatchlistKind, form: NewEntry, today: string): FieldProblems<EntryField> {
  const problems: FieldProblems<EntryField> = {};
  const value = form.value.trim();
  if (!value) problems.value = "form.required";
  else if (kind === "port" && !/^[A-Za-z]{2}[A-Za-z2-9]{3}$/.test(value)) problems.value = "watchlist.portFormat";
  else if (kind === "hs" && !/^\d{2,10}$/.test(value.replace(/[\s.]/g, ""))) problems.value = "watchlist.hsFormat";
  if (form.expiresOn && form.expiresOn <= today) problems.expiresOn = "watchlist.futureDay";
  return problems;
}

export function newEntryBody(form: NewEntry): { entries: { value: string; provenance?: string; expiresAt?: string }[] } {
  const entry: { value: string; provenance?: string; expiresAt?: string } = { value: form.value.trim() };
  if (form.provenance.trim()) entry.provenance = form.provenance.trim();
  if (form.expiresOn) entry.expiresAt = form.expiresOn;
  return { entries: [entry] };
}

/** The form field an API error path is about (`entries[0].expiresAt` → `expiresOn`), or null. */
export function formFieldOf(path: string): "code" | "name" | "kind" | EntryField | null {
  if (path === "code" || path === "name" || path === "kind") return path;
  const match = /^entries\[\d+\]\.(value|provenance|expiresAt)$/.exec(path);
  if (!match) return null;
  return match[1] === "expiresAt" ? "expiresOn" : (match[1] as "value" | "provenance");
}

/** API field errors split into those a form field shows and the rest (shown above the form). */
export function splitFieldErrors<F extends string>(errors: readonly { path: string; message: string }[], fields: readonly F[]) {
  const byField: Partial<Record<F, string>> = {};
  const rest: { path: string; message: string }[] = [];
  for (const error of errors) {
    const field = formFieldOf(error.path);
    if (field !== null && (fields as readonly string[]).includes(field)) byField[field as F] ??= error.message;
    else rest.push(error);
  }
  return { byField, rest };
}

/**
 * The stored form worth showing next to the value as entered, or null: not
 * when they are the same, nor for a party identity key (`NM|BE|...`, put there
 * by a seizure), which means nothing to a reader.
 */
export function matchedAs(entry: Pick<WatchlistEntry, "value" | "display">): string | null {
  if (entry.value === entry.display || /^(ID|NM)\|/.test(entry.value)) return null;
  return entry.value;
}

/** An entry no longer matches once its expiry has passed. */
export const isExpired = (entry: Pick<WatchlistEntry, "expiresAt">, now: Date) =>
  entry.expiresAt !== null && new Date(entry.expiresAt).getTime() <= now.getTime();

/** The viewer's calendar day as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
