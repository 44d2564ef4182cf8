// The frame of the screens before the app: signing in and choosing a
// password. The app's name, the form under its own heading (the page title
// too), and one alert line that a failed attempt fills.
import { useEffect, type FormEvent, type ReactNode } from "react";
import type { Translate } from "../i18n.js";
import { pageTitle } from "../page-state.js";

export function AuthFrame(props: {
  t: Translate;
  /** The form's heading and the page title. */
  title: string;
  titleId: string;
  /** What the alert line says (empty until an attempt fails). */
  message: string | null;
  onSubmit: () => Promise<void>;
  /** Beside the app's name (the language switch). */
  tools?: ReactNode;
  /** Said under the heading, before the alert line. */
  intro?: ReactNode;
  noValidate?: boolean;
  children: ReactNode;
}) {
  const { t, title } = props;
  useEffect(() => {
    document.title = pageTitle(title, t("app.name"));
  }, [t, title]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onSubmit();
  };
  return (
    <main className="sign-in" id="main">
      <header>
        <h1>{t("app.name")}</h1>
        {props.tools}
      </header>
      <form onSubmit={submit} aria-labelledby={props.titleId} noValidate={props.noValidate}>
        <h2 id={props.titleId}>{title}</h2>
        {props.intro}
        <p className="error" role="alert">
          {props.message ?? ""}
        </p>
        {props.children}
      </form>
    </main>
  );
}
