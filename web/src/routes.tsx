// The route table of the signed-in client (React Router, declarative routes).
// One line per screen: `unitRoutes` are paths inside the unit the URL names
// (/units/:unitCode/<path>), `topRoutes` the paths outside any unit. A
// screen's filters live in the URL's search params (useSearchParams), so a
// view can be shared and survives Back.
import { Fragment, type ReactElement } from "react";
import { Outlet, useParams, useRoutes, type RouteObject } from "react-router";
import { useApp } from "./context.js";
import { Alerts } from "./screens/Alerts.js";
import { AlertPage } from "./screens/alerts/AlertPage.js";
import { Analysis } from "./screens/Analysis.js";
import { Dashboard } from "./screens/Dashboard.js";
import { AdminAudit } from "./screens/admin/AdminAudit.js";
import { AdminOverview } from "./screens/admin/AdminOverview.js";
import { AdminRoles } from "./screens/admin/AdminRoles.js";
import { AdminTokens } from "./screens/admin/AdminTokens.js";
import { AdminUsers } from "./screens/admin/AdminUsers.js";
import { ProfileEditor, Profiles } from "./screens/Profiles.js";
import { Manifests } from "./screens/Manifests.js";
import { Queue } from "./screens/Queue.js";
import { ReferralPage, Referrals } from "./screens/Referrals.js";
import { ShipmentPage } from "./screens/Shipment.js";
import { WatchlistPage } from "./screens/WatchlistEntries.js";
import { Watchlists } from "./screens/Watchlists.js";
import { ErrorMessage, Loading } from "./ui.js";

/** A role a user holds in a unit (UnitItem.yourRoles). */
type Role = "officer" | "analyst" | "manager";

interface UnitRoute {
  path: string;
  element: ReactElement;
  /** Only users holding one of these roles in the unit may open it (any role when absent). */
  roles?: readonly Role[];
}

const OFFICER_OR_ANALYST: readonly Role[] = ["officer", "analyst"];

/** Screens inside a unit; a screen showing one record is keyed by its id (its state starts afresh for another record). */
export const unitRoutes: UnitRoute[] = [
  { path: "queue", element: <Queue /> },
  { path: "shipments/:id", element: <ById render={(id) => <ShipmentPage shipmentId={id} />} /> },
  { path: "referrals", element: <Referrals /> },
  { path: "referrals/:id", element: <ById render={(id) => <ReferralPage referralId={id} />} /> },
  { path: "profiles", element: <Profiles /> },
  { path: "profiles/:id/versions/:version", element: <ById render={(id, p) => <ProfileEditor code={id} version={Number(p.version)} />} /> },
  { path: "alerts", element: <Alerts />, roles: OFFICER_OR_ANALYST },
  { path: "alerts/:id", element: <ById render={(id) => <AlertPage alertId={id} />} />, roles: OFFICER_OR_ANALYST },
  { path: "analysis", element: <Analysis />, roles: ["analyst"] },
  { path: "watchlists", element: <Watchlists />, roles: ["analyst"] },
  { path: "watchlists/:id", element: <ById render={(id) => <WatchlistPage listCode={id} />} />, roles: ["analyst"] },
  { path: "manifests", element: <Manifests />, roles: ["officer"] },
];

/** Screens outside any unit (the unit picker does not apply). */
export const topRoutes: RouteObject[] = [
  { path: "/dashboard", element: <Dashboard /> },
  { path: "/admin", element: <AdminOverview /> },
  { path: "/admin/users", element: <AdminUsers /> },
  { path: "/admin/roles", element: <AdminRoles /> },
  { path: "/admin/tokens", element: <AdminTokens /> },
  { path: "/admin/audit", element: <AdminAudit /> },
  { path: "/", element: <Home /> },
];

/** The screen for the current URL, or "not found". */
export function AppRoutes() {
  return useRoutes([
    ...topRoutes,
    {
      path: "/units/:unitCode",
      element: <InUnit />,
      children: unitRoutes.map(({ path, element, roles }) => ({ path, element: roles ? <WithRole roles={roles}>{element}</WithRole> : element })),
    },
    { path: "*", element: <NotFound /> },
  ]);
}

function NotFound() {
  const { t } = useApp();
  return <ErrorMessage error={new Error(t("app.notFound"))} />;
}

/** The unit of the URL must be one of the user's; each unit's screens start afresh (their filters and lists are that unit's). */
function InUnit() {
  const { t, unit } = useApp();
  const { unitCode } = useParams();
  if (!unit || unit.code !== unitCode) return <p role="alert">{t("app.notFound")}</p>;
  return (
    <Fragment key={unit.code}>
      <Outlet />
    </Fragment>
  );
}

function WithRole({ roles, children }: { roles: readonly Role[]; children: ReactElement }) {
  const { unit } = useApp();
  return unit && roles.some((r) => unit.yourRoles.includes(r)) ? children : <NotFound />;
}

function ById({ render }: { render: (id: string, params: Readonly<Record<string, string | undefined>>) => ReactElement }) {
  const params = useParams();
  const id = params.id ?? "";
  return <Fragment key={`${params.unitCode ?? ""}/${id}/${params.version ?? ""}`}>{render(id, params)}</Fragment>;
}

/** "/" sends the user to their home screen (Shell does); a user without any role is told so. */
function Home() {
  const { t, me } = useApp();
  return me.memberships.length === 0 ? <p>{t("home.noRoles")}</p> : <Loading />;
}
