// The officer's record forms on a container's page: an inspection, a seizure
// and a referral. Nothing is chosen for the officer (no method, outcome,
// commodity, unit of quantity, concealment, detection method or recipient): the form is checked
// before it is sent and each unchosen field says so under itself. One
// submission at a time, and the form starts afresh after it is saved.
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useNavigate } from "react-router";
import { post } from "../api.js";
import { useApp } from "../context.js";
import { localDateTimeInput } from "../format.js";
import type { MessageKey } from "../i18n.js";
import { inspectionProblems, quantityOf, referralProblems, seizureProblems, type Problems } from "../record-forms.js";
import { useApi, useInvalidate } from "../server-state.js";
import { COMMODITY, CONCEALMENT, DETECTION as DETECTION_TEXT, INSPECTION_OUTCOME, QUANTITY_UNIT, RECIPIENT_KIND, term, type Vocabulary } from "../terms.js";
import { StatusLine } from "../a11y.js";
import { ErrorMessage, Field } from "../ui.js";

const COMMODITIES = ["cocaine", "heroin", "cannabis", "opium", "psychotropics", "nps", "precursors", "strategic_goods", "cigarettes", "counterfeit", "wildlife_environment", "alcohol", "vehicles", "other"];
const QUANTITY_UNITS = ["kg", "g", "t", "l", "ml", "units", "pieces", "packs", "sticks"];
const CONCEALMENTS = ["in_cargo", "in_structure", "in_reefer_unit", "rip_on_rip_off", "other"];
const DETECTION = ["profile", "random", "intelligence", "tip_off", "canine", "scanner", "other"];
export const RECIPIENTS = ["national_investigators", "prosecutor", "interpol_ncb", "financial_intelligence_unit", "programme_unit", "joint_investigation_team"];
/** The form's own wording for a programme unit (the lists' term stays "Programme unit"): which units it means. */
const RECIPIENT_CHOICE: Vocabulary<string> = { ...RECIPIENT_KIND, programme_unit: "referral.kindProgrammeUnit" };

/** GET /v1/units/{code}/programme-units: the units a seizure may be referred to. */
interface ProgrammeUnits {
  items: { code: string; name: string; country: string }[];
}

export interface InspectionRef {
  id: string;
  inspectedAt: string;
  inspectedBy: string | null;
}

/** The props a checked control carries: its problem is read with it. */
interface Checked {
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

/** A labelled control (the label wraps it, as elsewhere) and, under it, what is wrong with it. */
function CheckedField({ label, problem, children }: { label: string; problem: MessageKey | undefined; children: (checked: Checked) => ReactNode }) {
  const { t } = useApp();
  const id = useId();
  return (
    <>
      <Field label={label}>{children({ "aria-invalid": Boolean(problem), "aria-describedby": problem ? id : undefined })}</Field>
      {problem && (
        <span id={id} className="field-error" data-testid="field-error">
          {t(problem)}
        </span>
      )}
    </>
  );
}

/**
 * One submission at a time: a second press before the first answers is ignored. The button says so with
 * aria-disabled, not disabled: a focused button that becomes disabled drops the focus to the page's body, and a
 * keyboard user would start again from the top of the page after every record.
 */
function useSubmit() {
  const [state, setState] = useState<{ busy: boolean; error?: Error; done?: boolean }>({ busy: false });
  const pending = useRef(false);
  const run = async (action: () => Promise<unknown>, after?: () => void) => {
    if (pending.current) return;
    pending.current = true;
    setState({ busy: true });
    try {
      await action();
      setState({ busy: false, done: true });
      after?.();
    } catch (error) {
      setState({ busy: false, error: error as Error });
    } finally {
      pending.current = false;
    }
  };
  return [state, run] as const;
}

/** The choices of a vocabulary, after a "Choose…" that is never a value. */
function Choices({ options, vocabulary }: { options: readonly string[]; vocabulary: Vocabulary<string> }) {
  const { t } = useApp();
  return (
    <>
      <option value="" disabled>
        {t("form.choose")}
      </option>
      {options.map((o) => (
        <option key={o} value={o}>
          {term(t, vocabulary, o)}
        </option>
      ))}
    </>
  );
}

export function InspectionForm({ shipmentId, onSaved }: { shipmentId: string; onSaved: () => void }) {
  const { t, me, unit } = useApp();
  // No method and no outcome are chosen for the officer; the form starts afresh after each recorded inspection.
  const blank = () => ({ scanned: false, physicallyExamined: false, documentary: false, inspectedBy: me.displayName || me.username, inspectedAt: localDateTimeInput(new Date()), outcome: "", notes: "" });
  const [form, setForm] = useState(blank);
  const [problems, setProblems] = useState<ReturnType<typeof inspectionProblems>>({});
  const [state, run] = useSubmit();
  const methodsError = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = inspectionProblems(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    void run(
      () =>
        post(`/v1/units/${unit!.code}/inspections`, {
          shipmentId,
          scanned: form.scanned,
          physicallyExamined: form.physicallyExamined,
          documentary: form.documentary,
          inspectedBy: form.inspectedBy,
          inspectedAt: new Date(form.inspectedAt).toISOString(),
          outcome: form.outcome,
          ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
        }),
      () => {
        setForm(blank());
        onSaved();
      },
    );
  };
  const method = (key: "scanned" | "physicallyExamined" | "documentary", label: MessageKey) => (
    <label className="check">
      <input
        type="checkbox"
        checked={form[key]}
        aria-describedby={problems.methods ? methodsError : undefined}
        onChange={(e) => {
          setForm({ ...form, [key]: e.target.checked });
          setProblems({ ...problems, methods: undefined });
        }}
      />{" "}
      {t(label)}
    </label>
  );
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="inspection-form-h">
      <h3 id="inspection-form-h">{t("inspection.record")}</h3>
      <fieldset className="checks" aria-invalid={Boolean(problems.methods)}>
        <legend>{t("inspection.methods")}</legend>
        {method("scanned", "inspection.scanned")}
        {method("physicallyExamined", "inspection.physical")}
        {method("documentary", "inspection.documentary")}
        {problems.methods && (
          <span id={methodsError} className="field-error" data-testid="field-error">
            {t(problems.methods)}
          </span>
        )}
      </fieldset>
      <CheckedField label={t("inspection.by")} problem={problems.inspectedBy}>
        {(checked) => <input {...checked} value={form.inspectedBy} onChange={(e) => setForm({ ...form, inspectedBy: e.target.value })} />}
      </CheckedField>
      <CheckedField label={t("inspection.at")} problem={problems.inspectedAt}>
        {(checked) => <input {...checked} type="datetime-local" value={form.inspectedAt} onChange={(e) => setForm({ ...form, inspectedAt: e.target.value })} />}
      </CheckedField>
      <CheckedField label={t("inspection.outcome")} problem={problems.outcome}>
        {(checked) => (
          <select
            {...checked}
            value={form.outcome}
            onChange={(e) => {
              setForm({ ...form, outcome: e.target.value });
              setProblems({ ...problems, outcome: undefined });
            }}
          >
            <Choices options={["nothing_found", "seizure", "irregularity"]} vocabulary={INSPECTION_OUTCOME} />
          </select>
        )}
      </CheckedField>
      <Field label={t("inspection.notes")}>
        <textarea value={form.notes} onChange={(e) => setForm({ ...form, notes: e.target.value })} />
      </Field>
      {state.error && <ErrorMessage error={state.error} />}
      <StatusLine message={state.done ? t("inspection.saved") : null} />
      <button type="submit" aria-disabled={state.busy}>
        {t("inspection.record")}
      </button>
    </form>
  );
}

export function SeizureForm({ inspections, onSaved }: { inspections: readonly InspectionRef[]; onSaved: () => void }) {
  const { t, fmt, unit } = useApp();
  // Commodity, unit of the quantity (kg, litres, pieces...), concealment and detection are the officer's to choose (none pre-selected); blank again after saving.
  const blank = () => ({ inspectionId: inspections[0]!.id, commodity: "", quantity: "", quantityUnit: "", concealment: "", detectionMethod: "", personsArrested: "0" });
  const [form, setForm] = useState(blank);
  const [problems, setProblems] = useState<ReturnType<typeof seizureProblems>>({});
  const [state, run] = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = seizureProblems(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    void run(
      () =>
        post(`/v1/units/${unit!.code}/seizures`, {
          inspectionId: form.inspectionId,
          commodity: form.commodity,
          quantity: quantityOf(form.quantity),
          quantityUnit: form.quantityUnit,
          concealment: form.concealment,
          detectionMethod: form.detectionMethod,
          personsArrested: Number(form.personsArrested),
        }),
      () => {
        setForm(blank());
        onSaved();
      },
    );
  };
  type Key = keyof ReturnType<typeof seizureProblems>;
  const edit = (key: Key) => (e: { target: { value: string } }) => {
    setForm({ ...form, [key]: e.target.value });
    setProblems({ ...problems, [key]: undefined });
  };
  const select = (key: Key, label: string, options: string[], vocabulary: Vocabulary<string>) => (
    <CheckedField label={label} problem={problems[key]}>
      {(checked) => (
        <select {...checked} value={form[key]} onChange={edit(key)}>
          <Choices options={options} vocabulary={vocabulary} />
        </select>
      )}
    </CheckedField>
  );
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="seizure-form-h">
      <h3 id="seizure-form-h">{t("seizure.record")}</h3>
      <Field label={t("seizure.inspection")}>
        <select value={form.inspectionId} onChange={(e) => setForm({ ...form, inspectionId: e.target.value })}>
          {inspections.map((i) => (
            <option key={i.id} value={i.id}>
              {fmt.dateTime(i.inspectedAt)} — {i.inspectedBy ?? ""}
            </option>
          ))}
        </select>
      </Field>
      {select("commodity", t("seizure.commodity"), COMMODITIES, COMMODITY)}
      <CheckedField label={t("seizure.quantity")} problem={problems.quantity}>
        {(checked) => <input {...checked} inputMode="decimal" value={form.quantity} onChange={edit("quantity")} />}
      </CheckedField>
      {select("quantityUnit", t("seizure.unit"), QUANTITY_UNITS, QUANTITY_UNIT)}
      {select("concealment", t("seizure.concealment"), CONCEALMENTS, CONCEALMENT)}
      {select("detectionMethod", t("seizure.detection"), DETECTION, DETECTION_TEXT)}
      <CheckedField label={t("seizure.arrested")} problem={problems.personsArrested}>
        {(checked) => <input {...checked} type="number" min={0} value={form.personsArrested} onChange={edit("personsArrested")} />}
      </CheckedField>
      {state.error && <ErrorMessage error={state.error} />}
      <StatusLine message={state.done ? t("seizure.saved") : null} />
      <button type="submit" aria-disabled={state.busy}>
        {t("seizure.record")}
      </button>
    </form>
  );
}

export function ReferralForm({ seizureId }: { seizureId: string }) {
  const { t, unit } = useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  // The recipient is the officer's to choose: no service (nor unit) is picked for them.
  const [form, setForm] = useState({ kind: "", name: "", unitCode: "", note: "" });
  const [problems, setProblems] = useState<Problems<"kind" | "name" | "unitCode">>({});
  const [state, run] = useSubmit();
  const invalidate = useInvalidate();
  const toUnit = form.kind === "programme_unit";
  const units = useApi<ProgrammeUnits>(open && toUnit ? `/v1/units/${unit!.code}/programme-units` : null);
  if (!open) {
    return (
      <button type="button" className="inline" onClick={() => setOpen(true)}>
        {t("seizure.refer")}
      </button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = referralProblems(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    void run(async () => {
      const created = await post<{ id: string }>(`/v1/units/${unit!.code}/seizures/${seizureId}/referrals`, {
        // Another unit is named by the API after itself.
        recipient: toUnit ? { kind: form.kind, unitCode: form.unitCode } : { kind: form.kind, name: form.name.trim() },
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      });
      await invalidate(`/v1/units/${unit!.code}/referrals`, `/v1/units/${unit!.code}/seizures`, "/v1/summaries");
      void navigate(`/units/${unit!.code}/referrals/${created.id}`);
    });
  };
  const edit = (key: "kind" | "name" | "unitCode") => (e: { target: { value: string } }) => {
    setForm({ ...form, [key]: e.target.value });
    setProblems({ ...problems, [key]: undefined });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby={`ref-${seizureId}`}>
      <h3 id={`ref-${seizureId}`}>{t("referral.create")}</h3>
      <CheckedField label={t("referral.recipientKind")} problem={problems.kind}>
        {(checked) => (
          <select {...checked} value={form.kind} onChange={edit("kind")}>
            <Choices options={RECIPIENTS} vocabulary={RECIPIENT_CHOICE} />
          </select>
        )}
      </CheckedField>
      {toUnit ? (
        <>
          <CheckedField label={t("referral.recipientUnit")} problem={problems.unitCode}>
            {(checked) => (
              <select {...checked} value={form.unitCode} onChange={edit("unitCode")}>
                <option value="" disabled>
                  {t("form.choose")}
                </option>
                {units.data?.items.map((u) => (
                  <option key={u.code} value={u.code}>
                    {`${u.code} — ${u.name} (${u.country})`}
                  </option>
                ))}
              </select>
            )}
          </CheckedField>
          {units.error && <ErrorMessage error={units.error} retry={() => void units.refetch()} />}
          {units.data?.items.length === 0 && <p className="warning">{t("referral.noProgrammeUnits")}</p>}
        </>
      ) : (
        <CheckedField label={t("referral.recipientName")} problem={problems.name}>
          {(checked) => <input {...checked} value={form.name} onChange={edit("name")} />}
        </CheckedField>
      )}
      <Field label={t("referral.note")}>
        <textarea value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      </Field>
      {state.error && <ErrorMessage error={state.error} />}
      <button type="submit" aria-disabled={state.busy}>
        {t("referral.create")}
      </button>
    </form>
  );
}
