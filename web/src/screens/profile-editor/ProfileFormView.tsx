// The form view of a profile document: settings (name, target, scope,
// rationale, validity, thresholds, random rate) and the indicators (rules and
// tables), with the validator's messages next to the fields they are about.
// Indicators are listed closed, one line each (IndicatorEditor.tsx), and
// opened on demand; "go to the field" opens the indicator that holds it.
import { useEffect, useMemo, useRef, useState } from "react";
import { useApp } from "../../context.js";
import { FIELD_PATHS } from "../../profile-conditions.js";
import { indicatorPath, inputId, type PlacedErrors } from "../../profile-errors.js";
import { addIndicator, addTableIndicator, moveIndicator, removeIndicator, THRESHOLD_KEYS, updateIndicator, updateTable, type ProfileForm } from "../../profile-form.js";
import { FIELD_LIST_ID } from "./ConditionEditor.js";
import { FieldErrors, fieldProps, PField } from "./field-errors.js";
import { IndicatorEditor, toggleId } from "./IndicatorEditor.js";
import { REVEAL_EVENT, revealedPath, revealPath } from "./reveal.js";
import { TargetScope } from "./TargetScope.js";

/** A new form, or a change to the form as it is when the change is applied (for edits that may come in quick succession). */
export type FormChange = ProfileForm | ((form: ProfileForm) => ProfileForm);

/** Indicators listed at once (closed, a line each): learned profiles may hold thousands. */
const PAGE = 100;
/** From this many indicators on, a filter finds one by code or label. */
const FILTER_FROM = 30;
const INDICATOR_OF_PATH = /^indicators\[(\d+)\]/;

interface Props {
  form: ProfileForm;
  onChange: (next: FormChange) => void;
  placed: PlacedErrors;
  readOnly: boolean;
}

function Settings({ form, onChange, placed, readOnly }: Props) {
  const { t } = useApp();
  const text = (key: "name" | "rationale" | "validFrom" | "validTo" | "randomRate") => ({
    ...fieldProps(key, placed),
    readOnly,
    value: form[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...form, [key]: e.target.value }),
  });
  return (
    <fieldset className="pe-settings">
      <legend>{t("pf.settings")}</legend>
      <PField path="name" label={t("pf.name")} placed={placed}>
        <input {...text("name")} />
      </PField>
      <TargetScope form={form} onChange={onChange} placed={placed} readOnly={readOnly} />
      <PField path="rationale" label={t("pf.rationale")} placed={placed}>
        <textarea {...text("rationale")} rows={3} />
      </PField>
      <div className="pe-row" role="group" aria-label={t("pf.thresholds")}>
        {THRESHOLD_KEYS.map((k) => (
          <PField key={k} path={`thresholds.${k}`} label={t(`pf.threshold.${k}`)} placed={placed} className="pe-number">
            <input
              {...fieldProps(`thresholds.${k}`, placed)}
              readOnly={readOnly}
              inputMode="decimal"
              value={form.thresholds[k]}
              onChange={(e) => onChange({ ...form, thresholds: { ...form.thresholds, [k]: e.target.value } })}
            />
          </PField>
        ))}
      </div>
      <FieldErrors path="thresholds" placed={placed} />
      <p className="help">{t("pf.thresholdsHelp")}</p>
      <div className="pe-row">
        <PField path="randomRate" label={t("pf.randomRate")} placed={placed} className="pe-number">
          <input {...text("randomRate")} inputMode="decimal" />
        </PField>
        <PField path="validFrom" label={t("pf.validFrom")} placed={placed} className="pe-date">
          <input {...text("validFrom")} placeholder="YYYY-MM-DD" />
        </PField>
        <PField path="validTo" label={t("pf.validTo")} placed={placed} className="pe-date">
          <input {...text("validTo")} placeholder="YYYY-MM-DD" />
        </PField>
      </div>
    </fieldset>
  );
}

export function ProfileFormView(props: Props) {
  const { t, fmt } = useApp();
  const { form, onChange, placed, readOnly } = props;
  const [filter, setFilter] = useState("");
  const [limit, setLimit] = useState(PAGE);
  // Where the focus goes after the list changed under it: a new indicator's code, the moved
  // indicator's button, the neighbour of a removed one.
  const [focus, setFocus] = useState<{ key: string; target: "code" | "up" | "down" } | null>(null);
  useEffect(() => {
    if (focus === null) return;
    const index = form.indicators.findIndex((ind) => ind.key === focus.key);
    if (index >= 0) {
      const id = focus.target === "code" ? inputId(indicatorPath(index, "code")) : `pe-ind-${focus.key}-${focus.target}`;
      // A closed indicator's fields are not there: its open/close button takes the focus.
      const element = (document.getElementById(id) ?? document.getElementById(toggleId(focus.key))) as HTMLButtonElement | HTMLInputElement | null;
      // A button disabled at the end of the list hands the focus to its pair.
      const other = focus.target === "code" ? null : document.getElementById(`pe-ind-${focus.key}-${focus.target === "up" ? "down" : "up"}`);
      (element && !element.disabled ? element : (other ?? element))?.focus();
    }
    setFocus(null);
  }, [focus, form.indicators]);

  // Which indicators are open, by form key (kept when the list is filtered, reordered or paged).
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (key: string, to?: boolean) =>
    setOpen((current) => {
      const now = to ?? !current.has(key);
      if (now === current.has(key)) return current;
      const next = new Set(current);
      if (now) next.add(key);
      else next.delete(key);
      return next;
    });

  // "Go to the field" for an indicator not listed or not open: list it, open it, then go (once its fields render).
  const [reveal, setReveal] = useState<string | null>(null);
  const shownRef = useRef<Set<number>>(new Set());
  const keysRef = useRef<string[]>([]);
  const openRef = useRef(open);
  openRef.current = open;
  useEffect(() => {
    const onReveal = (event: Event) => {
      const path = revealedPath(event);
      const index = path === null ? undefined : INDICATOR_OF_PATH.exec(path)?.[1];
      if (path === null || index === undefined) return;
      const key = keysRef.current[Number(index)];
      if (key === undefined || (shownRef.current.has(Number(index)) && openRef.current.has(key))) return;
      event.preventDefault();
      setFilter("");
      setLimit((n) => Math.max(n, Number(index) + 1));
      toggle(key, true);
      setReveal(path);
    };
    document.addEventListener(REVEAL_EVENT, onReveal);
    return () => document.removeEventListener(REVEAL_EVENT, onReveal);
  }, []);
  useEffect(() => {
    if (reveal === null) return;
    setReveal(null);
    revealPath(reveal);
  }, [reveal]);

  // The validator's messages per indicator, for the closed ones' summary (a pass over the errors, not the entries).
  const errorCounts = useMemo(() => {
    const counts = new Map<number, number>();
    for (const [path, messages] of placed.at) {
      const index = INDICATOR_OF_PATH.exec(path)?.[1];
      if (index !== undefined) counts.set(Number(index), (counts.get(Number(index)) ?? 0) + messages.length);
    }
    return counts;
  }, [placed.at]);

  const needle = filter.trim().toLowerCase();
  const matching = form.indicators.map((ind, index) => ({ ind, index })).filter(({ ind }) => needle === "" || ind.code.toLowerCase().includes(needle) || ind.label.toLowerCase().includes(needle));
  const shown = matching.slice(0, limit);
  shownRef.current = new Set(shown.map(({ index }) => index));
  keysRef.current = form.indicators.map((ind) => ind.key);
  const allOpen = shown.length > 0 && shown.every(({ ind }) => open.has(ind.key));
  return (
    <div className="pe-form-view">
      <datalist id={FIELD_LIST_ID}>
        {FIELD_PATHS.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <Settings {...props} />
      <section aria-labelledby="pe-indicators-h">
        <h3 id="pe-indicators-h">{t("pf.indicators", { n: fmt.number(form.indicators.length, 0) })}</h3>
        <FieldErrors path="indicators" placed={placed} />
        {shown.length > 1 && (
          <p className="pe-ind-all">
            <button
              type="button"
              className="inline"
              onClick={() =>
                setOpen((current) => {
                  const next = new Set(current);
                  for (const { ind } of shown) {
                    if (allOpen) next.delete(ind.key);
                    else next.add(ind.key);
                  }
                  return next;
                })
              }
            >
              {t(allOpen ? "pf.closeAll" : "pf.openAll", { n: shown.length })}
            </button>
          </p>
        )}
        {form.indicators.length > FILTER_FROM && (
          <div className="field pe-filter">
            <label htmlFor="pe-filter">{t("pf.filter")}</label>
            <input id="pe-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </div>
        )}
        {form.indicators.length === 0 && <p className="empty">{t("pf.noIndicators")}</p>}
        {shown.map(({ ind, index }) => (
          <IndicatorEditor
            key={ind.key}
            index={index}
            count={form.indicators.length}
            ind={ind}
            placed={placed}
            readOnly={readOnly}
            open={open.has(ind.key)}
            onToggle={() => toggle(ind.key)}
            errorCount={(errorCounts.get(index) ?? 0) + (placed.duplicates?.get(ind.key)?.size ?? 0)}
            onChange={(patch) => onChange(updateIndicator(form, index, patch))}
            onTable={(change) => onChange((current) => updateTable(current, ind.key, change))}
            onMove={(delta) => {
              onChange(moveIndicator(form, index, delta));
              setFocus({ key: ind.key, target: delta < 0 ? "up" : "down" });
            }}
            onRemove={() => {
              const neighbour = form.indicators[index + 1] ?? form.indicators[index - 1];
              onChange(removeIndicator(form, index));
              if (neighbour) setFocus({ key: neighbour.key, target: "code" });
              else document.getElementById("pe-add-indicator")?.focus();
            }}
          />
        ))}
        {matching.length > shown.length && (
          <p>
            {t("pf.shownOf", { shown: shown.length, total: matching.length })}
            <button type="button" className="inline" onClick={() => setLimit((n) => n + PAGE * 4)}>
              {t("pf.showMore")}
            </button>
          </p>
        )}
        {!readOnly && (
          <button
            type="button"
            id="pe-add-indicator"
            onClick={() => {
              const next = addIndicator(form);
              onChange(next);
              toggle(next.indicators[next.indicators.length - 1]!.key, true);
              setFilter("");
              setLimit((n) => Math.max(n, next.indicators.length));
              setFocus({ key: next.indicators[next.indicators.length - 1]!.key, target: "code" });
            }}
          >
            {t("pf.addIndicator")}
          </button>
        )}
        {!readOnly && (
          <button
            type="button"
            id="pe-add-table-indicator"
            className="pe-add-table"
            onClick={() => {
              const next = addTableIndicator(form);
              onChange(next);
              toggle(next.indicators[next.indicators.length - 1]!.key, true);
              setFilter("");
              setLimit((n) => Math.max(n, next.indicators.length));
              setFocus({ key: next.indicators[next.indicators.length - 1]!.key, target: "code" });
            }}
          >
            {t("pf.addTableIndicator")}
          </button>
        )}
      </section>
    </div>
  );
}
