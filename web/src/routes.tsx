// The route table of the signed-in client (React Router, declarative routes).
// One line per screen: `unitRoutes` are paths inside the unit the URL names
// (/units/:unitCode/<path>), `topRoutes` the paths outside any unit. A
// screen's filters live in the URL's search params (useSearchParams), so a
// view can be shared and survives Back.
import { Fragment, lazy, Suspense, type ComponentType, type ReactElement } from "react";
import { Outlet, useParams, useRoutes, type RouteObject } from "react-router";
import type { QueryClient } from "@tanstack/react-query";
import { useApp } from "./context.js";
import { parseQueueSearch, queueReads } from "./query.js";
import { prefetchApi, prefetchApiPages } from "./server-state.js";
import { ErrorMessage, Loading } from "./ui.js";

/**
 * A screen loaded when first opened (its own chunk): the sign-in page and the
 * officer's queue do not download the profile editor, the dashboard's charts
 * or the admin screens. `load` imports the module and picks the screen.
 */
function screen<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}

const Alerts = screen(async () => (await import("./screens/Alerts.js")).Alerts);
const AlertPage = screen(async () => (await import("./screens/alerts/AlertPage.js")).AlertPage);
const Analysis = screen(async () => (await import("./screens/Analysis.js")).Analysis);
const Dashboard = screen(async () => (await import("./screens/Dashboard.js")).Dashboard);
const AdminAudit = screen(async () => (await import("./screens/admin/AdminAudit.js")).AdminAudit);
const AdminOverview = screen(async () => (await import("./screens/admin/AdminOverview.js")).AdminOverview);
const AdminRoles = screen(async () => (await import("./screens/admin/AdminRoles.js")).AdminRoles);
const AdminTokens = screen(async () => (await import("./screens/admin/AdminTokens.js")).AdminTokens);
const AdminUsers = screen(async () => (await import("./screens/admin/AdminUsers.js")).AdminUsers);
const Profiles = screen(async () => (await import("./screens/Profiles.js")).Profiles);
const ProfileEditor = screen(async () => (await import("./screens/Profiles.js")).ProfileEditor);
const Manifests = screen(async () => (await import("./screens/Manifests.js")).Manifests);
const Queue = screen(async () => (await loadQueue()).Queue);
const Referrals = screen(async () => (await import("./screens/Referrals.js")).Referrals);
const ReferralPage = screen(async () => (await import("./screens/Referrals.js")).ReferralPage);
const ScopeReferrals = screen(async () => (await import("./screens/ScopeReferrals.js")).ScopeReferrals);
const ShipmentPage = screen(async () => (await import("./screens/Shipment.js")).ShipmentPage);
const WatchlistPage = screen(async () => (await import("./screens/WatchlistEntries.js")).WatchlistPage);
const Watchlists = screen(async () => (await import("./screens/Watchlists.js")).Watchlists);

/** The queue's chunk: the officer's landing screen, fetched while the sign-in is answered (App). */
export function loadQueue() {
  return import("./screens/Queue.js");
}

/**
 * Starts what the first screen at `pathname` needs before it mounts: for the
 * queue, its code and its reads (the same cache keys the screen uses), side by
 * side instead of one after the other.
 */
export function preloadScreen(client: QueryClient, pathname: string, search: string): void {
  const unitCode = /^\/units\/([^/]+)\/queue\/?$/.exec(pathname)?.[1];
  if (unitCode === undefined) return;
  void loadQueue();
  const reads = queueReads(decodeURIComponent(unitCode), parseQueueSearch(new URLSearchParams(search)));
  prefetchApiPages(client, reads.rows, reads.rowsPage);
  for (const path of [reads.counts, reads.voyages]) prefetchApi(client, path);
}

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
  { path: "/referrals", element: <ScopeReferrals /> },
  { path: "/admin", element: <AdminOverview /> },
  { path: "/admin/users", element: <AdminUsers /> },
  { path: "/admin/roles", element: <AdminRoles /> },
  { path: "/admin/tokens", element: <AdminTokens /> },
  { path: "/admin/audit", element: <AdminAudit /> },
  { path: "/", element: <Home /> },
];

/**
 * The screen for the current URL, or "not found". While a screen's chunk
 * loads, the page says so (a status, as any loading list does), and a move
 * between screens keeps the old one shown until the new one is there.
 */
export function AppRoutes() {
  return <Suspense fallback={<Loading />}>{useScreen()}</Suspense>;
}

function useScreen() {
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
