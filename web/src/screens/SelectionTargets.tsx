// Analyst: the unit's selection targets per transport mode, the share of
// containers held for inspection and checked on documents (like selectivity
// lanes). Shown as percentages, sent as shares; the queue's bands follow them
// at once. Random control selection stays separate and is not set here.
import { useEffect, useState, type FormEvent } from "react";
import { api, asError } from "../api.js";
import { StatusLine } from "../a11y.js";
import { useApp } from "../context.js";
import type { MessageKey } from "../i18n.js";
import { useApi, useInvalidate } from "../server-state.js";
import { ErrorMessage } from "../ui.js";

type Mode = "sea" | "air" | "road" | "rail";
interface Target {
  transportMode: Mode;
  holdShare: number;
  documentaryShare: number;
  windowDays: number;
  configured: boolean;
}
const MODE: Record<Mode, MessageKey> = { sea: "pf.mode.sea", air: "pf.mode.air", road: "pf.mode.road", rail: "pf.mode.rail" };
/** Percent with at most two decimals, as typed; shares go to the API. */
const toPercent = (share: number) => String(Math.round(share * 10_000) / 100);

export function SelectionTargets({ code }: { code: string }) {
  const { t } = useApp();
  const path = `/v1/units/${code}/selection-targets`;
  const targets = useApi<{ items: Target[] }>(path);
  const invalidate = useInvalidate();
  const [draft, setDraft] = useState<Record<string, { hold: string; documentary: string }>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (targets.data) setDraft(Object.fromEntries(targets.data.items.map((x) => [x.transportMode, { hold: toPercent(x.holdShare), documentary: toPercent(x.documentaryShare) }])));
  }, [targets.data]);
  if (targets.error) return <ErrorMessage error={targets.error} retry={() => void targets.refetch()} />;
  if (!targets.data) return null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const payload = targets.data.items.map((x) => ({
        transportMode: x.transportMode,
        holdShare: Number(draft[x.transportMode]!.hold.replace(",", ".")) / 100,
        documentaryShare: Number(draft[x.transportMode]!.documentary.replace(",", ".")) / 100,
        windowDays: x.windowDays,
      }));
      await api("PUT", path, { targets: payload });
      setDone(t("targets.saved"));
      await invalidate(path, `/v1/units/${code}/shipments`, `/v1/units/${code}/queue`);
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  const set = (mode: Mode, key: "hold" | "documentary", value: string) => setDraft((d) => ({ ...d, [mode]: { ...d[mode]!, [key]: value } }));
  return (
    <details className="selection-targets" data-testid="selection-targets">
      <summary>{t("targets.title")}</summary>
      <form onSubmit={(e) => void save(e)}>
        <p className="help">{t("targets.help")}</p>
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t("targets.mode")}</th>
              <th scope="col">{t("targets.hold")}</th>
              <th scope="col">{t("targets.documentary")}</th>
            </tr>
          </thead>
          <tbody>
            {targets.data.items.map((x) => (
              <tr key={x.transportMode}>
                <th scope="row">{t(MODE[x.transportMode])}</th>
                <td>
                  <input
                    aria-label={t("targets.holdOf", { mode: t(MODE[x.transportMode]) })}
                    inputMode="decimal"
                    required
                    pattern="\d+([.,]\d+)?"
                    value={draft[x.transportMode]?.hold ?? ""}
                    onChange={(e) => set(x.transportMode, "hold", e.target.value)}
                  />{" "}
                  %
                </td>
                <td>
                  <input
                    aria-label={t("targets.documentaryOf", { mode: t(MODE[x.transportMode]) })}
                    inputMode="decimal"
                    required
                    pattern="\d+([.,]\d+)?"
                    value={draft[x.transportMode]?.documentary ?? ""}
                    onChange={(e) => set(x.transportMode, "documentary", e.target.value)}
                  />{" "}
                  %
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {error && <ErrorMessage error={error} />}
        <StatusLine message={done} />
        <button type="submit" disabled={busy}>
          {t("targets.save")}
        </button>
      </form>
    </details>
  );
}
