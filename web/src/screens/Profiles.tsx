// Analyst: the unit's profiles with state and performance, and one version's
// JSON document with live validation, dry-run, back-test and activation.
import { useEffect, useState } from "react";
import { ApiError, get, post, api } from "../api.js";
import { useApp, useAsync } from "../context.js";
import { BacktestPanel } from "./Backtest.js";
import { Empty, ErrorMessage, Field, Link, Loading, Notice } from "../ui.js";

interface Performance {
  scored: number;
  selected: number;
  hitRate: number | null;
}
interface ProfileItem {
  code: string;
  name: string;
  activeVersion: number | null;
  versions: { version: number; status: string; createdAt: string; performance: Performance | null }[];
}
interface Validation {
  valid: boolean;
  errors: { path: string; message: string }[];
}

export function Profiles() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const list = useAsync(() => get<{ items: ProfileItem[] }>(`/v1/units/${code}/profiles`), [code]);
  return (
    <section aria-labelledby="profiles-title">
      <h1 id="profiles-title">{t("profiles.title", { unit: code })}</h1>
      {list.loading && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Empty>{t("profiles.empty")}</Empty>}
      {list.data && list.data.items.length > 0 && (
        <table data-testid="profiles">
          <thead>
            <tr>
              <th scope="col">{t("profiles.code")}</th>
              <th scope="col">{t("profiles.name")}</th>
              <th scope="col">{t("profiles.version")}</th>
              <th scope="col">{t("profiles.state")}</th>
              <th scope="col">{t("profiles.scored")}</th>
              <th scope="col">{t("profiles.selected")}</th>
              <th scope="col">{t("profiles.hitRate")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("profiles.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.flatMap((p) =>
              p.versions.map((v) => (
                <tr key={`${p.code}-${v.version}`}>
                  <td>
                    <code>{p.code}</code>
                  </td>
                  <td>{p.name}</td>
                  <td className="num">{v.version}</td>
                  <td>
                    <span className={`tag state-${v.status}`}>{t(`state.${v.status}`)}</span>
                  </td>
                  <td className="num">{fmt.number(v.performance?.scored, 0)}</td>
                  <td className="num">{fmt.number(v.performance?.selected, 0)}</td>
                  <td className="num">{fmt.percent(v.performance?.hitRate)}</td>
                  <td>
                    <Link to={`/units/${code}/profiles/${p.code}/versions/${v.version}`}>
                      {t("profiles.open")} {p.code} v{v.version}
                    </Link>
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ProfileEditor({ code, version }: { code: string; version: number }) {
  const { t, unit, navigate } = useApp();
  const base = `/v1/units/${unit!.code}/profiles`;
  const isAnalyst = unit!.yourRoles.includes("analyst");
  const loaded = useAsync(() => get<{ status: string; definition: unknown }>(`${base}/${code}/versions/${version}`), [base, code, version]);
  const [text, setText] = useState<string | null>(null);
  const [validation, setValidation] = useState<Validation | { parseError: string } | null>(null);
  const [checking, setChecking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [shipmentId, setShipmentId] = useState("");
  const [dryRun, setDryRun] = useState<unknown>(null);

  useEffect(() => {
    if (loaded.data && text === null) setText(JSON.stringify(loaded.data.definition, null, 2));
  }, [loaded.data, text]);

  // Live validation, 400 ms after the last keystroke.
  useEffect(() => {
    if (text === null || !isAnalyst) return;
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (e) {
      setValidation({ parseError: (e as Error).message });
      return;
    }
    const timer = setTimeout(() => {
      setChecking(true);
      post<Validation>(`${base}/validate`, document)
        .then(setValidation, (e: unknown) => setError(e as Error))
        .finally(() => setChecking(false));
    }, 400);
    return () => clearTimeout(timer);
  }, [text, base, isAnalyst]);

  if (loaded.loading && !loaded.data) return <Loading />;
  if (loaded.error) return <ErrorMessage error={loaded.error} retry={loaded.reload} />;
  const status = loaded.data!.status;
  const editable = isAnalyst && status === "draft";
  const parsed = () => JSON.parse(text ?? "null") as unknown;
  const run = async (action: () => Promise<void>) => {
    setError(null);
    setMessage(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e : new Error(String(e)));
    }
  };

  return (
    <article aria-labelledby="editor-title">
      <p>
        <Link to={`/units/${unit!.code}/profiles`}>← {t("nav.profiles")}</Link>
      </p>
      <h1 id="editor-title">{t("editor.title", { code, version })}</h1>
      <p>
        <span className={`tag state-${status}`}>{t(`state.${status}`)}</span>
      </p>
      {!editable && <p>{t("editor.readOnly")}</p>}
      <Field label={t("editor.document")}>
        <textarea className="code" rows={24} spellCheck={false} readOnly={!editable} value={text ?? ""} onChange={(e) => setText(e.target.value)} aria-describedby="validation" />
      </Field>
      <div id="validation" aria-live="polite" data-testid="validation">
        {checking && <p>{t("editor.checking")}</p>}
        {validation && "parseError" in validation && <p className="error">{t("editor.invalidJson", { message: validation.parseError })}</p>}
        {validation && "valid" in validation && validation.valid && <p className="ok">{t("editor.valid")}</p>}
        {validation && "valid" in validation && !validation.valid && (
          <ul className="error">
            {validation.errors.map((e) => (
              <li key={`${e.path}:${e.message}`}>
                <code>{e.path}</code>: {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && <ErrorMessage error={error} />}
      {message && <Notice>{message}</Notice>}
      {isAnalyst && (
        <div className="actions">
          {editable && (
            <button type="button" onClick={() => void run(async () => { await api("PUT", `${base}/${code}/versions/${version}`, parsed()); setMessage(t("editor.saved")); })}>
              {t("editor.saveDraft")}
            </button>
          )}
          {!editable && (
            <button
              type="button"
              onClick={() =>
                void run(async () => {
                  const created = await post<{ version: number }>(`${base}/${code}/versions`, parsed());
                  navigate(`/units/${unit!.code}/profiles/${code}/versions/${created.version}`);
                })
              }
            >
              {t("editor.newDraft")}
            </button>
          )}
          {status === "draft" && (
            <button type="button" onClick={() => void run(async () => { await post(`${base}/${code}/versions/${version}/activate`, { rescoreUpcoming: false }); setMessage(t("editor.activated")); loaded.reload(); })}>
              {t("editor.activate")}
            </button>
          )}
        </div>
      )}
      {isAnalyst && (
        <section className="card" aria-labelledby="dry-h">
          <h2 id="dry-h">{t("editor.dryRun")}</h2>
          <Field label={t("editor.shipmentId")}>
            <input value={shipmentId} onChange={(e) => setShipmentId(e.target.value.trim())} />
          </Field>
          <button type="button" disabled={!shipmentId} onClick={() => void run(async () => setDryRun(await post(`${base}/dry-run`, { definition: parsed(), shipmentId })))}>
            {t("editor.runDryRun")}
          </button>
          {dryRun !== null && <pre className="code">{JSON.stringify(dryRun, null, 2)}</pre>}
        </section>
      )}
      {isAnalyst && <BacktestPanel code={code} version={version} />}
    </article>
  );
}
