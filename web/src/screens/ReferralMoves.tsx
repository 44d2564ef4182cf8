// The moves a referral may make from its state. Closing needs an outcome the
// officer chooses (none is pre-selected) and, like declining, it is final: a
// confirmation names the referral, the outcome and that it cannot be undone.
import { useRef, useState } from "react";
import { ConfirmDialog } from "../confirm-dialog.js";
import { useApp } from "../context.js";
import { CLOSE_OUTCOME, COMMODITY, REFERRAL_STATUS, term } from "../terms.js";
import { Field } from "../ui.js";
import { quantityText, recipientName, type Referral } from "./referral-records.js";

const CLOSE_OUTCOMES = ["conviction", "acquittal", "no_further_action", "merged_with_other_case", "other"] as const;
type Outcome = (typeof CLOSE_OUTCOMES)[number];
/** States a referral never leaves (core/referrals/referral-states.ts). */
const FINAL = new Set(["closed", "declined"]);

interface Props {
  referral: Referral;
  busy: boolean;
  /** Posts the transition; true when it was done. */
  move: (body: { to: string; outcome?: Outcome }, done: string) => Promise<boolean>;
}

export function ReferralMoves({ referral: r, busy, move }: Props) {
  const { t, fmt } = useApp();
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [missingOutcome, setMissingOutcome] = useState(false);
  const [asking, setAsking] = useState<"closed" | "declined" | null>(null);
  const outcomeField = useRef<HTMLSelectElement>(null);

  const moved = (to: string) => t("referral.moved", { status: term(t, REFERRAL_STATUS, to) });
  const press = (to: string) => {
    if (to === "closed" && outcome === "") {
      // Nothing is closed on a default: the outcome is the officer's choice.
      setMissingOutcome(true);
      outcomeField.current?.focus();
      return;
    }
    if (FINAL.has(to)) setAsking(to as "closed" | "declined");
    else void move({ to }, moved(to));
  };
  const confirm = async () => {
    if (asking === null) return;
    const done = await move(asking === "closed" && outcome !== "" ? { to: asking, outcome } : { to: asking }, moved(asking));
    setAsking(null);
    if (done) setOutcome("");
  };
  const about = {
    name: recipientName(t, r),
    commodity: term(t, COMMODITY, r.seizure.commodity).toLowerCase(),
    quantity: quantityText(t, fmt, r),
    container: r.shipment.containerNumber ?? r.shipment.billOfLading,
  };

  return (
    <div className="card" role="group" aria-label={t("referral.advance")}>
      <h2>{t("referral.advance")}</h2>
      {r.allowed.includes("closed") && (
        <Field label={t("referral.closeOutcome")}>
          <select
            ref={outcomeField}
            value={outcome}
            aria-invalid={missingOutcome && outcome === ""}
            aria-describedby={missingOutcome && outcome === "" ? "close-outcome-error" : undefined}
            onChange={(e) => {
              setOutcome(e.target.value as Outcome | "");
              setMissingOutcome(false);
            }}
          >
            <option value="">{t("referral.chooseOutcome")}</option>
            {CLOSE_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {term(t, CLOSE_OUTCOME, o)}
              </option>
            ))}
          </select>
        </Field>
      )}
      {r.allowed.includes("closed") && (
        // In the page before its message, so that the message is announced when it comes.
        <p className="field-error" id="close-outcome-error" role="alert">
          {missingOutcome && outcome === "" ? t("referral.outcomeFirst") : null}
        </p>
      )}
      <div className="actions">
        {r.allowed.map((to) => (
          <button key={to} type="button" disabled={busy} onClick={() => press(to)}>
            {t("referral.advance")}: {term(t, REFERRAL_STATUS, to)}
          </button>
        ))}
      </div>
      {asking === "closed" && outcome !== "" && (
        <ConfirmDialog
          danger
          busy={busy}
          testId="close-confirm"
          title={t("referral.closeTitle", { name: about.name })}
          confirmLabel={t("referral.closeConfirm", { outcome: term(t, CLOSE_OUTCOME, outcome) })}
          cancelLabel={t("referral.cancel")}
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(null)}
        >
          <p>{t("referral.closeExplain", { ...about, outcome: term(t, CLOSE_OUTCOME, outcome) })}</p>
          <p>
            <strong>{t("referral.finalWarning")}</strong>
          </p>
        </ConfirmDialog>
      )}
      {asking === "declined" && (
        <ConfirmDialog
          danger
          busy={busy}
          testId="decline-confirm"
          title={t("referral.declineTitle", { name: about.name })}
          confirmLabel={t("referral.declineConfirm")}
          cancelLabel={t("referral.cancel")}
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(null)}
        >
          <p>{t("referral.declineExplain", about)}</p>
          <p>
            <strong>{t("referral.finalWarning")}</strong>
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
