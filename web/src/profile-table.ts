// A table indicator's `table` (profiling/dsl/LANGUAGE.md: key fields, entries
// key → points, default) as form rows and back. Learned profiles hold tables
// of thousands of entries, so: the form of an untouched table is built once
// per document object (cached), an untouched table is written back as the
// very same object, and an edited one keeps every untouched entry's value
// and place, so the JSON view changes only on the lines the analyst changed.
// Sorting and filtering are views: they never reorder the document.
import { formatPath } from "../../profiling/dsl/error-paths.js";
import { parseDecimal } from "./profile-conditions.js";

export interface TableRow {
  /** Identifies the row while it is edited (not written to the document). */
  id: string;
  /** The entry's key as written: one value per key field, joined by `|`. */
  key: string;
  points: string;
  /** The entry as it is in the document (absent for a row added in the form). */
  orig?: { key: string; value: unknown };
}

export interface TableForm {
  /** The `table` value as it is in the document. */
  source: unknown;
  keyFields: readonly string[];
  /** Points for present values not in the table; empty: no default. */
  defaultPoints: string;
  rows: readonly TableRow[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** What an input shows for a value of the document. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** A number field as typed: a number when it reads as one, else the text, for the validator to name. */
export const numberOrText = (typed: string): unknown => parseDecimal(typed) ?? typed.trim();

let rowIds = 0;
/** A fresh row id (ids are unique across tables, so they can name DOM elements). */
export const nextRowId = (): string => `r${(rowIds += 1).toString(36)}`;

const cache = new WeakMap<object, TableForm>();
/** The entries of a table form whose rows are not built yet (nothing has read them). */
const unbuilt = new WeakMap<TableForm, Json>();
const counts = new WeakMap<object, number>();

function rowsOf(entries: Json): TableRow[] {
  const rows: TableRow[] = [];
  for (const key of Object.keys(entries)) {
    const value = entries[key];
    rows.push({ id: nextRowId(), key, points: text(value), orig: { key, value } });
  }
  return rows;
}

/**
 * The form of a `table` value; the same object for the same table, so "untouched" is an identity check.
 * Its rows are built when first read (the table shown, edited or sent whole), not when the document is
 * opened: a learned profile's tables hold thousands of entries that the editor need not touch until then.
 */
export function tableToForm(source: unknown): TableForm {
  if (typeof source === "object" && source !== null) {
    const cached = cache.get(source);
    if (cached) return cached;
  }
  const table = isObject(source) ? source : {};
  const keyFields = Array.isArray(table.key) ? table.key.map(text) : table.key === undefined ? [] : [text(table.key)];
  const entries = isObject(table.entries) ? table.entries : {};
  const fields: Omit<TableForm, "rows"> = { source, keyFields, defaultPoints: text(table.default) };
  const form = fields as TableForm;
  Object.defineProperty(form, "rows", {
    enumerable: true,
    configurable: true,
    get() {
      const rows = rowsOf(entries);
      Object.defineProperty(form, "rows", { value: rows, enumerable: true, writable: false, configurable: false });
      unbuilt.delete(form);
      return rows;
    },
  });
  unbuilt.set(form, entries);
  if (typeof source === "object" && source !== null) cache.set(source, form);
  return form;
}

/** How many entries a table form has, without building rows not built yet (counted once per document table). */
export function entryCount(table: TableForm): number {
  const entries = unbuilt.get(table);
  if (entries === undefined) return table.rows.length;
  let count = counts.get(entries);
  if (count === undefined) {
    count = Object.keys(entries).length;
    counts.set(entries, count);
  }
  return count;
}

/** A new table: one key field to fill in, no entries. */
export const blankTable = (): Json => ({ key: [""], entries: {} });

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function setOwn(target: Json, key: string, value: unknown): void {
  // "__proto__" typed as a key stays an entry (the validator names it), not a prototype.
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function entriesFromRows(rows: readonly TableRow[], source: unknown): Json {
  const out: Json = {};
  for (const row of rows) {
    // Points not retyped keep the document's value exactly (also under a renamed key).
    setOwn(out, row.key, row.orig && row.points === text(row.orig.value) ? row.orig.value : numberOrText(row.points));
  }
  // The same entries in the same order: keep the document's object.
  if (isObject(source)) {
    const a = Object.keys(source);
    const b = Object.keys(out);
    if (a.length === b.length && a.every((k, i) => k === b[i] && Object.is(source[k], out[k]))) return source;
  }
  return out;
}

const written = new WeakMap<TableForm, unknown>();

/** The `table` value the form describes: the document's own object when nothing changed. */
export function tableFromForm(form: TableForm): unknown {
  // A form is never changed in place: the table it describes is worked out once (the rest of the
  // profile is written again on each keystroke, a learned table need not be).
  if (written.has(form)) return written.get(form);
  const table = writeTable(form);
  written.set(form, table);
  return table;
}

function writeTable(form: TableForm): unknown {
  const before = tableToForm(form.source);
  if (form === before) return form.source;
  const untouched = sameList(form.keyFields, before.keyFields) && form.defaultPoints === before.defaultPoints;
  // Not an object in the document (the validator names it): kept until the analyst fills the table in.
  if (!isObject(form.source) && untouched && form.rows.length === 0) return form.source;
  const source = isObject(form.source) ? form.source : undefined;
  const out: Json = source ? { ...source } : {};
  let changed = source === undefined;
  if (source === undefined || !sameList(form.keyFields, before.keyFields)) {
    changed = true;
    out.key = form.keyFields.map((k) => k.trim());
  }
  if (source === undefined || form.rows !== before.rows) {
    const entries = entriesFromRows(form.rows, source?.entries);
    if (source === undefined || entries !== source.entries) {
      changed = true;
      out.entries = entries;
    }
  }
  if (form.defaultPoints !== before.defaultPoints) {
    changed = true;
    if (form.defaultPoints.trim() === "") delete out.default;
    else out.default = numberOrText(form.defaultPoints);
  } else if (source === undefined && form.defaultPoints.trim() !== "") {
    out.default = numberOrText(form.defaultPoints);
  }
  return changed ? out : form.source;
}

// --- edits (each returns a new form; rows are never changed in place) ---

/** A row at the end (the document lists a new entry last). */
export function addRow(table: TableForm, id: string = nextRowId(), key = "", points = ""): TableForm {
  return { ...table, rows: [...table.rows, { id, key, points }] };
}

export function updateRow(table: TableForm, id: string, patch: Partial<Pick<TableRow, "key" | "points">>): TableForm {
  const index = table.rows.findIndex((r) => r.id === id);
  const row = table.rows[index];
  if (!row || ((patch.key === undefined || patch.key === row.key) && (patch.points === undefined || patch.points === row.points))) return table;
  const rows = [...table.rows];
  rows[index] = { ...row, ...patch };
  return { ...table, rows };
}

export function removeRow(table: TableForm, id: string): TableForm {
  const rows = table.rows.filter((r) => r.id !== id);
  return rows.length === table.rows.length ? table : { ...table, rows };
}

export const setKeyField = (table: TableForm, index: number, value: string): TableForm => ({ ...table, keyFields: table.keyFields.map((k, i) => (i === index ? value : k)) });
export const addKeyField = (table: TableForm): TableForm => (table.keyFields.length >= 3 ? table : { ...table, keyFields: [...table.keyFields, ""] });
export const removeKeyField = (table: TableForm, index: number): TableForm => ({ ...table, keyFields: table.keyFields.filter((_, i) => i !== index) });
export const setDefault = (table: TableForm, value: string): TableForm => ({ ...table, defaultPoints: value });

// --- pasted rows ---

export interface PastedRows {
  rows: { key: string; points: string }[];
  /** Lines that could not be read (1-based line numbers of the pasted text). */
  rejected: number[];
  /** The first line was a header (its points column is not a number) and was skipped. */
  header: boolean;
}

/** One line split on its separator; double quotes around a cell are removed ("" is a quote). */
function cells(line: string, separator: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (c === separator) {
      out.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

/**
 * Rows copied from a spreadsheet or a CSV file: one entry per line, cells
 * separated by tabs (a spreadsheet's copy), else by semicolons, else by
 * commas. The last cell is the points; the cells before it are the key, one
 * per key field (joined with `|`), or a single cell already joined with `|`.
 */
export function parsePastedRows(pasted: string, keyFieldCount: number): PastedRows {
  const lines = pasted.split(/\r\n|\n|\r/);
  const result: PastedRows = { rows: [], rejected: [], header: false };
  let first = true;
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const separator = line.includes("\t") ? "\t" : line.includes(";") ? ";" : ",";
    const parts = cells(line, separator);
    const points = parts[parts.length - 1] ?? "";
    const keyParts = parts.slice(0, -1);
    const isNumber = parseDecimal(points) !== undefined;
    if (first && !isNumber) {
      first = false;
      result.header = true;
      return;
    }
    first = false;
    const fits = keyParts.length === 1 || keyParts.length === Math.max(1, keyFieldCount);
    if (!isNumber || !fits || keyParts.some((k) => k === "")) {
      result.rejected.push(i + 1);
      return;
    }
    result.rows.push({ key: keyParts.join("|"), points });
  });
  return result;
}

/** Pasted rows into the table: a key already in the table gets the pasted points, others are added at the end. */
export function mergeRows(table: TableForm, pasted: readonly { key: string; points: string }[]): { table: TableForm; added: number; updated: number } {
  const at = new Map<string, number>();
  table.rows.forEach((r, i) => at.set(r.key, i));
  const rows = [...table.rows];
  let added = 0;
  let updated = 0;
  for (const p of pasted) {
    const i = at.get(p.key);
    if (i === undefined) {
      at.set(p.key, rows.length);
      rows.push({ id: nextRowId(), key: p.key, points: p.points });
      added++;
    } else if (rows[i]!.points !== p.points) {
      rows[i] = { ...rows[i]!, points: p.points };
      updated++;
    }
  }
  return { table: added + updated === 0 ? table : { ...table, rows }, added, updated };
}

// --- the view: order, filter, pages ---

export const TABLE_ORDERS = ["document", "keyAsc", "keyDesc", "pointsDesc", "pointsAsc"] as const;
export type TableOrder = (typeof TABLE_ORDERS)[number];

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/**
 * The places (in `rows`) of the rows to show, in the chosen order, keeping those whose key contains the filter
 * (any case); null for every row in the document's order, the usual case, which needs no list at all.
 */
export function viewIndices(rows: readonly TableRow[], order: TableOrder, filter: string): number[] | null {
  const needle = filter.trim().toLowerCase();
  if (needle === "" && order === "document") return null;
  const kept: number[] = [];
  rows.forEach((r, i) => {
    if (needle === "" || r.key.toLowerCase().includes(needle)) kept.push(i);
  });
  if (order === "keyAsc" || order === "keyDesc") {
    const sign = order === "keyAsc" ? 1 : -1;
    kept.sort((a, b) => sign * collator.compare(rows[a]!.key, rows[b]!.key));
  } else if (order === "pointsAsc" || order === "pointsDesc") {
    const sign = order === "pointsAsc" ? 1 : -1;
    // Points that are not numbers go last, whichever the direction.
    const values = new Float64Array(rows.length);
    for (const i of kept) values[i] = parseDecimal(rows[i]!.points) ?? Number.NaN;
    kept.sort((a, b) => {
      const x = values[a]!;
      const y = values[b]!;
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
      return sign * (x - y);
    });
  }
  return kept;
}

/** The ids of the rows to show, in the chosen order, keeping those whose key contains the filter (any case). */
export function viewOrder(rows: readonly TableRow[], order: TableOrder, filter: string): string[] {
  const kept = viewIndices(rows, order, filter);
  return kept === null ? rows.map((r) => r.id) : kept.map((i) => rows[i]!.id);
}

/** Keys written on more than one row: the document, an object, keeps only the last of them. */
export function duplicateKeys(rows: readonly TableRow[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.key)) twice.add(r.key);
    else seen.add(r.key);
  }
  return twice;
}

/** Pages of `size` rows (kept for callers that page a table rather than scroll it). */
export const PAGE_SIZE = 50;
export const pageCount = (total: number, size = PAGE_SIZE): number => Math.max(1, Math.ceil(total / size));

/** The path the validator names an entry by: `indicators[3].table.entries["0803|EC"]`. */
export const entryPath = (indicator: number, key: string): string => formatPath(["indicators", indicator, "table", "entries", key]);

const pathCache = new WeakMap<readonly TableRow[], { indicator: number; paths: string[] }>();

/** The paths of every entry of a table (cached per rows and place, for the thousands of a learned table). */
export function entryPaths(rows: readonly TableRow[], indicator: number): string[] {
  const cached = pathCache.get(rows);
  if (cached && cached.indicator === indicator) return cached.paths;
  const paths = rows.map((r) => entryPath(indicator, r.key));
  pathCache.set(rows, { indicator, paths });
  return paths;
}
