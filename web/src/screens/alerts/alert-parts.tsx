// Pieces the alert screens share: an alert's subject on one line, the
// receiving units and whether they acknowledged, acknowledging and replying
// (with their outcome announced), and a list's loading, error and empty states.
import { useState, type ReactNode } from "react";
import { ALERT_KIND, term } from "../../terms.js";
import { asError, post } from "../../api.js";
import { subjectText } from "../../alerts.js";
import { StatusLine } from "../../a11y.js";
import { useApp } from "../../context.js";
import { ErrorMessage, Field } from "../../ui.js";
import type { AlertSubject, Recipient } from "./alert-data.js";

/** "Container MSCU1000001", "Seizure report". */
export function SubjectLine({ subject }: { subject: AlertSubject }) {
  const { t } = useApp();
  const text = subjectText(subject);
  return (
    <>
      {term(t, ALERT_KIND, subject.kind)}
      {text && (
        <>
          {" "}
          <code>{text}</code>
        </>
      )}
    </>
  );
}

/** Each receiving unit: when it acknowledged the alert, or that it has not. */
export function RecipientList({ recipients, testId }: { recipients: Recipient[] | null; testId?: string }) {
  const { t, fmt } = useApp();
  return (
    <ul className="reasons" data-testid={testId}>
      {(recipients ?? []).map((r) => (
        <li key={r.unitCode}>
          {r.unitCode}: {r.acknowledgedAt ? t("alerts.acknowledgedAt", { at: fmt.dateTime(r.acknowledgedAt) }) : t("alerts.notAcknowledged")}
        </li>
      ))}
    </ul>
  );
}

/** An action under way, and its outcome: an error (with a retry where one makes sense) or a notice. */
export interface ActionState {
  busy: boolean;
  error?: Error;
  notice?: string;
  retry?: () => void;
}

/** The outcome of the last action: the error, or the notice in a status line that is always there. */
export function ActionMessages({ state }: { state: ActionState }) {
  return (
    <>
      {state.error && <ErrorMessage error={state.error} retry={state.retry} />}
      <StatusLine message={state.error ? null : state.notice} />
    </>
  );
}

export type AlertActions = ReturnType<typeof useAlertActions>;

/** Acknowledging and replying to the alert at `base` (its API path); `onDone` after each success. */
export function useAlertActions(base: string, onDone: () => void) {
  const { t } = useApp();
  const [state, setState] = useState<ActionState>({ busy: false });
  const [reply, setReply] = useState("");
  const act = async (action: () => Promise<unknown>, notice: string) => {
    setState({ busy: true });
    try {
      await action();
      setState({ busy: false, notice });
      onDone();
    } catch (e) {
      setState({ busy: false, error: asError(e) });
    }
  };
  return {
    state,
    reply,
    setReply,
    acknowledge: () => void act(() => post(`${base}/acknowledge`), t("alerts.acknowledgedNotice")),
    sendReply: () =>
      void act(async () => {
        await post(`${base}/replies`, { message: reply });
        setReply("");
      }, t("alerts.replied")),
  };
}

/** The unit's acknowledgement of an alert it received, or the button to acknowledge it. `busy`: the button waits. */
export function AcknowledgeAction({ mine, actions, busy = false }: { mine: Recipient | undefined; actions: AlertActions; busy?: boolean }) {
  const { t, fmt } = useApp();
  return (
    <div className="actions">
      {mine?.acknowledgedAt ? (
        <span className="tag state-active" data-testid="acknowledged">
          {t("alerts.acknowledgedAt", { at: fmt.dateTime(mine.acknowledgedAt) })}
        </span>
      ) : (
        <button type="button" disabled={busy} onClick={actions.acknowledge}>
          {t("alerts.acknowledge")}
        </button>
      )}
    </div>
  );
}

/** A reply to an alert. `busy`: the button waits while an action is under way. */
export function ReplyForm(props: { actions: AlertActions; rows: number; maxLength?: number; className: string; busy?: boolean; heading?: ReactNode }) {
  const { t } = useApp();
  const { actions, busy = false } = props;
  return (
    <form
      className={props.className}
      onSubmit={(e) => {
        e.preventDefault();
        actions.sendReply();
      }}
    >
      {props.heading}
      <Field label={t("alerts.reply")}>
        <textarea rows={props.rows} required maxLength={props.maxLength} value={actions.reply} onChange={(e) => actions.setReply(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy || !actions.reply.trim()}>
        {t("alerts.sendReply")}
      </button>
    </form>
  );
}
