// The validator's verdict on the document in the editor: valid, not JSON, or
// every error with its path; errors the form shows next to a field offer a
// way to that field.
import { useApp } from "../../context.js";
import { inputId, type PlacedErrors, type ProfileError } from "../../profile-errors.js";

export type Validation = { valid: boolean; errors: ProfileError[] } | { parseError: string };

/** Focuses the input of a form path, or the first input inside it (an indicator → its code). */
function focusPath(path: string): void {
  const id = inputId(path);
  const element = document.getElementById(id) ?? document.querySelector<HTMLElement>(`[id^="${id}"]:is(input, select, textarea)`);
  element?.focus();
}

export function ValidationSummary({ validation, checking, placed }: { validation: Validation | null; checking: boolean; placed: PlacedErrors | null }) {
  const { t } = useApp();
  const places = new Map(placed?.placements.map((p) => [p.error, p.place]) ?? []);
  return (
    <div id="validation" aria-live="polite" data-testid="validation" className="pe-validation">
      {checking && <p>{t("editor.checking")}</p>}
      {validation && "parseError" in validation && <p className="error">{t("editor.invalidJson", { message: validation.parseError })}</p>}
      {validation && "valid" in validation && validation.valid && <p className="ok">{t("editor.valid")}</p>}
      {validation && "valid" in validation && !validation.valid && (
        <>
          <p className="error">{t("pf.errorCount", { n: validation.errors.length })}</p>
          <ul className="error">
            {validation.errors.map((e) => (
              <li key={`${e.path}:${e.message}`}>
                <code>{e.path || "—"}</code>: {e.message}
                {places.get(e) && (
                  <button type="button" className="inline" aria-label={t("pf.goToFieldNamed", { path: e.path })} onClick={() => focusPath(places.get(e)!)}>
                    {t("pf.goToField")}
                  </button>
                )}
                {placed && places.get(e) === null && <span className="help"> {t("pf.inJsonOnly")}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
