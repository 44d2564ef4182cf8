// The validator's verdict on the document in the editor: valid, not JSON, or
// every error with its path; errors the form shows next to a field offer a
// way to that field.
import { useApp } from "../../context.js";
import type { PlacedErrors, ProfileError } from "../../profile-errors.js";
import { revealPath } from "./reveal.js";

export type Validation = { valid: boolean; errors: ProfileError[] } | { parseError: string };

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
                  <button type="button" className="inline" aria-label={t("pf.goToFieldNamed", { path: e.path })} onClick={() => revealPath(places.get(e)!)}>
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
