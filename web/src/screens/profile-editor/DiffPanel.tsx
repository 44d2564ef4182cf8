// What changed between this version and another one of the same profile:
// settings and thresholds, indicators added, removed and changed (before →
// after, conditions included), as a reviewer reads it before activation.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { get } from "../../api.js";
import { PROFILE_STATUS, term } from "../../terms.js";
import { keyOrText } from "../../i18n.js";
import { useApp } from "../../context.js";
import { compactJson } from "../../profile-conditions.js";
import { changeRows, defaultBaseline, indicatorsByCode, settingRows, type IndicatorSummary, type ProfileDiff } from "../../profile-diff.js";
import { apiKey, useApi, useFetchApi } from "../../server-state.js";
import { Empty, ErrorMessage, Loading } from "../../ui.js";

interface Loaded {
  diff: ProfileDiff;
  before: Map<string, Record<string, unknown>>;
  after: Map<string, Record<string, unknown>>;
}

function IndicatorTable({ caption, items, docs, testId }: { caption: string; items: IndicatorSummary[]; docs: Map<string, Record<string, unknown>>; testId: string }) {
  const { t, fmt } = useApp();
  if (items.length === 0) return null;
  return (
    <div className="scroll">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pf.code")}</th>
            <th scope="col">{t("pf.label")}</th>
            <th scope="col" className="num">{t("pf.points")}</th>
            <th scope="col">{t("diff.condition")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((ind) => (
            <tr key={ind.code}>
              <td>
                <code>{ind.code}</code>
              </td>
              <td>{ind.label}</td>
              <td className="num">{ind.kind === "table" ? t("diff.fromTable") : fmt.number(ind.points)}</td>
              <td>
                <code className="pe-wrap">{compactJson(docs.get(ind.code)?.when ?? null)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DiffPanel({ code, version, dirty }: { code: string; version: number; dirty: boolean }) {
  const { t, unit } = useApp();
  const base = `/v1/units/${unit!.code}/profiles/${code}`;
  // Read again when a version changes state (activating one retires another): VersionActions invalidates the profile.
  const profile = useApi<{ versions: { version: number; status: string }[] }>(base);
  const fetchApi = useFetchApi();
  const queryClient = useQueryClient();
  // The version open in the editor is read from the editor's cache however long ago it was read (a learned
  // profile's document runs to megabytes), as the editor reads it: again only once a save marked it stale.
  // Another version's is taken from the cache for a minute.
  const versionDocument = (v: number) =>
    v === version
      ? queryClient.fetchQuery<{ definition: unknown }>({ queryKey: apiKey(`${base}/versions/${v}`), queryFn: () => get(`${base}/versions/${v}`), staleTime: Infinity })
      : fetchApi<{ definition: unknown }>(`${base}/versions/${v}`);
  const others = (profile.data?.versions ?? []).filter((v) => v.version !== version);
  const [chosen, setChosen] = useState<number | null>(null);
  const baseline = chosen ?? defaultBaseline(others.map((v) => v.version), version);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const compare = async () => {
    if (baseline === null) return;
    const [from, to] = baseline < version ? [baseline, version] : [version, baseline];
    setBusy(true);
    setError(null);
    try {
      const [diff, before, after] = await Promise.all([
        fetchApi<ProfileDiff>(`${base}/diff?from=${from}&to=${to}`),
        versionDocument(from),
        versionDocument(to),
      ]);
      setLoaded({ diff, before: indicatorsByCode(before.definition), after: indicatorsByCode(after.definition) });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  const diff = loaded?.diff;
  const fromLabel = diff ? t("diff.version", { version: diff.from.version }) : "";
  const toLabel = diff ? t("diff.version", { version: diff.to.version }) : "";
  const settings = diff ? settingRows(diff.settings) : [];
  return (
    <section className="card pe-diff" aria-labelledby="diff-h" data-testid="diff">
      <h2 id="diff-h">{t("diff.title")}</h2>
      {profile.isPending && <Loading />}
      {profile.error && <ErrorMessage error={profile.error} retry={() => void profile.refetch()} />}
      {profile.data && others.length === 0 && <Empty>{t("diff.onlyVersion")}</Empty>}
      {others.length > 0 && (
        <div className="pe-inline-form">
          <div className="field">
            <label htmlFor="diff-with">{t("diff.with")}</label>
            <select id="diff-with" value={baseline ?? ""} onChange={(e) => setChosen(Number(e.target.value))}>
              {others.map((v) => (
                <option key={v.version} value={v.version}>
                  {`${t("diff.version", { version: v.version })} (${term(t, PROFILE_STATUS, v.status)})`}
                </option>
              ))}
            </select>
          </div>
          <button type="button" disabled={busy || baseline === null} onClick={() => void compare()}>
            {t("diff.show")}
          </button>
        </div>
      )}
      {dirty && <p className="help">{t("diff.savedOnly")}</p>}
      {busy && <Loading />}
      {error && <ErrorMessage error={error} />}
      {diff && loaded && (
        <div data-testid="diff-result" aria-live="polite">
          <h3>{t("diff.heading", { from: diff.from.version, to: diff.to.version })}</h3>
          {diff.identical && <p>{t("diff.identical")}</p>}
          {settings.length > 0 && (
            <div className="scroll">
              <table data-testid="diff-settings">
                <caption>{t("diff.settings")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("diff.setting")}</th>
                    <th scope="col">{fromLabel}</th>
                    <th scope="col">{toLabel}</th>
                  </tr>
                </thead>
                <tbody>
                  {settings.map((row) => (
                    <tr key={row.what}>
                      <th scope="row">{keyOrText(t, `diff.setting.${row.what}`)}</th>
                      <td className="pe-before">{row.before}</td>
                      <td className="pe-after">{row.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <IndicatorTable caption={t("diff.added", { n: diff.added.length })} items={diff.added} docs={loaded.after} testId="diff-added" />
          <IndicatorTable caption={t("diff.removed", { n: diff.removed.length })} items={diff.removed} docs={loaded.before} testId="diff-removed" />
          {diff.changed.length > 0 && (
            <div className="scroll">
              <table data-testid="diff-changed">
                <caption>{t("diff.changed", { n: diff.changed.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("pf.code")}</th>
                    <th scope="col">{t("diff.what")}</th>
                    <th scope="col">{fromLabel}</th>
                    <th scope="col">{toLabel}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.changed.flatMap((change) =>
                    changeRows(change, loaded.before.get(change.code), loaded.after.get(change.code)).map((row, i, rows) => (
                      <tr key={`${change.code}-${row.what}`}>
                        {i === 0 && (
                          <th scope="rowgroup" rowSpan={rows.length}>
                            <code>{change.code}</code>
                          </th>
                        )}
                        <td>{keyOrText(t, `diff.change.${row.what}`)}</td>
                        <td className="pe-before">
                          <span className="pe-wrap">{row.before}</span>
                        </td>
                        <td className="pe-after">
                          <span className="pe-wrap">{row.after}</span>
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          )}
          {!diff.identical && <p className="help">{t("diff.unchanged", { n: diff.unchanged })}</p>}
        </div>
      )}
    </section>
  );
}
