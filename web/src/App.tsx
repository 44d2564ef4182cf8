// The shell: sign-in, language switch, navigation offered by role, routes.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { Link, Navigate, NavigationType, useLocation, useNavigate, useNavigationType } from "react-router";
import { ApiError, get, loadSession, setUnauthenticatedHandler, signIn, signOut, type Me, type SignedIn as SignInAnswer, type UnitItem } from "./api.js";
import { AuthFrame } from "./screens/AuthFrame.js";
import { ChoosePassword } from "./screens/ChoosePassword.js";
import { AppContext, useApp, type AppContextValue } from "./context.js";
import { formatters } from "./format.js";
import { RawIntlProvider } from "react-intl";
import { intlFor, LANGUAGES, pickLanguage, translatorFor, type Language, type Translate } from "./i18n.js";
import { AppRoutes, loadQueue, preloadScreen } from "./routes.js";
import { createQueryClient } from "./server-state.js";
import { UnreadBadge } from "./screens/alerts/UnreadBadge.js";
import { Field } from "./ui.js";
import { LiveRegion, useDocumentTitle } from "./a11y.js";
import { navCurrent } from "./page-state.js";

const LANGUAGE_KEY = "portcullis.language";

/**
 * On a move to another screen (a link, a redirect; not Back or Forward, which
 * the browser restores), the page starts at the top and keyboard and
 * screen-reader users continue from the new screen's content, not from the
 * link that vanished. Filter changes (search params only) keep focus where it is.
 * A layout effect, so it runs before the new screen's own effects: a screen
 * that puts focus on its first field (a pre-filled form) keeps it.
 */
function useFocusMainOnNavigation(pathname: string): void {
  const navigationType = useNavigationType();
  const first = useRef(true);
  useLayoutEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (navigationType === NavigationType.Pop) return;
    window.scrollTo(0, 0);
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [pathname]);
}

export function App() {
  const [language, setLanguageState] = useState<Language>(() => {
    const saved = localStorage.getItem(LANGUAGE_KEY);
    return saved === "en" || saved === "es" ? saved : pickLanguage(navigator.languages);
  });
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(LANGUAGE_KEY, next);
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const intl = useMemo(() => intlFor(language), [language]);
  const t = useMemo(() => translatorFor(intl), [intl]);
  // Signed in: who and their units when the sign-in answered them (null after a reload: SignedIn reads them).
  const [session, setSession] = useState<{ who: Who | null } | null>(() => (loadSession() ? { who: null } : null));
  const [expired, setExpired] = useState(false);
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setSession(null);
      setExpired(true);
    });
  }, []);
  // The title of each screen: the sign-in form's here, the signed-in screens' in Shell.

  if (!session) {
    return (
      <RawIntlProvider value={intl}>
        <SignIn
          t={t}
          language={language}
          setLanguage={setLanguage}
          expired={expired}
          onSignedIn={({ me, units }) => {
            setExpired(false);
            setSession({ who: { me, units } });
          }}
        />
      </RawIntlProvider>
    );
  }
  return (
    <RawIntlProvider value={intl}>
      <SignedIn t={t} language={language} setLanguage={setLanguage} signedInAs={session.who} onSignedOut={() => setSession(null)} />
    </RawIntlProvider>
  );
}

/** `compact`: the word "Language" is kept for screen readers only (the signed-in header must fit one line at 1366 px). */
function LanguageSwitch({ t, language, setLanguage, compact = false }: { t: Translate; language: Language; setLanguage: (l: Language) => void; compact?: boolean }) {
  return (
    <label className="language">
      <span className={compact ? "visually-hidden" : undefined}>{t("app.language")}</span>
      <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {l === "en" ? "English" : "Español"}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Who is signed in and the units they work in (GET /v1/me and /v1/units, or the sign-in's answer). */
interface Who {
  me: Me;
  units: UnitItem[];
}

function SignIn(props: { t: Translate; language: Language; setLanguage: (l: Language) => void; expired: boolean; onSignedIn: (answer: SignInAnswer) => void }) {
  const { t } = props;
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [message, setMessage] = useState<string | null>(props.expired ? t("signIn.expired") : null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setMessage(null);
    // Most users land on the queue: its code loads while the password is checked.
    void loadQueue();
    try {
      props.onSignedIn(await signIn(username, password));
    } catch (error) {
      setMessage(error instanceof ApiError && error.status === 429 ? t("signIn.rateLimited") : error instanceof ApiError && error.status === 401 ? t("signIn.failed") : String((error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AuthFrame t={t} title={t("signIn.title")} titleId="sign-in-title" message={message} onSubmit={submit} tools={<LanguageSwitch t={t} language={props.language} setLanguage={props.setLanguage} />}>
      <Field label={t("signIn.username")}>
        <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
      </Field>
      <Field label={t("signIn.password")}>
        <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>
        {t("signIn.submit")}
      </button>
    </AuthFrame>
  );
}

function SignedIn(props: { t: Translate; language: Language; setLanguage: (l: Language) => void; signedInAs: Who | null; onSignedOut: () => void }) {
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const [state, setState] = useState<Who | Error | null>(props.signedInAs);
  const [unitCode, setUnitCode] = useState<string | null>(() => sessionStorage.getItem("portcullis.unit"));
  const [attempt, setAttempt] = useState(0);
  // One cache per signed-in session: signing out unmounts it, so nothing read by one user is shown to the next.
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    // Just signed in: the answer said who (a retry or a chosen password reads it again).
    if (attempt === 0 && props.signedInAs) return;
    setState(null);
    Promise.all([get<Me>("/v1/me"), get<{ items: UnitItem[] }>("/v1/units")]).then(
      ([me, units]) => setState({ me, units: units.items }),
      (error: unknown) => setState(error instanceof Error ? error : new Error(String(error))),
    );
  }, [attempt, props.signedInAs]);
  const who = state === null || state instanceof Error || state.me.passwordChangeRequired ? null : state;
  // A unit named in the URL wins, then the last chosen one, then the first.
  const urlUnit = /^\/units\/([^/]+)/.exec(pathname)?.[1];
  const unit = who ? (who.units.find((u) => u.code === (urlUnit ? decodeURIComponent(urlUnit) : unitCode)) ?? who.units[0] ?? null) : null;
  // "/" (just signed in) leads to the user's home screen, before the shell mounts: what the shell reads
  // (the unread count) is read once, for the screen the user lands on.
  const atRoot = pathname === "/" || pathname === "/sign-in";
  const home = who && atRoot ? homeFor(who.me, unit) : null;
  // The first screen's code and reads start as soon as it is known, beside who the user is (after a reload).
  const landing = atRoot ? home : pathname;
  const preloaded = useRef(false);
  useEffect(() => {
    if (preloaded.current || landing === null) return;
    preloaded.current = true;
    preloadScreen(queryClient, landing, atRoot ? "" : search);
  }, [queryClient, landing, atRoot, search]);
  // Formats follow the interface language, in the user's regional variant when the browser names one (es-EC, en-GB...).
  const fmt = useMemo(() => formatters(navigator.languages.find((l) => l.split("-")[0] === props.language) ?? props.language), [props.language]);
  if (state === null) return <p role="status">{props.t("app.loading")}</p>;
  if (state instanceof Error) {
    return (
      <main id="main">
        <h1>{props.t("app.name")}</h1>
        <LiveRegion role="alert" className="error">
          <p>{props.t("app.error", { message: state.message })}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {props.t("app.retry")}
          </button>
        </LiveRegion>
      </main>
    );
  }
  if (!who) {
    return <ChoosePassword t={props.t} username={state.me.username} onChosen={() => setAttempt((n) => n + 1)} onSignOut={() => void signOut().finally(props.onSignedOut)} />;
  }
  // Replaced, so Back does not return to "/" only to be sent on again.
  if (home !== null && home !== "/") return <Navigate to={home} replace />;
  const value: AppContextValue = {
    t: props.t,
    fmt,
    language: props.language,
    setLanguage: props.setLanguage,
    me: who.me,
    units: who.units,
    unit,
    setUnit: (code) => {
      sessionStorage.setItem("portcullis.unit", code);
      setUnitCode(code);
      void navigate(homeFor(who.me, who.units.find((u) => u.code === code) ?? null));
    },
  };
  return (
    <QueryClientProvider client={queryClient}>
      <AppContext.Provider value={value}>
        <Shell onSignedOut={props.onSignedOut} />
      </AppContext.Provider>
    </QueryClientProvider>
  );
}

export function homeFor(me: Me, unit: UnitItem | null): string {
  const roles = unit?.yourRoles ?? [];
  if (unit && roles.includes("officer")) return `/units/${unit.code}/queue`;
  if (unit && roles.includes("analyst")) return `/units/${unit.code}/profiles`;
  if (me.memberships.some((m) => m.role === "manager")) return "/dashboard";
  // An admin sees every unit without a role in it: their place is the admin overview, not a unit's queue.
  if (me.memberships.some((m) => m.role === "admin")) return "/admin";
  if (unit) return `/units/${unit.code}/queue`;
  return "/";
}

function Shell({ onSignedOut }: { onSignedOut: () => void }) {
  const app = useApp();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  useFocusMainOnNavigation(pathname);
  const { t, me, unit, units } = app;
  const roles = unit?.yourRoles ?? [];
  const canQueue = roles.includes("officer") || roles.includes("analyst");
  const canReferrals = canQueue || roles.includes("manager");
  const canProfiles = roles.length > 0;
  const isManager = me.memberships.some((m) => m.role === "manager");

  const nav: { to: string; label: string; content?: ReactNode; section?: string[] }[] = [];
  if (unit && canQueue) nav.push({ to: `/units/${unit.code}/queue`, label: t("nav.queue"), section: [`/units/${unit.code}/shipments`] });
  if (unit && canReferrals) nav.push({ to: `/units/${unit.code}/referrals`, label: t("nav.referrals") });
  if (unit && canProfiles) nav.push({ to: `/units/${unit.code}/profiles`, label: t("nav.profiles") });
  if (unit && canQueue) nav.push({ to: `/units/${unit.code}/alerts`, label: t("nav.alerts"), content: <UnreadBadge unitCode={unit.code} path={pathname} label={t("nav.alerts")} /> });
  if (unit && roles.includes("analyst")) nav.push({ to: `/units/${unit.code}/analysis`, label: t("nav.analysis") });
  if (unit && roles.includes("analyst")) nav.push({ to: `/units/${unit.code}/watchlists`, label: t("nav.watchlists") });
  if (unit && roles.includes("officer")) nav.push({ to: `/units/${unit.code}/manifests`, label: t("nav.manifests") });
  // The referrals across the manager's units open from the dashboard (its overdue count): part of that section.
  if (isManager) nav.push({ to: "/dashboard", label: t("nav.dashboard"), section: ["/referrals"] });
  if (me.memberships.some((m) => m.role === "admin")) nav.push({ to: "/admin", label: t("nav.admin") });
  // The unit picker is for work done in a unit: not on the admin screens (an admin sees every unit without
  // working in one), and only for someone with roles in more than one unit.
  const showUnitSwitch = !pathname.startsWith("/admin") && units.filter((u) => u.yourRoles.length > 0).length > 1;
  // Until the screen's heading is there, the title names its section.
  useDocumentTitle(nav.find((item) => navCurrent(pathname, item.to, item.section))?.label ?? t("app.name"), t("app.name"));

  return (
    <>
      <a className="skip" href="#main">
        {t("app.skip")}
      </a>
      <header className="top">
        <strong className="brand">{t("app.name")}</strong>
        <nav aria-label={t("nav.main")}>
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={navCurrent(pathname, item.to, item.section)} className={navCurrent(pathname, item.to, item.section) ? "current" : ""}>
                  {item.content ?? item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="top-tools">
          {showUnitSwitch && (
            <label className="unit-switch">
              <span>{t("app.unit")}</span>
              <select value={unit?.code ?? ""} onChange={(e) => app.setUnit(e.target.value)}>
                {units.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.code} — {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {/* One line at 1366 px: a header on two lines cost the officer's queue a row of its first screen. */}
          <LanguageSwitch t={t} language={app.language} setLanguage={app.setLanguage} compact />
          {/* The name alone is shown ("Signed in as Programme manager" was cut to "Signed in as Programm…" at 1366 px, and
              more in Spanish); the whole sentence is its accessible text and its tooltip, and a name too long is cut, never the button. */}
          <span className="who" title={t("app.signedInAs", { user: me.displayName || me.username })}>
            <span className="visually-hidden">{t("app.signedInAs", { user: me.displayName || me.username })}</span>
            <span aria-hidden="true">{me.displayName || me.username}</span>
          </span>
          <button
            type="button"
            onClick={() => {
              void signOut().finally(() => {
                void navigate("/");
                onSignedOut();
              });
            }}
          >
            {t("app.signOut")}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <AppRoutes />
      </main>
    </>
  );
}
