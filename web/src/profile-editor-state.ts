// The editor's two views of one draft kept in step: typing in the JSON view
// rebuilds the form (while the text parses); editing the form rewrites the
// JSON. `saved` is the document last loaded or saved, for "unsaved changes".
// A form edit writes nothing: the document (`doc`) is worked out from the
// form and the document the form was read from (`base`) only when something
// asks for it (the JSON view, a save, a test). A learned profile's document
// runs to megabytes, and writing a 100,000-entry table on every edit kept
// typing waiting; the editor screen has a worker do it (profile-sync.ts).
// For the same reason the saved document's text is written only when read:
// the editor screen gives its worker the version as the API sent it, and the
// worker writes the text there.
import { documentFromForm, documentText, formFromDocument, type ProfileForm } from "./profile-form.js";

export interface EditorState {
  /** The JSON view's text; null after a form edit until the view writes it from `doc` (textOf). */
  readonly text: string | null;
  /** The document the form was read from (loaded, or the last JSON text that parsed). */
  readonly base: unknown;
  /** The document: `base` with the form's changes, worked out on first read and kept. */
  readonly doc: unknown;
  /** Null when the document is not an object with a list of indicators (then only the JSON view edits it). */
  readonly form: ProfileForm | null;
  /** The JSON view's syntax error; the form shows the last document that parsed and waits. */
  readonly jsonError: string | null;
  /** The document last loaded or saved, as compact JSON (written when first read: see savedText). */
  readonly saved: string;
  /** That text, written or still to be written; a new one on each load or save. */
  readonly savedText: SavedText;
  /** That document itself: while `doc` is still it, nothing changed (no need to write it out to compare). */
  readonly savedDoc: unknown;
  /** The form last loaded or saved: while `form` is still it and the text untouched, nothing changed. */
  readonly savedForm: ProfileForm | null;
}

/** The document last loaded or saved as compact JSON: given, or written from the document when first read. */
export class SavedText {
  private written: string | null;
  /** `sizeHint`: about how long the text is, while it is not written (e.g. the API's answer's length). */
  constructor(
    private readonly doc: unknown,
    text: string | null,
    private readonly sizeHint = 0,
  ) {
    this.written = text;
  }

  get text(): string {
    return (this.written ??= JSON.stringify(this.doc));
  }

  /** The text is not written yet (whoever needs it can write it from the document elsewhere). */
  get pending(): boolean {
    return this.written === null;
  }

  /** The text's length, or about that while it is not written. */
  get size(): number {
    return this.written?.length ?? this.sizeHint;
  }
}

type Fields = Omit<EditorState, "doc" | "saved">;

/** The documents states have written so far (a save asks whether it stored this state's). */
const writtenDocs = new WeakMap<EditorState, unknown>();

/** A state whose `doc` is written from its form on first read (never per edit). */
function state(fields: Fields, doc?: unknown): EditorState {
  const made = Object.defineProperties(
    { ...fields },
    {
      doc: {
        enumerable: true,
        get() {
          if (!writtenDocs.has(made)) writtenDocs.set(made, fields.form === null ? fields.base : documentFromForm(fields.form, fields.base));
          return writtenDocs.get(made);
        },
      },
      saved: { enumerable: true, get: () => fields.savedText.text },
    },
  ) as EditorState;
  if (doc !== undefined) writtenDocs.set(made, doc);
  return made;
}

/** The fields of a state, without reading (so writing) its document. */
const fieldsOf = (s: EditorState): Fields => ({ text: s.text, base: s.base, form: s.form, jsonError: s.jsonError, savedText: s.savedText, savedDoc: s.savedDoc, savedForm: s.savedForm });

/** A version's document as loaded; its text is written when first read (`sizeHint`: about how long it is). */
export function loadDefinition(definition: unknown, savedText?: string, sizeHint?: number): EditorState {
  const form = formFromDocument(definition);
  return state({ text: null, base: definition, form, jsonError: null, savedText: new SavedText(definition, savedText ?? null, sizeHint), savedDoc: definition, savedForm: form }, definition);
}

export function editJson(current: EditorState, text: string): EditorState {
  try {
    const doc = JSON.parse(text) as unknown;
    return state({ ...fieldsOf(current), text, base: doc, form: formFromDocument(doc), jsonError: null }, doc);
  } catch (e) {
    // The document stays the last one that parsed (the same base and form).
    return state({ ...fieldsOf(current), text, jsonError: (e as Error).message });
  }
}

export function editForm(current: EditorState, form: ProfileForm): EditorState {
  return state({ ...fieldsOf(current), form, text: null, jsonError: null });
}

/** The JSON view's text: as typed, or the document written out. */
export const textOf = (s: EditorState): string => s.text ?? documentText(s.doc);

/** `doc` was stored (the editor may have moved on while the request ran: then its form is not the saved one). */
export function markSaved(s: EditorState, doc: unknown): EditorState {
  const same = writtenDocs.get(s) === doc;
  return state({ ...fieldsOf(s), savedText: new SavedText(doc, JSON.stringify(doc)), savedDoc: doc, savedForm: same && s.text === null ? s.form : null }, same ? doc : undefined);
}

/**
 * The document of `form` was stored as `text` (the editor screen's save: its worker wrote the text, and the
 * document need not be written here). While the form is still that one, nothing changed.
 */
export const markSavedText = (s: EditorState, text: string, form: ProfileForm | null): EditorState =>
  state({ ...fieldsOf(s), savedText: new SavedText(undefined, text), savedDoc: undefined, savedForm: form });

/** Nothing was edited since the document was loaded or saved (cheap: no document is written). */
export const untouched = (s: EditorState): boolean =>
  s.jsonError === null && ((s.text === null && s.form !== null && s.form === s.savedForm) || (writtenDocs.has(s) && writtenDocs.get(s) === s.savedDoc));

/** True when the document differs from what was loaded or saved (formatting aside; a syntax error is a change). */
export const isDirty = (s: EditorState): boolean => !untouched(s) && (s.jsonError !== null || (s.doc !== s.savedDoc && JSON.stringify(s.doc) !== s.saved));
