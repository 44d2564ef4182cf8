// The profile editor's worker: it holds a copy of the form (sent by
// profile-sync.ts, a few kilobytes per edit), and does off the main thread
// what takes time with a learned profile's large tables: writing the
// document, comparing it with the saved one ("unsaved changes"), finding
// keys written twice in a table, asking the API to validate it, and placing
// the validator's messages next to the form's fields. Typing in the form
// never waits for any of it.
import { placeErrors, formPaths, type PlacedErrors, type ProfileError } from "./profile-errors.js";
import { documentFromForm, documentText, type ProfileForm } from "./profile-form.js";
import { FormReceiver, type SentForm } from "./profile-sync.js";
import { duplicateKeys, type TableRow } from "./profile-table.js";

export type ToWorker =
  /** The version as the API sent it (`{…, definition}`): its definition is the base and the saved document. */
  | { type: "load"; response: string }
  | { type: "base"; text: string }
  | { type: "saved"; text: string }
  | { type: "sync"; revision: number; form: SentForm | null; validate: { url: string; headers: Record<string, string> } | null }
  | { type: "text"; id: number; pretty: boolean };

export interface Synced {
  type: "synced";
  revision: number;
  /** The document differs from the one last loaded or saved. */
  dirty: boolean;
  /** Keys written on more than one row, by indicator key (only tables that have some). */
  duplicates: Record<string, string[]>;
  /** The validator's verdict, when asked for and answered. */
  validation?: { valid: boolean; errors: ProfileError[] };
  placed?: { at: [string, string[]][]; unplaced: ProfileError[]; placements: PlacedErrors["placements"] };
  /** The API refused or could not be reached. */
  failure?: { status: number; code: string; message: string };
}

export type FromWorker = Synced | { type: "text"; id: number; text: string };

const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null };

const receiver = new FormReceiver();
let base: unknown = null;
let saved = "";
let form: ProfileForm | null = null;
let doc: unknown = null;
let text = "";
let validating: AbortController | null = null;
const duplicatesOf = new WeakMap<readonly TableRow[], string[]>();

function duplicates(current: ProfileForm | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const ind of current?.indicators ?? []) {
    const rows = ind.tableForm?.rows;
    if (!rows) continue;
    let found = duplicatesOf.get(rows);
    if (found === undefined) {
      found = [...duplicateKeys(rows)];
      duplicatesOf.set(rows, found);
    }
    if (found.length > 0) out[ind.key] = found;
  }
  return out;
}

async function validate(revision: number, url: string, headers: Record<string, string>, checked: ProfileForm | null, body: string, reply: Synced): Promise<void> {
  validating?.abort();
  const controller = new AbortController();
  validating = controller;
  try {
    const res = await fetch(url, { method: "POST", headers: { ...headers, Accept: "application/json", "Content-Type": "application/json" }, body, signal: controller.signal });
    const answer = (await res.json().catch(() => ({}))) as { valid?: boolean; errors?: ProfileError[]; error?: string; message?: string };
    if (!res.ok) {
      scope.postMessage({ ...reply, failure: { status: res.status, code: answer.error ?? "error", message: answer.message ?? res.statusText } });
      return;
    }
    const errors = answer.errors ?? [];
    // Without errors there is nothing to place (and no need to list the thousands of places of a learned table).
    const placed = placeErrors(errors, errors.length === 0 || checked === null ? [] : formPaths(checked));
    scope.postMessage({ ...reply, revision, validation: { valid: answer.valid === true, errors }, placed: { at: [...placed.at], unplaced: placed.unplaced, placements: placed.placements } });
  } catch (e) {
    if (controller.signal.aborted) return;
    scope.postMessage({ ...reply, failure: { status: 0, code: "network", message: e instanceof Error ? e.message : String(e) } });
  } finally {
    if (validating === controller) validating = null;
  }
}

/** A new base document (its text compact JSON, or as typed in the JSON view). */
function rebase(next: unknown, nextText: string): void {
  base = next;
  receiver.reset(base);
  form = null;
  doc = base;
  text = nextText;
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === "load") {
    // Written here, not on the main thread: a learned profile's document runs to megabytes.
    const definition = (JSON.parse(message.response) as { definition?: unknown }).definition ?? null;
    rebase(definition, JSON.stringify(definition));
    saved = text;
  } else if (message.type === "base") {
    rebase(JSON.parse(message.text) as unknown, message.text);
  } else if (message.type === "saved") {
    saved = message.text;
  } else if (message.type === "sync") {
    form = message.form === null ? null : receiver.form(message.form);
    doc = form === null ? base : documentFromForm(form, base);
    text = JSON.stringify(doc);
    const reply: Synced = { type: "synced", revision: message.revision, dirty: text !== saved, duplicates: duplicates(form) };
    if (message.validate === null) scope.postMessage(reply);
    else void validate(message.revision, message.validate.url, message.validate.headers, form, text, reply);
  } else {
    scope.postMessage({ type: "text", id: message.id, text: message.pretty ? documentText(doc) : text });
  }
};
