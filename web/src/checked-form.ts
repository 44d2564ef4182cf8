// A form checked in the browser before it is sent: what the check finds shows
// at its field (catalogue keys, translated), and so do the API's field errors
// (cleared as the field is edited); anything else the API says is an error
// shown with the form.
import { useState, type FormEvent } from "react";
import { keyOrText } from "./i18n.js";
import { ApiError, asError } from "./api.js";
import { useApp } from "./context.js";
import { splitFieldErrors, type FieldProblems } from "./watchlists.js";

/** A refused request: the problems of the form's fields, and the error to show besides them (null when the fields tell it all). */
export function refusalOf<F extends string>(e: unknown, fields: readonly F[]): { byField: FieldProblems<F>; error: Error | null } {
  const { byField, rest } = splitFieldErrors(e instanceof ApiError ? e.errors : [], fields);
  return { byField, error: Object.keys(byField).length === 0 || rest.length > 0 ? asError(e) : null };
}

type Field<T> = keyof T & string;

/**
 * `check`: the problems found before sending; `fields`: those the API's
 * errors may name; `send` runs once the check finds nothing, and the form
 * goes back to `blank` after it when `resetAfterSend`.
 */
export function useCheckedForm<T extends { [K in keyof T]: string }>(options: {
  blank: T;
  fields: readonly Field<T>[];
  check: (form: T) => FieldProblems<Field<T>>;
  send: (form: T) => Promise<void>;
  resetAfterSend?: boolean;
}) {
  const { t } = useApp();
  const [form, setForm] = useState<T>(options.blank);
  const [problems, setProblems] = useState<FieldProblems<Field<T>>>({});
  const [serverProblems, setServerProblems] = useState<FieldProblems<Field<T>>>({});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  /** The onChange of a field's control. */
  const set = (key: Field<T>) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setServerProblems((p) => ({ ...p, [key]: undefined }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = options.check(form);
    setProblems(found);
    setServerProblems({});
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await options.send(form);
      if (options.resetAfterSend) setForm(options.blank);
    } catch (e) {
      const refusal = refusalOf(e, options.fields);
      setServerProblems(refusal.byField);
      setError(refusal.error);
    } finally {
      setBusy(false);
    }
  };
  /** The problem to show at a field: the API's, else the check's. */
  const problem = (key: Field<T>): string | undefined => {
    const found = problems[key];
    return serverProblems[key] ?? (found ? keyOrText(t, found) : undefined);
  };
  return { form, set, problem, error, busy, submit: (event: FormEvent) => void submit(event) };
}
