// A form checked in the browser before it is sent: what the check finds shows
// at its field (catalogue keys, translated), and so do the API's field errors;
// a field's problem goes as soon as that field is edited (a problem left under
// a field already put right reads as if it were still wrong), with those of the
// fields the form says depend on it; anything else the API says is an error
// shown with the form.
import { useState, type FormEvent } from "react";
import { keyOrText } from "./i18n.js";
import { ApiError, asError } from "./api.js";
import { useApp } from "./context.js";
import { splitFieldErrors } from "./watchlists.js";

/** A refused request: the problems of the form's fields, and the error to show besides them (null when the fields tell it all). */
function refusalOf<P extends object>(e: unknown, read: FieldErrorReader<P>): { byField: P; error: Error | null } {
  const { byField, rest } = read(e instanceof ApiError ? e.errors : []);
  return { byField, error: Object.keys(byField).length === 0 || rest.length > 0 ? asError(e) : null };
}

/** A field's problem: a message key (or words of the form's own), or `text` shown as it is (the API's words). */
type CheckedProblem = string | { text: string };
type Problems<F extends string> = Partial<Record<F, CheckedProblem>>;
/** The API's field errors read onto a form's fields, in the form's words; `rest` are those no field shows. */
type FieldErrorReader<P> = (errors: readonly { path: string; message: string }[]) => { byField: P; rest: readonly unknown[] };

type Field<T> = keyof T & string;

/**
 * `check`: the problems found before sending; `fields`: those the API's
 * errors may name (shown in the API's words), or a reader that puts them in
 * the form's; `send` runs once the check finds nothing, and the form goes
 * back to `blank` after it when `resetAfterSend`. `clears`: the fields whose
 * problems go too when a field is edited (a new role asks for another scope).
 */
export function useCheckedForm<T extends { [K in keyof T]: string }>(options: {
  blank: T;
  fields: readonly Field<T>[] | FieldErrorReader<Problems<Field<T>>>;
  check: (form: T) => Problems<Field<T>>;
  send: (form: T) => Promise<void>;
  resetAfterSend?: boolean;
  clears?: Partial<Record<Field<T>, readonly Field<T>[]>>;
}) {
  const { t } = useApp();
  const [form, setForm] = useState<T>(options.blank);
  const [problems, setProblems] = useState<Problems<Field<T>>>({});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const { fields } = options;
  const readFieldErrors: FieldErrorReader<Problems<Field<T>>> =
    typeof fields === "function"
      ? fields
      : (errors) => {
          const { byField, rest } = splitFieldErrors(errors, fields);
          const worded: Problems<Field<T>> = {};
          for (const [field, text] of Object.entries(byField) as [Field<T>, string][]) worded[field] = { text };
          return { byField: worded, rest };
        };
  /** The onChange of a field's control. */
  const set = (key: Field<T>) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setProblems((p) => {
      const left = { ...p };
      for (const field of [key, ...(options.clears?.[key] ?? [])]) delete left[field];
      return left;
    });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = options.check(form);
    setProblems(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await options.send(form);
      if (options.resetAfterSend) setForm(options.blank);
    } catch (e) {
      const refusal = refusalOf(e, readFieldErrors);
      setProblems(refusal.byField);
      setError(refusal.error);
    } finally {
      setBusy(false);
    }
  };
  /** The problem to show at a field, in words. */
  const problem = (key: Field<T>): string | undefined => {
    const found = problems[key];
    return found === undefined ? undefined : typeof found === "string" ? keyOrText(t, found) : found.text;
  };
  return { form, set, problem, error, busy, submit: (event: FormEvent) => void submit(event) };
}
