// The editor's two views of one draft kept in step: typing in the JSON view
// rebuilds the form (while the text parses); editing the form rewrites the
// JSON. `saved` is the document last loaded or saved, for "unsaved changes".
// The JSON text of a form edit is written only when the JSON view asks for it
// (textOf): a learned profile's document runs to megabytes, and writing it on
// every edit kept typing in a large table waiting.
import { documentFromForm, documentText, formFromDocument, type ProfileForm } from "./profile-form.js";

export interface EditorState {
  /** The JSON view's text; null after a form edit until the view writes it from `doc` (textOf). */
  text: string | null;
  /** The last document the text parsed to. */
  doc: unknown;
  /** Null when the document is not an object with a list of indicators (then only the JSON view edits it). */
  form: ProfileForm | null;
  /** The JSON view's syntax error; the form shows the last document that parsed and waits. */
  jsonError: string | null;
  /** The document last loaded or saved, as compact JSON. */
  saved: string;
  /** That document itself: while `doc` is still it, nothing changed (no need to write it out to compare). */
  savedDoc: unknown;
}

export function loadDefinition(definition: unknown): EditorState {
  return { text: null, doc: definition, form: formFromDocument(definition), jsonError: null, saved: JSON.stringify(definition), savedDoc: definition };
}

export function editJson(state: EditorState, text: string): EditorState {
  try {
    const doc = JSON.parse(text) as unknown;
    return { ...state, text, doc, form: formFromDocument(doc), jsonError: null };
  } catch (e) {
    return { ...state, text, jsonError: (e as Error).message };
  }
}

export function editForm(state: EditorState, form: ProfileForm): EditorState {
  const doc = documentFromForm(form, state.doc);
  return { ...state, doc, form, text: null, jsonError: null };
}

/** The JSON view's text: as typed, or the document written out. */
export const textOf = (state: EditorState): string => state.text ?? documentText(state.doc);

/** `doc` was stored (the editor may have moved on while the request ran). */
export const markSaved = (state: EditorState, doc: unknown): EditorState => ({ ...state, saved: JSON.stringify(doc), savedDoc: doc });

/** True when the document differs from what was loaded or saved (formatting aside; a syntax error is a change). */
export const isDirty = (state: EditorState): boolean => state.jsonError !== null || (state.doc !== state.savedDoc && JSON.stringify(state.doc) !== state.saved);
