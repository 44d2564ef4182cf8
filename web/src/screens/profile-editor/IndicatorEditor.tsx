// One indicator of the form. Closed, it is one line: its name (a button that
// opens it: a disclosure, aria-expanded and aria-controls), its label,
// weight (points, or its table's size), condition as a sentence and how many
// errors the validator found in it. Open, it shows its fields: code, label,
// points (or its table: key fields and entries), the examiner's note and the
// condition; moved and removed from there. A learned profile lists dozens of
// indicators with thousands of table entries: only the open ones render
// their fields and tables, so the editor opens fast and the page stays short.
import { conditionLine } from "../../condition-text.js";
import { useApp } from "../../context.js";
import { blankCondition, conditionFromForm } from "../../profile-conditions.js";
import { indicatorPath, type PlacedErrors } from "../../profile-errors.js";
import type { IndicatorForm } from "../../profile-form.js";
import { entryCount } from "../../profile-table.js";
import { ConditionEditor } from "./ConditionEditor.js";
import { FieldErrors, fieldProps, PField } from "./field-errors.js";
import { TableEditor, type TableChange } from "./TableEditor.js";

interface Props {
  index: number;
  count: number;
  ind: IndicatorForm;
  placed: PlacedErrors;
  readOnly: boolean;
  /** Its fields are shown (else only its summary line). */
  open: boolean;
  onToggle: () => void;
  /** The validator's messages about this indicator (and keys written twice in its table). */
  errorCount: number;
  onChange: (patch: Partial<Pick<IndicatorForm, "code" | "label" | "note" | "points" | "condition">>) => void;
  onTable: TableChange;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** The id of an indicator's open/close button (the focus goes there when its fields are not shown). */
export const toggleId = (key: string): string => `pe-ind-${key}-toggle`;

/** The summary line of a closed indicator: label, weight, condition as a sentence in the reader's language. */
function Summary({ ind, id, errorCount }: { ind: IndicatorForm; id: string; errorCount: number }) {
  const { t, fmt, language } = useApp();
  const table = ind.tableForm;
  const parts = [
    ind.label.trim(),
    table !== null ? t("pf.summary.table", { n: entryCount(table) }) : ind.points.trim() === "" ? t("pf.summary.noPoints") : t("pf.summary.points", { points: ind.points.trim() }),
    ind.condition !== null ? conditionLine({ t, fmt, language }, conditionFromForm(ind.condition)) : t(table !== null ? "pf.summary.everywhere" : "pf.summary.noCondition"),
  ].filter((part) => part !== "");
  return (
    <p className="pe-ind-summary" id={id}>
      {parts.join(" · ")}
      {errorCount > 0 && <span className="tag pe-ind-errors">{t("pf.summary.errors", { n: errorCount })}</span>}
    </p>
  );
}

export function IndicatorEditor({ index, count, ind, placed, readOnly, open, onToggle, errorCount, onChange, onTable, onMove, onRemove }: Props) {
  const { t } = useApp();
  const path = (key: string) => indicatorPath(index, key);
  const name = ind.code.trim() || t("pf.newIndicator");
  const buttonId = toggleId(ind.key);
  const bodyId = `pe-ind-${ind.key}-body`;
  const summaryId = `pe-ind-${ind.key}-summary`;
  const table = ind.tableForm;
  return (
    <div role="group" className={`pe-indicator${open ? " pe-open" : ""}`} aria-labelledby={buttonId} data-testid="pe-indicator">
      <h4 className="pe-ind-head">
        <button type="button" id={buttonId} className="pe-ind-toggle" aria-expanded={open} aria-controls={bodyId} aria-describedby={summaryId} onClick={onToggle}>
          {/* The open/closed mark is drawn, not read: the button's name stays "Indicator n: CODE" (aria-expanded says the state). */}
          <span className="pe-ind-mark" aria-hidden="true" />
          {t("pf.indicatorLegend", { n: index + 1, code: name })}
        </button>
      </h4>
      <Summary ind={ind} id={summaryId} errorCount={errorCount} />
      <div id={bodyId} className="pe-ind-body" hidden={!open}>
        {open && (
          <>
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
          </>
        )}
      </div>
    </div>
  );
}
