// Analyst: the unit's profiles with state and performance. One version opens
// in the editor (profile-editor/): form and JSON, validation, dry-runs, diff,
// activation and retirement.
import { useApp } from "../context.js";
import { PROFILE_STATUS, term } from "../terms.js";
import { useApi } from "../server-state.js";
import { Empty, ErrorMessage, Link, Loading } from "../ui.js";

export { ProfileEditor } from "./profile-editor/ProfileEditor.js";

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
                    <span className={`tag state-${v.status}`}>{term(t, PROFILE_STATUS, v.status)}</span>
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
