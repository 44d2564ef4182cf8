// The editor's JSON view. It shows the form's edits after a pause in typing,
// and writes the document out only then (textOf): a learned profile's
// document runs to megabytes, and a text area that large takes seconds to
// lay out again. A document that large is shown on request, so the form
// opens and types fast. Typed in, the text is the source of the form.
import { useEffect, useRef, useState } from "react";
import { useApp } from "../../context.js";
import { textOf, type EditorState } from "../../profile-editor-state.js";

/** How long the view waits after the last form edit before it shows it. */
const JSON_VIEW_DELAY = 250;
/** Documents longer than this (compact JSON, characters) are shown on request. */
export const LARGE_DOCUMENT = 100_000;

export function JsonView({ editor, editable, onType }: { editor: EditorState; editable: boolean; onType: (text: string) => void }) {
  const { t, fmt } = useApp();
  // About the size of the document (not written out to find out: a learned profile's runs to megabytes).
  const size = editor.savedText.size;
  const large = size > LARGE_DOCUMENT;
  const [open, setOpen] = useState(!large);
  const [shownText, setShownText] = useState<string | null>(null);
  const latest = useRef(editor);
  latest.current = editor;
  useEffect(() => {
    if (!open) return;
    if (shownText === null) {
      setShownText(textOf(latest.current));
      return;
    }
    const timer = setTimeout(() => setShownText(textOf(latest.current)), JSON_VIEW_DELAY);
    return () => clearTimeout(timer);
    // The text follows the document (a form edit: its form or base; not `doc` itself, which would write it on
    // every edit even with the view closed) and the view being opened; shownText is its own output.
  }, [editor.form, editor.base, editor.text, open]);

  if (!open) {
    return (
      <div className="field">
        <p className="help" id="pe-json-large">
          {t("pe.jsonOnRequest", { size: fmt.number(size / 1_000_000, 1) })}
        </p>
        <button type="button" onClick={() => setOpen(true)} aria-describedby="pe-json-large">
          {t("pe.showJson")}
        </button>
      </div>
    );
  }
  return (
    // Labelled by id, not by wrapping: a wrapping label would carry the whole document in its text.
    <div className="field">
      <label htmlFor="pe-json-text">{t("editor.document")}</label>
      <textarea
        id="pe-json-text"
        className="code"
        rows={24}
        spellCheck={false}
        readOnly={!editable}
        value={shownText ?? textOf(editor)}
        // About to be typed in: it shows the form's last edits first.
        onFocus={() => setShownText(textOf(latest.current))}
        onChange={(e) => {
          setShownText(e.target.value);
          onType(e.target.value);
        }}
        aria-describedby={editable ? "validation" : undefined}
      />
    </div>
  );
}
