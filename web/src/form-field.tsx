// A labelled form control with an optional hint and its own error message,
// tied to the control (aria-describedby, aria-invalid) so a screen reader
// reads the problem with the field.
import type { ReactNode } from "react";

export interface ControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

export function FormField(props: { id: string; label: string; hint?: string | undefined; error?: string | undefined; children: (control: ControlProps) => ReactNode }) {
  const { id, label, hint, error } = props;
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {props.children({ id, "aria-invalid": Boolean(error), "aria-describedby": described || undefined })}
      {hint && (
        <span id={`${id}-hint`} className="help">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
