// The editor's form, sent to the worker that writes, compares and validates
// the document (profile-document.worker.ts), in a few kilobytes whatever the
// size of its tables. A learned table's 100,000 entries would take the main
// thread hundreds of milliseconds to copy into a message on each edit, so:
// - an object the worker already holds (an indicator of the document the form
//   was read from, its table) is sent as a reference to its copy there;
// - a table's rows are sent once, then as the rows that changed since: an
//   edit replaces only the rows it changes, and rows only come at the end or
//   go (never move), so row ids (given in increasing order) find the changes
//   in one walk over both lists, comparing references, with no map or set.
// Both sides keep the same record of what was sent, in message order.
// Pure (no Worker here), so it is unit-tested as is.
import type { IndicatorForm, ProfileForm } from "./profile-form.js";
import { tableToForm, type TableForm, type TableRow } from "./profile-table.js";

/** An object of the document: a reference to the worker's copy, or the value with the id to keep it by. */
export type SentObject = { ref: string } | { id: string; value: unknown };

/** A row as sent: key, points, and the entry it was read from (absent for a new row). */
export type SentRow = [key: string, points: string, orig?: { key: string; value: unknown }];

export type SentRows =
  | { kind: "source" } // the rows read from the table's source, untouched
  | { kind: "same" } // the rows sent last for this indicator
  | { kind: "edits"; edits: SentEdit[] } // those, edited
  | { kind: "full"; rows: SentRow[] };

/** At `at` in the rows sent last, `remove` rows give way to `insert` (edits in increasing order of `at`). */
export type SentEdit = [at: number, remove: number, insert: SentRow[]];

export type SentTable = { untouched: true; source: SentObject } | { untouched: false; source: SentObject; keyFields: string[]; defaultPoints: string; rows: SentRows };

/** An indicator's own fields (its source and table aside): sent as they are. */
type IndicatorFields = Pick<IndicatorForm, "key" | "code" | "label" | "note" | "points" | "table" | "condition">;

export interface SentIndicator extends IndicatorFields {
  source: SentObject;
  tableForm: SentTable | null;
}

export interface SentForm extends Omit<ProfileForm, "indicators"> {
  indicators: SentIndicator[];
}

/**
 * The form with each indicator's source and table carried over by `object` and `table` (the sender's and
 * the receiver's one difference), every other field as it is.
 */
function mapForm<O, T, P, Q>(
  form: Omit<ProfileForm, "indicators"> & { indicators: readonly (IndicatorFields & { source: O; tableForm: T | null })[] },
  object: (source: O) => P,
  table: (key: string, tableForm: T) => Q,
): Omit<ProfileForm, "indicators"> & { indicators: (IndicatorFields & { source: P; tableForm: Q | null })[] } {
  const { indicators, ...settings } = form;
  return {
    ...settings,
    indicators: indicators.map((ind) => ({
      key: ind.key,
      code: ind.code,
      label: ind.label,
      note: ind.note,
      points: ind.points,
      table: ind.table,
      condition: ind.condition,
      source: object(ind.source),
      tableForm: ind.tableForm === null ? null : table(ind.key, ind.tableForm),
    })),
  };
}

/** Rows changed one by one up to this many; beyond, a run or the whole table. */
const MAX_CHANGES = 2_000;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The objects of a base document known by reference on both sides: each indicator, and its table. */
function baseObjects(doc: unknown): [string, object][] {
  const out: [string, object][] = [];
  const indicators = isObject(doc) && Array.isArray(doc.indicators) ? (doc.indicators as unknown[]) : [];
  indicators.forEach((ind, i) => {
    if (typeof ind !== "object" || ind === null) return;
    out.push([`b${i}`, ind]);
    const table = isObject(ind) ? ind.table : undefined;
    if (typeof table === "object" && table !== null) out.push([`t${i}`, table]);
  });
  return out;
}

const sentRow = (row: TableRow): SentRow => (row.orig ? [row.key, row.points, row.orig] : [row.key, row.points]);

/** Row ids (nextRowId: "r" and a base-36 count) in the order they were given. */
const before = (a: string, b: string) => a.length < b.length || (a.length === b.length && a < b);

/**
 * The edits from `previous` to `rows` (null past MAX_CHANGES rows): one walk over both, matching rows by id.
 * Right whatever the order of ids (each row of `rows` is either matched or inserted, in order); short when,
 * as the editor's edits keep them, ids increase along the list.
 */
export function rowEdits(previous: readonly TableRow[], rows: readonly TableRow[]): SentEdit[] | null {
  const edits: SentEdit[] = [];
  let sent = 0;
  let i = 0;
  let j = 0;
  const edit = (at: number, remove: number, insert: SentRow[]) => {
    const last = edits[edits.length - 1];
    // Next to the last edit: one edit (a run of replaced rows stays one).
    if (last && last[0] + last[1] === at) {
      last[1] += remove;
      last[2].push(...insert);
    } else edits.push([at, remove, insert]);
    sent += insert.length;
  };
  while (i < previous.length || j < rows.length) {
    const old = previous[i];
    const row = rows[j];
    if (old !== undefined && row !== undefined && old.id === row.id) {
      if (old !== row) edit(i, 1, [sentRow(row)]);
      i++;
      j++;
    } else if (old !== undefined && (row === undefined || before(old.id, row.id))) {
      edit(i, 1, []);
      i++;
    } else {
      edit(i, 0, [sentRow(row!)]);
      j++;
    }
    if (sent > MAX_CHANGES) return null;
  }
  return edits;
}

/** The main thread's side: what it sent. */
export class FormSender {
  private ids = new WeakMap<object, string>();
  /**
   * The rows sent last per indicator, or the untouched table whose rows they are: its rows are read only
   * once the table is edited (a learned table's rows are built when first read, which the open need not do).
   */
  private rows = new Map<string, readonly TableRow[] | { untouched: TableForm }>();
  private nextId = 0;

  /** A new base document (loaded, or typed in the JSON view): the worker parses its text and forgets the rest. */
  reset(base: unknown): void {
    this.ids = new WeakMap();
    this.rows.clear();
    for (const [id, object] of baseObjects(base)) this.ids.set(object, id);
  }

  private object(value: unknown): SentObject {
    if (typeof value !== "object" || value === null) return { id: "", value };
    const known = this.ids.get(value);
    if (known !== undefined) return { ref: known };
    const id = `n${(this.nextId += 1)}`;
    this.ids.set(value, id);
    return { id, value };
  }

  private rowsOf(key: string, table: TableForm): SentRows {
    const rows = table.rows;
    const last = this.rows.get(key);
    const previous = last !== undefined && "untouched" in last ? last.untouched.rows : last;
    this.rows.set(key, rows);
    if (rows === previous) return { kind: "same" };
    if (rows === tableToForm(table.source).rows) return { kind: "source" };
    if (previous === undefined) return { kind: "full", rows: rows.map(sentRow) };
    const edits = rowEdits(previous, rows);
    return edits === null ? { kind: "full", rows: rows.map(sentRow) } : { kind: "edits", edits };
  }

  private table(key: string, table: TableForm): SentTable {
    const source = this.object(table.source);
    if (table === tableToForm(table.source)) {
      this.rows.set(key, { untouched: table });
      return { untouched: true, source };
    }
    return { untouched: false, source, keyFields: [...table.keyFields], defaultPoints: table.defaultPoints, rows: this.rowsOf(key, table) };
  }

  form(form: ProfileForm): SentForm {
    return mapForm(form, (source) => this.object(source), (key, table) => this.table(key, table));
  }
}

const rowOf = ([key, points, orig]: SentRow, id: string): TableRow => (orig ? { id, key, points, orig } : { id, key, points });

/** The worker's side: the same objects and rows, rebuilt into a form. */
export class FormReceiver {
  private objects = new Map<string, unknown>();
  private rows = new Map<string, readonly TableRow[]>();
  private nextId = 0;

  reset(base: unknown): void {
    this.objects.clear();
    this.rows.clear();
    for (const [id, object] of baseObjects(base)) this.objects.set(id, object);
  }

  private object(sent: SentObject): unknown {
    if ("ref" in sent) {
      if (!this.objects.has(sent.ref)) throw new Error(`profile sync: no object ${sent.ref}`);
      return this.objects.get(sent.ref);
    }
    if (sent.id !== "") this.objects.set(sent.id, sent.value);
    return sent.value;
  }

  private id = () => `w${(this.nextId += 1).toString(36)}`;

  private rowsOf(key: string, source: unknown, sent: SentRows): readonly TableRow[] {
    const previous = this.rows.get(key);
    let rows: readonly TableRow[];
    if (sent.kind === "source") rows = tableToForm(source).rows;
    else if (sent.kind === "full") rows = sent.rows.map((r) => rowOf(r, this.id()));
    else {
      if (previous === undefined) throw new Error(`profile sync: no rows for ${key}`);
      if (sent.kind === "same") rows = previous;
      else {
        const next: TableRow[] = [];
        let cursor = 0;
        for (const [at, remove, insert] of sent.edits) {
          for (; cursor < at; cursor++) next.push(previous[cursor]!);
          for (const row of insert) next.push(rowOf(row, this.id()));
          cursor = at + remove;
        }
        for (; cursor < previous.length; cursor++) next.push(previous[cursor]!);
        rows = next;
      }
    }
    this.rows.set(key, rows);
    return rows;
  }

  private table(key: string, sent: SentTable): TableForm {
    const source = this.object(sent.source);
    if (sent.untouched) {
      const table = tableToForm(source);
      this.rows.set(key, table.rows);
      return table;
    }
    return { source, keyFields: sent.keyFields, defaultPoints: sent.defaultPoints, rows: this.rowsOf(key, source, sent.rows) };
  }

  form(sent: SentForm): ProfileForm {
    return mapForm(sent, (source) => this.object(source), (key, table) => this.table(key, table));
  }
}
