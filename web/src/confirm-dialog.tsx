// A confirmation that names what an action will do before it is done, on the
// browser's own modal <dialog>: showModal() makes the rest of the page inert
// (focus cannot leave it), Escape cancels, and when it closes focus goes back
// to what the user was on (the button that opened it, else the main region).
// Irreversible actions are an alertdialog; its first focus is Cancel, so a
// stray Enter changes nothing. Render it only while the question is asked.
import { useEffect, useId, useRef, type ReactNode, type SyntheticEvent } from "react";
import "./confirm-dialog.css";

export interface ConfirmDialogProps {
  title: string;
  /** What happens when confirmed, in full: what changes, what is replaced, what cannot be undone. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** Destructive or irreversible: an alertdialog, the confirm button in the warning style. */
  danger?: boolean;
  /** The confirmed action runs: both buttons wait, Escape does not leave it half done. */
  busy?: boolean;
  /** The question cannot be answered yet (what it names is still being read): only Cancel. */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, danger = false, busy = false, confirmDisabled = false, onConfirm, onCancel, testId }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  // onCancel may change identity between renders; the close handler reads the latest.
  const cancelRef = useRef(onCancel);
  cancelRef.current = onCancel;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    const element = dialog.current!;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    cancelButton.current?.focus();
    return () => {
      if (element.open) element.close();
      // The page behind is no longer inert: back to where the user was, or, when the answer removed that
      // button (a referral closed has no moves left), to the screen's main region rather than nowhere.
      const back = opener?.isConnected && !opener.matches(":disabled") ? opener : document.getElementById("main");
      back?.focus();
    };
  }, []);

  // Escape: the browser asks to cancel. While the action runs it stays (where the browser lets it).
  const onEscape = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    if (!busyRef.current) cancelRef.current();
  };
  // Closed by the browser itself (a second Escape it would not let us refuse): that is a cancel too.
  // (Not our own close on unmount: the element is gone then, or open again after a development remount.)
  const onClosed = () => {
    const element = dialog.current;
    if (element?.isConnected && !element.open && !busyRef.current) cancelRef.current();
  };

  return (
    <dialog
      ref={dialog}
      className={danger ? "confirm-dialog danger" : "confirm-dialog"}
      role={danger ? "alertdialog" : "dialog"}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid={testId}
      onCancel={onEscape}
      onClose={onClosed}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`} className="confirm-body">
        {children}
      </div>
      <div className="actions">
        <button type="button" className="confirm" disabled={busy || confirmDisabled} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" ref={cancelButton} className="inline" disabled={busy} onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </dialog>
  );
}
