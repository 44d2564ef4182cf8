// Watchlists on the client: the API's shapes, the entries query string, the
// checks the forms make before sending (the API checks again and has the last
// word), and API field errors mapped back to the form's fields; managing a
// list: its new name, a pasted block of values checked line by line, and an
// entry's changed reason and end date.
export const WATCHLIST_KINDS = ["party", "address", "port", "hs", "text"] as const;
export type WatchlistKind = (typeof WATCHLIST_KINDS)[number];

/** A draft or active profile version that names the list in inList. */
export interface ListUse {
  profileCode: string;
  version: number;
  status: "draft" | "active";
}

export interface WatchlistItem {
  id: string;
  code: string;
  name: string;
  kind: WatchlistKind;
  createdAt: string;
  entries: number;
  expiredEntries: number;
  /** Fed by the system (SEIZURE-PARTIES): cannot be deleted. */
  system: boolean;
  usedBy: ListUse[];
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
  watchlist: { code: string; name: string; kind: WatchlistKind; system: boolean; usedBy: ListUse[] };
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

/** The entry filters in the list page's own URL (?search=…&expired=true); none means the plain list. */
export function entryFilterParams(filters: EntryFilters): URLSearchParams {
  const params = new URLSearchParams();
  const search = filters.search.trim();
  if (search) params.set("search", search.slice(0, 200));
  if (filters.includeExpired) params.set("expired", "true");
  return params;
}

/** The entry filters of a shared or restored URL. */
export function parseEntryFilters(params: URLSearchParams): EntryFilters {
  return { search: (params.get("search") ?? "").slice(0, 200), includeExpired: params.get("expired") === "true" };
}

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
  if (path === "code" || path === "name" || path === "kind" || path === "provenance") return path;
  if (path === "expiresAt") return "expiresOn";
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

/**
 * The day an end date must come after: today in UTC. An end day is sent as a
 * date, which the API reads as that day's start in UTC (entryEditForm shows it
 * back so); west of UTC in the evening the viewer's own day is still the one
 * before, and a "tomorrow" that passed the form's check was then refused by
 * the API as already past.
 */
export const endDayToday = (now: Date): string => now.toISOString().slice(0, 10);

/** The viewer's calendar day as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The name a list is renamed to: a catalogue key for what is wrong, or null. */
export function renameProblem(name: string): string | null {
  return name.trim() ? null : "form.required";
}

/** Values one paste may hold (the API's limit). */
export const MAX_PASTED_VALUES = 5_000;
export const MAX_VALUE_LENGTH = 500;

/** The non-blank lines of a paste, trimmed, numbered as an editor numbers them. */
export function pastedLines(text: string): { line: number; value: string }[] {
  return text
    .split(/\r\n|\n|\r/)
    .map((raw, index) => ({ line: index + 1, value: raw.trim() }))
    .filter((l) => l.value !== "");
}

/** A line that cannot go on the list: `message` is a catalogue key (checked here) or the API's text. */
export interface LineProblem {
  line: number;
  value: string;
  message: string;
}

export interface PasteCheck {
  values: number;
  /** Lines whose value fits the list's kind nowhere; nothing is sent while there are any. */
  problems: LineProblem[];
  /** Catalogue key of a problem with the paste as a whole, or null. */
  whole: "watchlist.pasteEmpty" | "watchlist.pasteTooMany" | null;
}

/** The paste checked as the API will check it, before anything is sent. */
export function checkPaste(kind: WatchlistKind, text: string): PasteCheck {
  const lines = pastedLines(text);
  const problems: LineProblem[] = [];
  for (const { line, value } of lines) {
    const problem = value.length > MAX_VALUE_LENGTH ? "watchlist.valueTooLong" : newEntryProblems(kind, { value, provenance: "", expiresOn: "" }, "").value;
    if (problem) problems.push({ line, value, message: problem });
  }
  const whole = lines.length === 0 ? "watchlist.pasteEmpty" : lines.length > MAX_PASTED_VALUES ? "watchlist.pasteTooMany" : null;
  return { values: lines.length, problems, whole };
}

/** The line errors of the API's refusal (`{ path: "line 4", message }`), by line. */
export function lineErrorsOf(errors: readonly { path: string; message: string; value?: unknown }[]): LineProblem[] {
  return errors.flatMap((e) => {
    const match = /^line (\d+)$/.exec(e.path);
    return match ? [{ line: Number(match[1]), value: typeof e.value === "string" ? e.value : "", message: e.message }] : [];
  });
}

export interface PasteOptions {
  provenance: string;
  /** YYYY-MM-DD or "". */
  expiresOn: string;
}

/** The query string of a paste: the reason and end day given for every value. */
export function pasteQuery(options: PasteOptions): string {
  const params = new URLSearchParams();
  if (options.provenance.trim()) params.set("provenance", options.provenance.trim());
  if (options.expiresOn) params.set("expiresAt", options.expiresOn);
  return params.toString();
}

/** An entry added by a seizure keeps that seizure as its reason. */
export const fromSeizure = (entry: Pick<WatchlistEntry, "provenance">) => /^seizure:[0-9a-f-]{36}$/i.test(entry.provenance ?? "");

export interface EntryEdit {
  provenance: string;
  /** YYYY-MM-DD or "" (never). */
  expiresOn: string;
}

/** The form for an entry: its end shown as the (UTC) day a date sent for it means. */
export function entryEditForm(entry: Pick<WatchlistEntry, "provenance" | "expiresAt">): EntryEdit {
  return { provenance: entry.provenance ?? "", expiresOn: entry.expiresAt ? entry.expiresAt.slice(0, 10) : "" };
}

export type EntryPatch = { provenance?: string | null; expiresAt?: string | null };

/**
 * What to send for an edited entry: only what changed (an end day left as it
 * was is not sent again, so an expired entry's reason can change alone), or
 * the problems, or null when nothing changed. `today` is the viewer's day.
 */
export function entryPatch(
  entry: Pick<WatchlistEntry, "provenance" | "expiresAt">,
  form: EntryEdit,
  today: string,
): { body: EntryPatch } | { problems: FieldProblems<keyof EntryEdit> } | null {
  const initial = entryEditForm(entry);
  const body: EntryPatch = {};
  const provenance = form.provenance.trim();
  if (!fromSeizure(entry) && provenance !== initial.provenance.trim()) body.provenance = provenance || null;
  if (form.expiresOn !== initial.expiresOn) {
    if (form.expiresOn && form.expiresOn <= today) return { problems: { expiresOn: "watchlist.futureDay" } };
    body.expiresAt = form.expiresOn || null;
  }
  return Object.keys(body).length === 0 ? null : { body };
}
