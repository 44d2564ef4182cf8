// What the profile is about (its target: a commodity, or revenue fraud) and
// where it applies (its scope: units and transport modes; nothing checked or
// typed: everywhere).
import { useApp } from "../../context.js";
import { keyOrText } from "../../i18n.js";
import { inputId, type PlacedErrors } from "../../profile-errors.js";
import { COMMODITIES, TARGET_KINDS, toggleMode, TRANSPORT_MODES, type ProfileForm, type ScopeForm, type TargetForm } from "../../profile-form.js";
import { FieldErrors, fieldProps, PField } from "./field-errors.js";

interface Props {
  form: ProfileForm;
  onChange: (next: ProfileForm) => void;
  placed: PlacedErrors;
  readOnly: boolean;
}

/** The known choices, and the document's own value when the language does not know it (shown, to be replaced). */
function choices(known: readonly string[], current: string): string[] {
  return current === "" || known.includes(current) ? [...known] : [...known, current];
}

export function TargetScope({ form, onChange, placed, readOnly }: Props) {
  const { t } = useApp();
  const target = (patch: Partial<TargetForm>) => onChange({ ...form, target: { ...form.target, ...patch } });
  const scope = (next: ScopeForm) => onChange({ ...form, scope: next });
  const label = (known: readonly string[], value: string, key: (v: string) => string) => (known.includes(value) ? keyOrText(t, key(value)) : t("pf.unknownValue", { value }));
  const modes = [...TRANSPORT_MODES, ...form.scope.transportModes.filter((m) => !(TRANSPORT_MODES as readonly string[]).includes(m))];
  const modesId = inputId("scope.transportModes");
  const modesInvalid = placed.at.has("scope.transportModes");
  return (
    <fieldset className="pe-settings pe-target" data-testid="pe-target-scope">
      <legend>{t("pf.targetScope")}</legend>
      <FieldErrors path="target" placed={placed} />
      <div className="pe-row">
        <PField path="target.kind" label={t("pf.targetKind")} placed={placed} className="pe-choice">
          <select {...fieldProps("target.kind", placed)} disabled={readOnly} value={form.target.kind} onChange={(e) => target({ kind: e.target.value })}>
            <option value="">{t("app.none")}</option>
            {choices(TARGET_KINDS, form.target.kind).map((k) => (
              <option key={k} value={k}>
                {label(TARGET_KINDS, k, (v) => `pf.kind.${v}`)}
              </option>
            ))}
          </select>
        </PField>
        {form.target.kind !== "revenue" && (
          <PField path="target.commodity" label={t("pf.commodity")} placed={placed} className="pe-choice">
            <select {...fieldProps("target.commodity", placed)} disabled={readOnly} value={form.target.commodity} onChange={(e) => target({ commodity: e.target.value })}>
              <option value="">{t("app.none")}</option>
              {choices(COMMODITIES, form.target.commodity).map((c) => (
                <option key={c} value={c}>
                  {label(COMMODITIES, c, (v) => `commodity.${v}`)}
                </option>
              ))}
            </select>
          </PField>
        )}
        {form.target.kind === "revenue" && (
          <PField path="target.fraud" label={t("pf.fraud")} placed={placed} className="pe-label">
            <input {...fieldProps("target.fraud", placed)} readOnly={readOnly} value={form.target.fraud} maxLength={200} onChange={(e) => target({ fraud: e.target.value })} />
          </PField>
        )}
      </div>
      <FieldErrors path="scope" placed={placed} />
      <PField path="scope.units" label={t("pf.units")} placed={placed} help={t("pf.unitsHelp")}>
        <input
          {...fieldProps("scope.units", placed, true)}
          readOnly={readOnly}
          value={form.scope.units}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => scope({ ...form.scope, units: e.target.value.toUpperCase() })}
        />
      </PField>
      <fieldset className="checks pe-modes" aria-describedby={`${modesId}-help${modesInvalid ? ` ${modesId}-err` : ""}`}>
        <legend>{t("pf.transportModes")}</legend>
        {modes.map((m) => (
          <label key={m} className="check">
            <input
              type="checkbox"
              id={`${modesId}-${m.replace(/[^A-Za-z0-9_-]+/g, "-")}`}
              disabled={readOnly}
              checked={form.scope.transportModes.includes(m)}
              onChange={(e) => scope(toggleMode(form.scope, m, e.target.checked))}
              {...(modesInvalid ? { "aria-invalid": true } : {})}
            />
            {label(TRANSPORT_MODES, m, (v) => `pf.mode.${v}`)}
          </label>
        ))}
        <small className="help" id={`${modesId}-help`}>
          {t("pf.transportModesHelp")}
        </small>
        <FieldErrors path="scope.transportModes" placed={placed} />
      </fieldset>
    </fieldset>
  );
}
