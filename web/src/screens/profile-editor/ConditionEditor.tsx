// An indicator's condition: the operator, then one input per parameter; a
// JSON text for nested all/any/not and whatever the inputs cannot show.
import { useApp } from "../../context.js";
import { keyOrText } from "../../i18n.js";
import { changeOp, OP_PARAMS, STRUCTURED_OPS, type ConditionForm, type ParamSpec, type StructuredOp } from "../../profile-conditions.js";
import { indicatorPath, type PlacedErrors } from "../../profile-errors.js";
import { FieldErrors, fieldProps, PField } from "./field-errors.js";

export const FIELD_LIST_ID = "pe-field-paths";

interface Props {
  index: number;
  condition: ConditionForm;
  onChange: (next: ConditionForm) => void;
  placed: PlacedErrors;
  readOnly: boolean;
}

const LIST_KINDS = new Set(["values", "texts"]);

function ParamInput({ index, spec, condition, onChange, placed, readOnly }: Props & { spec: ParamSpec; condition: Extract<ConditionForm, { mode: "structured" }> }) {
  const { t } = useApp();
  const path = indicatorPath(index, `when.${spec.name}`);
  const value = condition.params[spec.name] ?? "";
  const set = (next: string) => onChange({ ...condition, params: { ...condition.params, [spec.name]: next } });
  const name = keyOrText(t, `pf.param.${spec.name}`);
  const label = spec.optional ? t("pf.optional", { label: name }) : name;
  const help = LIST_KINDS.has(spec.kind) ? t("pf.help.lines") : spec.kind === "codes" ? t("pf.help.codes") : undefined;
  const props = { ...fieldProps(path, placed, help !== undefined), readOnly };
  let input;
  if (spec.kind === "choice") {
    input = (
      <select {...fieldProps(path, placed)} disabled={readOnly} value={value} onChange={(e) => set(e.target.value)}>
        {(spec.optional || value === "") && <option value="">{t("app.none")}</option>}
        {(spec.choices ?? []).map((c) => (
          <option key={c} value={c}>
            {keyOrText(t, `pf.choice.${spec.name}.${c}`)}
          </option>
        ))}
      </select>
    );
  } else if (LIST_KINDS.has(spec.kind)) {
    input = <textarea {...props} rows={Math.min(6, Math.max(2, value.split("\n").length))} value={value} onChange={(e) => set(e.target.value)} />;
  } else {
    const numeric = spec.kind === "number" || spec.kind === "bound";
    input = (
      <input
        {...props}
        value={value}
        onChange={(e) => set(e.target.value)}
        spellCheck={false}
        {...(spec.kind === "field" ? { list: FIELD_LIST_ID, autoComplete: "off" } : {})}
        {...(numeric ? { inputMode: "decimal" as const } : {})}
      />
    );
  }
  return (
    <PField path={path} label={label} placed={placed} help={help} className={`pe-param pe-param-${spec.kind}`}>
      {input}
    </PField>
  );
}

export function ConditionEditor(props: Props) {
  const { t } = useApp();
  const { index, condition, onChange, placed, readOnly } = props;
  const opPath = indicatorPath(index, "when.op");
  const whenPath = indicatorPath(index, "when");
  const selected = condition.mode === "raw" ? "raw" : condition.op;
  let rawProblem: string | null = null;
  if (condition.mode === "raw") {
    try {
      JSON.parse(condition.text);
    } catch (e) {
      rawProblem = (e as Error).message;
    }
  }
  return (
    <div className="pe-condition">
      <PField path={opPath} label={t("pf.operator")} placed={placed}>
        <select {...fieldProps(opPath, placed)} disabled={readOnly} value={selected} onChange={(e) => onChange(changeOp(condition, e.target.value as StructuredOp | "raw"))}>
          {STRUCTURED_OPS.map((op) => (
            <option key={op} value={op}>
              {t(`pf.op.${op}`)}
            </option>
          ))}
          <option value="raw">{t("pf.op.raw")}</option>
        </select>
      </PField>
      {condition.mode === "structured" && OP_PARAMS[condition.op].length === 0 && <p className="help">{t("pf.noParams")}</p>}
      {condition.mode === "structured" && (
        <div className="pe-params">
          {OP_PARAMS[condition.op].map((spec) => (
            <ParamInput key={spec.name} {...props} spec={spec} condition={condition} />
          ))}
        </div>
      )}
      {condition.mode === "raw" && (
        <PField path={whenPath} label={t("pf.rawCondition")} placed={placed} help={t("pf.rawHelp")}>
          <textarea
            {...fieldProps(whenPath, placed, true)}
            className="code"
            rows={Math.min(12, Math.max(3, condition.text.split("\n").length))}
            spellCheck={false}
            readOnly={readOnly}
            value={condition.text}
            onChange={(e) => onChange({ mode: "raw", text: e.target.value })}
          />
        </PField>
      )}
      {rawProblem && <p className="error">{t("editor.invalidJson", { message: rawProblem })}</p>}
      {condition.mode === "structured" && <FieldErrors path={whenPath} placed={placed} />}
    </div>
  );
}
