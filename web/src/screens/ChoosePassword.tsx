// After signing in with a one-time password (printed by `npm start`, or given
// by an admin's reset), the user chooses their own before anything else.
import { useState } from "react";
import { ApiError, post } from "../api.js";
import { FormField } from "../form-field.js";
import type { Translate } from "../i18n.js";
import { AuthFrame } from "./AuthFrame.js";

const MIN_LENGTH = 12;

export function ChoosePassword(props: { t: Translate; username: string; onChosen: () => void; onSignOut: () => void }) {
  const { t } = props;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<Partial<Record<"currentPassword" | "newPassword" | "repeat", string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const local: typeof errors = {};
    if (next.length < MIN_LENGTH) local.newPassword = t("choosePassword.tooShort", { min: MIN_LENGTH });
    if (repeat !== next) local.repeat = t("choosePassword.mismatch");
    setErrors(local);
    setMessage(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      await post("/v1/me/password", { currentPassword: current, newPassword: next });
      props.onChosen();
    } catch (error) {
      const fields = error instanceof ApiError ? error.errors : [];
      if (fields.length > 0) setErrors(Object.fromEntries(fields.map((f) => [f.path, f.message])));
      else setMessage(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame
      t={t}
      title={t("choosePassword.title")}
      titleId="choose-password-title"
      message={message}
      onSubmit={submit}
      intro={<p>{t("choosePassword.why", { user: props.username })}</p>}
      noValidate
    >
      <FormField id="current-password" label={t("choosePassword.current")} error={errors.currentPassword}>
        {(control) => <input {...control} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} autoFocus />}
      </FormField>
      <FormField id="new-password" label={t("choosePassword.new")} hint={t("choosePassword.hint", { min: MIN_LENGTH })} error={errors.newPassword}>
        {(control) => <input {...control} type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />}
      </FormField>
      <FormField id="repeat-password" label={t("choosePassword.repeat")} error={errors.repeat}>
        {(control) => <input {...control} type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
      </FormField>
      <button type="submit" disabled={busy}>
        {t("choosePassword.submit")}
      </button>{" "}
      <button type="button" onClick={props.onSignOut}>
        {t("app.signOut")}
      </button>
    </AuthFrame>
  );
}
