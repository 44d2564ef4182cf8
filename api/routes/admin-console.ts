// The admin screens' routes beyond the basic ones in admin.ts: the overview,
// enabling users, password resets, roles, every token, the audit export and
// the queue board cookie. Admins only; every change is audited by its use case.
import { Router } from "express";
import { z } from "zod";
import { membershipSchema } from "../../core/admin/admin-schemas.js";
import { adminOverview } from "../../core/admin/admin-overview.js";
import { grantMembership, revokeMembership } from "../../core/admin/manage-memberships.js";
import { listAllTokens } from "../../core/admin/manage-tokens.js";
import { listAgencies } from "../../core/admin/manage-units.js";
import { enableUser } from "../../core/admin/manage-users.js";
import { queueBoardSessionExpiry } from "../../core/admin/queue-board-access.js";
import { resetPassword } from "../../core/admin/reset-password.js";
import { exportAuditCsv } from "../../core/audit/export-audit-csv.js";
import { notFound } from "../../core/errors.js";
import { isUuid } from "../../core/ids.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { setBoardCookie } from "../middleware/queue-board-cookie.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";
import { auditQuery } from "./admin.js";
import { QUEUE_DASHBOARD_PATH } from "./queue-dashboard.js";

const idParam = (value: unknown, what: string) => {
  const id = String(value);
  if (!isUuid(id)) throw notFound(`${what} ${id}`);
  return id;
};

const tokenQuery = z.strictObject({
  kind: z.enum(["api", "session"]).default("api"),
  state: z.enum(["active", "revoked", "expired"]).optional(),
  username: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const auditExportQuery = auditQuery.omit({ before: true, limit: true });

export function adminConsoleRoutes(services: Services): Router {
  const router = Router();
  const admin = guard(services, { kind: "admin" });

  describeRoute(router, "GET", "/v1/admin/overview", { tag: "admin", summary: "Where an admin lands: units, users, queue health, last imports and builds", responses: { 200: "the overview" } });
  router.get("/v1/admin/overview", admin, async (_req, res) => {
    res.json(await adminOverview(services));
  });
  describeRoute(router, "GET", "/v1/admin/agencies", { tag: "admin", summary: "List agencies with the units they staff", responses: { 200: "the agencies" } });
  router.get("/v1/admin/agencies", admin, async (_req, res) => {
    res.json(await listAgencies(services));
  });
  describeRoute(router, "POST", "/v1/admin/users/:userId/enable", { tag: "admin", summary: "Enable a disabled user again", responses: { 200: "the user" } });
  router.post("/v1/admin/users/:userId/enable", admin, async (req, res) => {
    res.json(await enableUser(services, idParam(req.params.userId, "user"), actorOf(req)));
  });
  describeRoute(router, "POST", "/v1/admin/users/:userId/password-reset", {
    tag: "admin",
    summary: "Reset a user's password: a random one-time password, shown once; the user's web sessions end",
    responses: { 200: "the user name and the one-time password" },
  });
  router.post("/v1/admin/users/:userId/password-reset", admin, async (req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.json(await resetPassword(services, idParam(req.params.userId, "user"), actorOf(req)));
  });
  describeRoute(router, "POST", "/v1/admin/users/:userId/memberships", { tag: "admin", summary: "Grant a role (in a unit, or a manager's programme/country scope)", body: membershipSchema, responses: { 201: "the membership", 409: "the user already holds it" } });
  router.post("/v1/admin/users/:userId/memberships", admin, async (req, res) => {
    const input = parseOrThrow(membershipSchema, req.body);
    res.status(201).json(await grantMembership(services, idParam(req.params.userId, "user"), input, actorOf(req)));
  });
  describeRoute(router, "DELETE", "/v1/admin/memberships/:membershipId", {
    tag: "admin",
    summary: "Revoke a role",
    responses: { 200: "the revoked membership", 409: "the user's only role, or the caller's own admin role" },
  });
  router.delete("/v1/admin/memberships/:membershipId", admin, async (req, res) => {
    res.json(await revokeMembership(services, idParam(req.params.membershipId, "membership"), actorOf(req)));
  });
  describeRoute(router, "GET", "/v1/admin/tokens", { tag: "admin", summary: "Every user's tokens, newest first (never the secrets)", query: tokenQuery, responses: { 200: "the tokens" } });
  router.get("/v1/admin/tokens", admin, async (req, res) => {
    res.json(await listAllTokens(services, parseOrThrow(tokenQuery, req.query, "query")));
  });
  describeRoute(router, "GET", "/v1/admin/audit/export", {
    tag: "admin",
    summary: "The audit trail as CSV for the viewer's filters, newest first, streamed (the export is itself audited)",
    query: auditExportQuery,
    responses: { 200: "CSV, one event a row" },
    produces: ["text/csv"],
  });
  router.get("/v1/admin/audit/export", admin, async (req, res) => {
    const filters = parseOrThrow(auditExportQuery, req.query, "query");
    res.type("text/csv; charset=utf-8").setHeader("Content-Disposition", 'attachment; filename="audit.csv"');
    res.setHeader("Cache-Control", "no-store");
    await exportAuditCsv(services, filters, actorOf(req), res);
    res.end();
  });
  describeRoute(router, "POST", "/v1/admin/queue-board/session", {
    tag: "admin",
    summary: `Open the queue board (${QUEUE_DASHBOARD_PATH}) with this web session: sets an HttpOnly cookie for that path`,
    responses: { 204: "the cookie is set", 409: "called with an API token (send it to the board as a Bearer header instead)" },
  });
  router.post("/v1/admin/queue-board/session", admin, async (req, res) => {
    const expiresAt = await queueBoardSessionExpiry(services, principalOf(req).tokenId);
    // The guard has authenticated exactly this header's token.
    const token = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "")?.[1] ?? "";
    setBoardCookie(req, res, QUEUE_DASHBOARD_PATH, token, expiresAt, services.now());
    res.status(204).end();
  });
  return router;
}
