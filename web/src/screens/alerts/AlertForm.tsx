// The form to alert other units about a container, bill of lading, party or
// route, or to share one of the unit's seizures as a seizure report. A link
// may open it pre-filled (a container's seizure → "share as a seizure report").
import { useEffect, useRef, useState, type FormEvent } from "react";
import { COMMODITY, quantityText, term } from "../../terms.js";
import { useLocation } from "react-router";
import { asError, post } from "../../api.js";
import { alertRequest, prefillFrom, shareableSeizures, SUBJECT_KINDS, type AlertForm, type SubjectKind } from "../../alerts.js";
import { useApp } from "../../context.js";
import { useApi } from "../../server-state.js";
import { localDateTimeInput } from "../../format.js";
import { Field } from "../../ui.js";
import type { Seizure } from "./alert-data.js";
import { ActionMessages, type ActionState } from "./alert-parts.js";

const EMPTY_FORM: Omit<AlertForm, "kind" | "seizureId"> = { fields: { value: "", country: "", to: "" }, message: "", recipients: "", expiresAt: "" };

export function SendAlertForm({ onSent }: { onSent: () => void }) {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const { search } = useLocation();
  const [prefill] = useState(() => prefillFrom(search));
  const [form, setForm] = useState<AlertForm>({ ...EMPTY_FORM, kind: prefill.kind ?? "container", seizureId: prefill.seizureId });
  const seizureList = useApi<{ items: Seizure[] }>(`/v1/units/${code}/seizures?limit=500`);
  const [state, setState] = useState<ActionState>({ busy: false });
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (prefill.kind) firstField.current?.focus();
  }, [prefill]);
  const set = <K extends keyof AlertForm>(key: K, value: AlertForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setField = (key: keyof AlertForm["fields"], value: string) => setForm((f) => ({ ...f, fields: { ...f.fields, [key]: value } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ busy: true });
    try {
      await post(`/v1/units/${code}/alerts`, alertRequest(form));
      setState({ busy: false, notice: t("alerts.sent") });
      setForm((f) => ({ ...EMPTY_FORM, kind: f.kind, seizureId: "" }));
      onSent();
    } catch (e) {
      setState({ busy: false, error: asError(e) });
    }
  };
  const isReport = form.kind === "seizure_report";
  const valueLabel = form.kind === "container" ? t("alerts.containerNumber") : form.kind === "bill_of_lading" ? t("alerts.billOfLading") : form.kind === "party" ? t("alerts.partyName") : t("alerts.portOfLoading");
  const shareable = seizureList.data ? shareableSeizures(seizureList.data.items) : [];
  const noSeizure = isReport && seizureList.data !== undefined && shareable.length === 0;
  return (
    <section className="card" aria-labelledby="send-h">
      <h2 id="send-h">{t("alerts.send")}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div className="form-grid">
          <Field label={t("alerts.subjectKind")}>
            <select ref={firstField} value={form.kind} onChange={(e) => set("kind", e.target.value as SubjectKind)}>
              {SUBJECT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`alerts.kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          {!isReport && (
            <Field label={valueLabel}>
              <input required value={form.fields.value} onChange={(e) => setField("value", e.target.value)} />
            </Field>
          )}
          {form.kind === "party" && (
            <Field label={t("alerts.partyCountry")}>
              <input value={form.fields.country} maxLength={2} onChange={(e) => setField("country", e.target.value)} />
            </Field>
          )}
          {form.kind === "route" && (
            <Field label={t("alerts.portOfDischarge")}>
              <input required value={form.fields.to} onChange={(e) => setField("to", e.target.value)} />
            </Field>
          )}
          <Field label={isReport ? t("alerts.seizure") : t("alerts.seizureOptional")}>
            <select value={form.seizureId} required={isReport} onChange={(e) => set("seizureId", e.target.value)} aria-describedby="seizure-help">
              <option value="">{isReport ? t("alerts.chooseSeizure") : t("alerts.noSeizure")}</option>
              {shareable.map((z) => (
                <option key={z.id} value={z.id}>
                  {term(t, COMMODITY, z.commodity)} — {quantityText(t, fmt, z.quantity, z.quantityUnit)} — {z.containerNumber ?? z.billOfLading} — {fmt.date(z.seizedAt)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("alerts.recipients")}>
            <input required value={form.recipients} onChange={(e) => set("recipients", e.target.value)} aria-describedby="recipients-help" />
          </Field>
          <Field label={t("alerts.expiresAt")}>
            <input type="datetime-local" min={localDateTimeInput(new Date())} value={form.expiresAt} onChange={(e) => set("expiresAt", e.target.value)} aria-describedby="expires-help" />
          </Field>
        </div>
        <p id="seizure-help" className="help">
          {seizureList.error ? t("app.error", { message: seizureList.error.message }) : noSeizure ? t("alerts.noShareableSeizure") : t("alerts.seizureHelp")}
        </p>
        <p id="recipients-help" className="help">
          {t("alerts.recipientsHelp")}
        </p>
        <p id="expires-help" className="help">
          {t("alerts.expiresHelp")}
        </p>
        <Field label={t("alerts.message")}>
          <textarea rows={3} required maxLength={4000} value={form.message} onChange={(e) => set("message", e.target.value)} />
        </Field>
        <button type="submit" disabled={state.busy || noSeizure}>
          {t("alerts.sendButton")}
        </button>
      </form>
      <ActionMessages state={state} />
    </section>
  );
}
