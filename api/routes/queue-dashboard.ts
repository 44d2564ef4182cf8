// The BullMQ dashboard (bull-board) at /admin/queues, admins only. Its assets
// ship in the npm package and are served from here (no CDN). It is read-only
// unless QUEUE_BOARD_WRITE=true: then pausing, cleaning, retrying, adding or
// obliterating is allowed and each change is audited (who, which route, which
// queue and job) before it is made. The mounted app is opaque to the route
// catalog: one entry stands for it, with the admin guard that sits in front of
// everything under the prefix; its JSON API routes are listed separately for
// the API document (`innerRoutes`). An admin's browser session reaches it
// through a cookie scoped to this path (middleware/queue-board-cookie.ts).
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { appRoutes } from "@bull-board/api/dist/routes.js";
import { ExpressAdapter } from "@bull-board/express";
import { Router, type RequestHandler } from "express";
import { recordAudit } from "../../core/audit/record-audit.js";
import { AppError } from "../../core/errors.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { boardCookieChecks, boardCookieCredential } from "../middleware/queue-board-cookie.js";
import type { MountedApp, RouteInfo } from "../route-catalog.js";
import { actorOf } from "../request-context.js";

export const QUEUE_DASHBOARD_PATH = "/admin/queues";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The dashboard is a script app: loosen the API's CSP for its own origin only. */
const dashboardHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader(
    "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  );
  next();
};

/** A `<link>` to another host (bull-board's page asks Google Fonts for IBM Plex). */
const OFF_SITE_LINK = /<link\b[^>]*\bhref=["']?(?:https?:)?\/\/[^>]*>\s*/gi;

/**
 * The board's page goes out without links to other hosts: the CSP would block
 * them (a console error on every visit) and an offline site could not reach
 * them anyway. Its CSS then falls back to the system's sans-serif. Its JSON
 * API under /api is left as it is.
 */
const withoutOffSiteLinks: RequestHandler = (req, res, next) => {
  if (req.method !== "GET" || req.path.startsWith("/api/") || req.path.startsWith("/static/")) return next();
  const send = res.send.bind(res);
  res.send = ((body?: unknown) => send(typeof body === "string" ? body.replace(OFF_SITE_LINK, "") : body)) as typeof res.send;
  next();
};

interface BoardRoute {
  method: string;
  path: string;
  summary: string;
  pattern: RegExp;
  params: string[];
}

/** bull-board's JSON API, as it declares it (method, path, summary). */
const BOARD_ROUTES: BoardRoute[] = appRoutes.api.flatMap((route) =>
  [route.route].flat().flatMap((path) =>
    [route.method].flat().map((method) => {
      const params = [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
      const pattern = new RegExp(`^${path.replace(/:\w+/g, "([^/]+)")}/?$`);
      return { method: method.toUpperCase(), path, summary: route.spec.summary, pattern, params };
    }),
  ),
);

/** Which board route a request is, with its parameters (queue, job, status...). */
function boardRouteOf(method: string, path: string): { route: BoardRoute | undefined; params: Record<string, string> } {
  for (const route of BOARD_ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: Object.fromEntries(route.params.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")])) };
  }
  return { route: undefined, params: {} };
}

export function queueDashboard(services: Services): Router & MountedApp {
  const writable = services.config.QUEUE_BOARD_WRITE;
  const adapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    // readOnlyMode hides the board's buttons and refuses changes to a queue; changesGate below covers every route.
    queues: [services.queues.scoring, services.queues.maintenance, services.queues.analysis].map((queue) => new BullMQAdapter(queue, { readOnlyMode: !writable })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: "Portcullis queues" } },
  });
  const changesGate: RequestHandler = async (req, _res, next) => {
    if (READS.has(req.method)) return next();
    if (!writable) throw new AppError("forbidden", "the queue board is read-only; set QUEUE_BOARD_WRITE=true to change queues and jobs from it");
    const { route, params } = boardRouteOf(req.method, req.path);
    await recordAudit(services.pool, actorOf(req), {
      action: "queue_board.change",
      entityType: "queue",
      entityId: params.queueName ?? null,
      details: { method: req.method, path: req.path, route: route?.path ?? null, summary: route?.summary ?? null, ...params },
    });
    next();
  };
  const policy = { kind: "admin" } as const;
  const router = Router();
  // The signed-in admin's browser reaches the board with its session cookie (queue-board-cookie.ts); tokens still work.
  router.use(boardCookieCredential, guard(services, policy), boardCookieChecks(services), dashboardHeaders, withoutOffSiteLinks, changesGate, adapter.getRouter() as RequestHandler);
  const changeNote = writable ? " (a change: audited)" : " (a change: refused with 403 unless QUEUE_BOARD_WRITE=true)";
  const innerRoutes: RouteInfo[] = BOARD_ROUTES.map((route) => ({
    method: route.method,
    path: `${QUEUE_DASHBOARD_PATH}${route.path}`,
    policy,
    doc: {
      tag: "operations",
      summary: `Queue board: ${route.summary.replace(/\.$/, "")}${READS.has(route.method) ? "" : changeNote}`,
      responses: { 200: "bull-board's JSON answer" },
    },
  }));
  return Object.assign(router, {
    catalog: {
      method: "GET",
      path: QUEUE_DASHBOARD_PATH,
      policy,
      doc: {
        tag: "operations",
        summary: "BullMQ queue dashboard (bull-board UI and its /api, admins only; read-only unless QUEUE_BOARD_WRITE=true)",
        responses: { 200: "HTML application" },
        produces: ["text/html"],
      },
    },
    innerRoutes,
  });
}
