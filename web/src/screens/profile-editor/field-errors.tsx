// A form field's validation messages, tied to its input by id, so a screen
// reader reads them with the field and the summary can move focus to it.
import type { ReactNode } from "react";
import { inputId, type PlacedErrors } from "../../profile-errors.js";

/** Props for the input that shows `path`: its id, its help and its messages when there are some. */
export function fieldProps(path: string, placed: PlacedErrors, withHelp = false) {
  const id = inputId(path);
  const invalid = placed.at.has(path);
  const describedBy = [withHelp ? `${id}-help` : "", invalid ? `${id}-err` : ""].filter(Boolean).join(" ");
  return { id, ...(invalid ? { "aria-invalid": true } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) };
}

export function FieldErrors({ path, placed }: { path: string; placed: PlacedErrors }) {
  const messages = placed.at.get(path);
  if (!messages) return null;
  return (
    <ul className="pe-field-errors error" id={`${inputId(path)}-err`}>
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/** A labelled input (built with fieldProps) with its help and messages under it. */
export function PField({ path, label, placed, help, children, className }: { path: string; label: string; placed: PlacedErrors; help?: string; children: ReactNode; className?: string }) {
  return (
    <div className={`field${className ? ` ${className}` : ""}`}>
      <label htmlFor={inputId(path)}>{label}</label>
      {children}
      {help && (
        <small className="help" id={`${inputId(path)}-help`}>
          {help}
        </small>
      )}
      <FieldErrors path={path} placed={placed} />
    </div>
  );
}
