// The editor's two views of one draft kept in step: typing in the JSON view
// rebuilds the form (while the text parses); editing the form rewrites the
// JSON. `saved` is the document last loaded or saved, for "unsaved changes".
import { documentFromForm, documentText, formFromDocument, type ProfileForm } from "./profile-form.js";

export interface EditorState {
  text: string;
  /** The last document the text parsed to. */
  doc: unknown;
  /** Null when the document is not an object with a list of indicators (then only the JSON view edits it). */
  form: ProfileForm | null;
  /** The JSON view's syntax error; the form shows the last document that parsed and waits. */
  jsonError: string | null;
  /** The document last loaded or saved, as compact JSON. */
  saved: string;
}

export function loadDefinition(definition: unknown): EditorState {
  return { text: documentText(definition), doc: definition, form: formFromDocument(definition), jsonError: null, saved: JSON.stringify(definition) };
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
  return { ...state, doc, form, text: documentText(doc), jsonError: null };
}

/** `doc` was stored (the editor may have moved on while the request ran). */
export const markSaved = (state: EditorState, doc: unknown): EditorState => ({ ...state, saved: JSON.stringify(doc) });

/** True when the document differs from what was loaded or saved (formatting aside; a syntax error is a change). */
export const isDirty = (state: EditorState): boolean => state.jsonError !== null || JSON.stringify(state.doc) !== state.saved;
