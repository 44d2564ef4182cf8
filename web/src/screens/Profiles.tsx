// Analyst: the unit's profiles with state and performance. One version opens
// in the editor (profile-editor/): form and JSON, validation, dry-runs, diff,
// activation and retirement.
import { useApp } from "../context.js";
import type { Formatters } from "../format.js";
import type { Translate } from "../i18n.js";
import { PROFILE_STATUS, term } from "../terms.js";
import { useApi } from "../server-state.js";
import { Empty, ErrorMessage, Link, Loading } from "../ui.js";

export { ProfileEditor } from "./profile-editor/ProfileEditor.js";

/**
 * GET /v1/units/{unit}/profiles' performance of a version. A hit is an
 * inspection that found a seizure or an irregularity. `hitRate` counts every
 * inspected shipment the version assessed, which is every inspection of the
 * unit whatever the profile: the list shows `selectedHitRate` (the inspected
 * shipments above its threshold, its random picks included) beside
 * `randomHitRate` (its random picks alone, what inspecting without it finds).
 */
interface Performance {
  scored: number;
  selected: number;
  selectedInspected: number;
  selectedHits: number;
  selectedHitRate: number | null;
  randomInspected: number;
  randomHits: number;
  randomHitRate: number | null;
}
export interface ProfileItem {
  code: string;
  name: string;
  activeVersion: number | null;
  versions: { version: number; status: string; createdAt: string; performance: Performance | null }[];
}

export function Profiles() {
  const { t, fmt, unit } = useApp();
  const code = unit!.code;
  const list = useApi<{ items: ProfileItem[] }>(`/v1/units/${code}/profiles`);
  return (
    <section aria-labelledby="profiles-title">
      <h1 id="profiles-title">{t("profiles.title", { unit: code })}</h1>
      {list.isPending && <Loading />}
      {list.error && <ErrorMessage error={list.error} retry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <Empty>{t("profiles.empty")}</Empty>}
      {list.data && list.data.items.length > 0 && <ProfileTable items={list.data.items} unitCode={code} t={t} fmt={fmt} />}
    </section>
  );
}

/** A hit rate with the counts it is made of ("8.7% · 32 of 368"), or a dash when nothing was inspected. */
function HitRate({ rate, hits, inspected, t, fmt }: { rate: number | null | undefined; hits: number | undefined; inspected: number | undefined; t: Translate; fmt: Formatters }) {
  if (rate === null || rate === undefined || hits === undefined || inspected === undefined) return <>{fmt.percent(null)}</>;
  return (
    <>
      {fmt.percent(rate)} <span className="meta">{t("profiles.hitsOf", { hits: fmt.number(hits, 0), inspected: fmt.number(inspected, 0) })}</span>
    </>
  );
}

export function ProfileTable({ items, unitCode, t, fmt }: { items: ProfileItem[]; unitCode: string; t: Translate; fmt: Formatters }) {
  return (
    <>
      <table data-testid="profiles" aria-describedby="profiles-hits-note">
        <thead>
          <tr>
            <th scope="col">{t("profiles.code")}</th>
            <th scope="col">{t("profiles.name")}</th>
            <th scope="col" className="num">{t("profiles.version")}</th>
            <th scope="col">{t("profiles.state")}</th>
            <th scope="col" className="num">{t("profiles.scored")}</th>
            <th scope="col" className="num">{t("profiles.selected")}</th>
            <th scope="col" className="num">{t("profiles.hitRateAbove")}</th>
            <th scope="col" className="num">{t("profiles.hitRateRandom")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("profiles.open")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.flatMap((p) =>
            p.versions.map((v) => (
              <tr key={`${p.code}-${v.version}`}>
                <td>
                  <code>{p.code}</code>
                </td>
                <td>{p.name}</td>
                <td className="num">{v.version}</td>
                <td>
                  <span className={`tag state-${v.status}`}>{term(t, PROFILE_STATUS, v.status)}</span>
                </td>
                <td className="num">{fmt.number(v.performance?.scored, 0)}</td>
                <td className="num">{fmt.number(v.performance?.selected, 0)}</td>
                <td className="num" data-testid="hit-rate-above">
                  <HitRate rate={v.performance?.selectedHitRate} hits={v.performance?.selectedHits} inspected={v.performance?.selectedInspected} t={t} fmt={fmt} />
                </td>
                <td className="num" data-testid="hit-rate-random">
                  <HitRate rate={v.performance?.randomHitRate} hits={v.performance?.randomHits} inspected={v.performance?.randomInspected} t={t} fmt={fmt} />
                </td>
                <td>
                  <Link to={`/units/${unitCode}/profiles/${p.code}/versions/${v.version}`}>
                    {t("profiles.open")} {p.code} v{v.version}
                  </Link>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <p className="meta" id="profiles-hits-note">
        {t("profiles.hitsNote")}
      </p>
    </>
  );
}
