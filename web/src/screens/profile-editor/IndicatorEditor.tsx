// One indicator of the form: code, label, points (or its table: key fields
// and entries), the examiner's note and the condition; moved and removed
// from here.
import { useApp } from "../../context.js";
import { blankCondition } from "../../profile-conditions.js";
import { indicatorPath, type PlacedErrors } from "../../profile-errors.js";
import type { IndicatorForm } from "../../profile-form.js";
import { ConditionEditor } from "./ConditionEditor.js";
import { FieldErrors, fieldProps, PField } from "./field-errors.js";
import { TableEditor, type TableChange } from "./TableEditor.js";

interface Props {
  index: number;
  count: number;
  ind: IndicatorForm;
  placed: PlacedErrors;
  readOnly: boolean;
  onChange: (patch: Partial<Pick<IndicatorForm, "code" | "label" | "note" | "points" | "condition">>) => void;
  onTable: TableChange;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

export function IndicatorEditor({ index, count, ind, placed, readOnly, onChange, onTable, onMove, onRemove }: Props) {
  const { t } = useApp();
  const path = (key: string) => indicatorPath(index, key);
  const name = ind.code.trim() || t("pf.newIndicator");
  const legendId = `pe-ind-${ind.key}`;
  const table = ind.tableForm;
  return (
    <fieldset className="pe-indicator" aria-labelledby={legendId} data-testid="pe-indicator">
      <legend id={legendId}>{t("pf.indicatorLegend", { n: index + 1, code: name })}</legend>
      <FieldErrors path={path("")} placed={placed} />
      <div className="pe-row">
        <PField path={path("code")} label={t("pf.code")} placed={placed} className="pe-code">
          <input {...fieldProps(path("code"), placed)} readOnly={readOnly} value={ind.code} spellCheck={false} autoComplete="off" onChange={(e) => onChange({ code: e.target.value.toUpperCase() })} />
        </PField>
        <PField path={path("label")} label={t("pf.label")} placed={placed} className="pe-label">
          <input {...fieldProps(path("label"), placed)} readOnly={readOnly} value={ind.label} onChange={(e) => onChange({ label: e.target.value })} />
        </PField>
        {table === null && (
          <PField path={path("points")} label={t("pf.points")} placed={placed} className="pe-points">
            <input {...fieldProps(path("points"), placed)} readOnly={readOnly} inputMode="decimal" value={ind.points} onChange={(e) => onChange({ points: e.target.value })} />
          </PField>
        )}
      </div>
      <PField path={path("note")} label={t("pf.note")} placed={placed}>
        <textarea {...fieldProps(path("note"), placed)} rows={1} readOnly={readOnly} value={ind.note} onChange={(e) => onChange({ note: e.target.value })} />
      </PField>
      {ind.condition !== null ? (
        <ConditionEditor index={index} condition={ind.condition} placed={placed} readOnly={readOnly} onChange={(condition) => onChange({ condition })} />
      ) : (
        <>
          <p className="help">{t(table ? "pf.tableEverywhere" : "pf.noCondition")}</p>
          <FieldErrors path={path("when")} placed={placed} />
        </>
      )}
      {table !== null && <TableEditor index={index} indKey={ind.key} name={name} table={table} placed={placed} readOnly={readOnly} onChange={onTable} />}
      {!readOnly && (
        <div className="actions pe-indicator-actions">
          {ind.condition === null && (
            <button type="button" className="inline" onClick={() => onChange({ condition: blankCondition() })}>
              {t("pf.addCondition")}
            </button>
          )}
          {ind.condition !== null && table !== null && (
            <button type="button" className="inline" onClick={() => onChange({ condition: null })}>
              {t("pf.removeCondition")}
            </button>
          )}
          <button type="button" id={`pe-ind-${ind.key}-up`} className="inline" disabled={index === 0} onClick={() => onMove(-1)} aria-label={t("pf.moveUpNamed", { code: name })}>
            {t("pf.moveUp")}
          </button>
          <button type="button" id={`pe-ind-${ind.key}-down`} className="inline" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={t("pf.moveDownNamed", { code: name })}>
            {t("pf.moveDown")}
          </button>
          <button type="button" className="inline pe-danger" onClick={onRemove} aria-label={t("pf.removeNamed", { code: name })}>
            {t("pf.remove")}
          </button>
        </div>
      )}
    </fieldset>
  );
}
