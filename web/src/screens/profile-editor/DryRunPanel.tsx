// Dry-run of the profile as it is in the editor (or the stored version when
// it cannot be edited): on one container of the unit, with the matched
// indicators and their evidence; and on the unit's latest shipments, with
// the distribution of bands, the share selected and the indicators matched.
import { useState, type FormEvent } from "react";
import { get, post, request } from "../../api.js";
import { useApp } from "../../context.js";
import { bandShares, containerTarget, indicatorCounts, SAMPLE_SIZES, selectedShare, topScores, type DryRunResponse } from "../../profile-dry-run.js";
import { BandBadge, Empty, ErrorMessage, Link, Loading } from "../../ui.js";
import { MatchedIndicators } from "./MatchedIndicators.js";

/** The document in the editor (unsaved drafts: its compact JSON, written when a run asks), or the stored version. */
export type DryRunSource = { documentText: () => Promise<string> } | { version: number };

/** A dry-run scores every shipment: no band means below the low threshold, not "not scored". */
function DryBand({ band }: { band: string | null }) {
  const { t } = useApp();
  return band === null ? <span className="band band-none">{t("dry.noBand")}</span> : <BandBadge band={band} />;
}

interface Candidate {
  id: string;
  billOfLading: string;
  containerNumber: string | null;
  arrivalDate: string | null;
  vesselName: string | null;
}

export function DryRunPanel({ code, source, blocked }: { code: string; source: DryRunSource; blocked: string | null }) {
  const { t, fmt, unit } = useApp();
  const unitCode = unit!.code;
  const base = `/v1/units/${unitCode}/profiles`;
  const [typed, setTyped] = useState("");
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [one, setOne] = useState<DryRunResponse | null>(null);
  const [size, setSize] = useState<number>(200);
  const [sample, setSample] = useState<DryRunResponse | null>(null);
  const [busy, setBusy] = useState<"one" | "sample" | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);

  const dryRun = async (target: object): Promise<DryRunResponse> => {
    if ("version" in source) return post<DryRunResponse>(`${base}/${code}/versions/${source.version}/dry-run`, target);
    // The document's text goes into the body as it is (a learned profile's runs to megabytes: not parsed again here).
    const rest = JSON.stringify(target).slice(1);
    const body = `{"definition":${await source.documentText()}${rest === "}" ? "}" : `,${rest}`}`;
    return (await (await request("POST", `${base}/dry-run`, body, "application/json")).json()) as DryRunResponse;
  };
  const attempt = async (what: "one" | "sample", action: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(null);
    }
  };
  const runOn = (shipmentId: string) => attempt("one", async () => setOne(await dryRun({ shipmentId })));
  const findContainer = async (event: FormEvent) => {
    event.preventDefault();
    const target = containerTarget(typed);
    setNotFound(null);
    setCandidates(null);
    setOne(null);
    if (!target) return;
    if ("shipmentId" in target) return runOn(target.shipmentId);
    await attempt("one", async () => {
      const found = await get<{ items: Candidate[] }>(`/v1/units/${unitCode}/shipments?containerNumber=${encodeURIComponent(target.containerNumber)}&limit=20`);
      const latest = [...found.items].sort((a, b) => (b.arrivalDate ?? "").localeCompare(a.arrivalDate ?? ""));
      if (latest.length === 0) return setNotFound(target.containerNumber);
      setCandidates(latest);
      setOne(await dryRun({ shipmentId: latest[0]!.id }));
    });
  };
  const result = one?.results[0];
  const share = sample ? selectedShare(sample.summary) : null;
  return (
    <section className="card pe-dry-run" aria-labelledby="dry-h" data-testid="dry-run">
      <h2 id="dry-h">{t("dry.title")}</h2>
      <p className="help">{"documentText" in source ? t("dry.unsaved") : t("dry.stored")}</p>
      {blocked && <p className="error">{blocked}</p>}
      <form onSubmit={(e) => void findContainer(e)} className="pe-inline-form">
        <div className="field">
          <label htmlFor="dry-container">{t("dry.container")}</label>
          <input id="dry-container" value={typed} spellCheck={false} autoComplete="off" onChange={(e) => setTyped(e.target.value)} aria-describedby="dry-container-help" />
          <small className="help" id="dry-container-help">
            {t("dry.containerHelp")}
          </small>
        </div>
        <button type="submit" disabled={!typed.trim() || busy !== null || blocked !== null}>
          {t("dry.runOne")}
        </button>
      </form>
      {notFound && <p className="error">{t("dry.notFound", { container: notFound })}</p>}
      {candidates && candidates.length > 1 && (
        <div className="field pe-candidates">
          <label htmlFor="dry-candidate">{t("dry.candidates", { n: candidates.length })}</label>
          <select id="dry-candidate" value={result?.shipmentId ?? ""} onChange={(e) => void runOn(e.target.value)}>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {`${c.billOfLading} · ${fmt.date(c.arrivalDate)}${c.vesselName ? ` · ${c.vesselName}` : ""}`}
              </option>
            ))}
          </select>
        </div>
      )}
      {busy === "one" && <Loading />}
      {result && (
        <div data-testid="dry-run-one" aria-live="polite">
          <dl className="facts">
            <div>
              <dt>{t("dry.score")}</dt>
              <dd data-testid="dry-score">{fmt.number(result.score)}</dd>
            </div>
            <div>
              <dt>{t("dry.band")}</dt>
              <dd>
                <DryBand band={result.band} />
              </dd>
            </div>
            <div>
              <dt>{t("dry.selected")}</dt>
              <dd>
                {result.selected ? t("app.yes") : t("app.no")}
                {result.random && <span className="tag random">{t("dry.random")}</span>}
              </dd>
            </div>
            {!result.applicable && (
              <div>
                <dt>{t("dry.applicable")}</dt>
                <dd>{t("dry.notApplicable")}</dd>
              </div>
            )}
          </dl>
          <MatchedIndicators indicators={result.indicators} />
          {result.shipmentId && (
            <p>
              <Link to={`/units/${unitCode}/shipments/${result.shipmentId}`}>{t("dry.openShipment")}</Link>
            </p>
          )}
        </div>
      )}

      <h3>{t("dry.sampleTitle")}</h3>
      <div className="pe-inline-form">
        <div className="field">
          <label htmlFor="dry-size">{t("dry.sampleSize")}</label>
          <select id="dry-size" value={size} onChange={(e) => setSize(Number(e.target.value))}>
            {SAMPLE_SIZES.map((n) => (
              <option key={n} value={n}>
                {t("dry.latest", { n })}
              </option>
            ))}
          </select>
        </div>
        <button type="button" disabled={busy !== null || blocked !== null} onClick={() => void attempt("sample", async () => setSample(await dryRun({ recent: { limit: size } })))}>
          {t("dry.runSample")}
        </button>
      </div>
      {busy === "sample" && <Loading />}
      {error && <ErrorMessage error={error} />}
      {sample && sample.summary.shipments === 0 && <Empty>{t("dry.noShipments")}</Empty>}
      {sample && sample.summary.shipments > 0 && (
        <div data-testid="dry-run-sample" aria-live="polite">
          <p className="pe-headline">
            {t("dry.sampleHeadline", { n: sample.summary.shipments, selected: sample.summary.selected, share: fmt.percent(share) })}
            {sample.summary.random > 0 && ` ${t("dry.randomCount", { n: fmt.number(sample.summary.random, 0) })}`}
          </p>
          <table className="compact pe-bands">
            <caption>{t("dry.bands")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dry.band")}</th>
                <th scope="col" className="num">{t("dry.shipments")}</th>
                <th scope="col" className="num">{t("dry.share")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("dry.bar")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {bandShares(sample.summary).map((b) => (
                <tr key={b.band}>
                  <th scope="row">
                    <DryBand band={b.band === "none" ? null : b.band} />
                  </th>
                  <td className="num">{fmt.number(b.count, 0)}</td>
                  <td className="num">{fmt.percent(b.share)}</td>
                  <td className="pe-bar-cell" aria-hidden="true">
                    <span className={`bar pe-bar-${b.band}`} style={{ width: `${Math.round((b.share ?? 0) * 100)}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <SampleDetails sample={sample} />
        </div>
      )}
    </section>
  );
}

function SampleDetails({ sample }: { sample: DryRunResponse }) {
  const { t, fmt, unit } = useApp();
  const counts = indicatorCounts(sample.results);
  return (
    <>
      <div className="scroll">
        <table className="compact">
          <caption>{t("dry.indicatorCounts")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pf.code")}</th>
              <th scope="col">{t("pf.label")}</th>
              <th scope="col" className="num">{t("dry.shipments")}</th>
              <th scope="col" className="num">{t("dry.share")}</th>
            </tr>
          </thead>
          <tbody>
            {counts.length === 0 && (
              <tr>
                <td colSpan={4} className="empty">
                  {t("dry.noneMatched")}
                </td>
              </tr>
            )}
            {counts.map((c) => (
              <tr key={c.code}>
                <td>
                  <code>{c.code}</code>
                </td>
                <td>{c.label}</td>
                <td className="num">{fmt.number(c.matched, 0)}</td>
                <td className="num">{fmt.percent(c.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="scroll">
        <table className="compact">
          <caption>{t("dry.topScores")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dry.containerColumn")}</th>
              <th scope="col">{t("dry.arrival")}</th>
              <th scope="col" className="num">{t("dry.score")}</th>
              <th scope="col">{t("dry.band")}</th>
              <th scope="col">{t("dry.selected")}</th>
            </tr>
          </thead>
          <tbody>
            {topScores(sample.results, 10).map((r, i) => (
              <tr key={r.shipmentId ?? i}>
                <td>{r.shipmentId ? <Link to={`/units/${unit!.code}/shipments/${r.shipmentId}`}>{r.containerNumber ?? r.billOfLading ?? "—"}</Link> : (r.containerNumber ?? r.billOfLading)}</td>
                <td>{fmt.date(r.arrivalDate)}</td>
                <td className="num">{fmt.number(r.score)}</td>
                <td>
                  <DryBand band={r.band} />
                </td>
                <td>{r.selected ? t("app.yes") : t("app.no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
