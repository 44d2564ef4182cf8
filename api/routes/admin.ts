// Administration: users, tokens, units, agencies and the audit trail. Admins
// only; the audit trail has no route that changes it.
import { Router } from "express";
import { z } from "zod";
import { boundedDate, boundedDateTime } from "../../core/iso-dates.js";
import { createAgencySchema, createTokenSchema, createUnitSchema, createUserSchema } from "../../core/admin/admin-schemas.js";
import { createToken, listTokens, revokeToken } from "../../core/admin/manage-tokens.js";
import { createAgency, createUnit } from "../../core/admin/manage-units.js";
import { createUser, disableUser, listUsers } from "../../core/admin/manage-users.js";
import { queryAudit } from "../../core/audit/query-audit.js";
import { notFound } from "../../core/errors.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";
import { isUuid } from "../../core/ids.js";

const idParam = (value: unknown, what: string) => {
  const id = String(value);
  if (!isUuid(id)) throw notFound(`${what} ${id}`);
  return id;
};

export const auditQuery = z.strictObject({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  unitCode: z.string().max(20).optional(),
  from: boundedDateTime().or(boundedDate()).optional(),
  to: boundedDateTime().or(boundedDate()).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function adminRoutes(services: Services): Router {
  const router = Router();
  const admin = guard(services, { kind: "admin" });

  describeRoute(router, "GET", "/v1/admin/users", { tag: "admin", summary: "List users with their memberships", responses: { 200: "the users" } });
  router.get("/v1/admin/users", admin, async (_req, res) => {
    res.json(await listUsers(services));
  });
  describeRoute(router, "POST", "/v1/admin/users", { tag: "admin", summary: "Create a user with memberships", body: createUserSchema, responses: { 201: "the user" } });
  router.post("/v1/admin/users", admin, async (req, res) => {
    res.status(201).json(await createUser(services, parseOrThrow(createUserSchema, req.body), actorOf(req)));
  });
  describeRoute(router, "POST", "/v1/admin/users/:userId/disable", { tag: "admin", summary: "Disable a user (their tokens stop working)", responses: { 200: "the user" } });
  router.post("/v1/admin/users/:userId/disable", admin, async (req, res) => {
    res.json(await disableUser(services, idParam(req.params.userId, "user"), actorOf(req)));
  });
  describeRoute(router, "GET", "/v1/admin/users/:userId/tokens", { tag: "admin", summary: "List a user's tokens (never the secrets)", responses: { 200: "the tokens" } });
  router.get("/v1/admin/users/:userId/tokens", admin, async (req, res) => {
    res.json(await listTokens(services, idParam(req.params.userId, "user")));
  });
  describeRoute(router, "POST", "/v1/admin/users/:userId/tokens", { tag: "admin", summary: "Issue a token (the secret is shown once)", body: createTokenSchema, responses: { 201: "the token with its secret" } });
  router.post("/v1/admin/users/:userId/tokens", admin, async (req, res) => {
    const input = parseOrThrow(createTokenSchema, req.body);
    res.status(201).json(await createToken(services, idParam(req.params.userId, "user"), input, actorOf(req)));
  });
  describeRoute(router, "POST", "/v1/admin/tokens/:tokenId/revoke", { tag: "admin", summary: "Revoke a token", responses: { 200: "the revoked token" } });
  router.post("/v1/admin/tokens/:tokenId/revoke", admin, async (req, res) => {
    res.json(await revokeToken(services, idParam(req.params.tokenId, "token"), actorOf(req)));
  });
  describeRoute(router, "POST", "/v1/admin/units", { tag: "admin", summary: "Create a control unit", body: createUnitSchema, responses: { 201: "the unit" } });
  router.post("/v1/admin/units", admin, async (req, res) => {
    res.status(201).json(await createUnit(services, parseOrThrow(createUnitSchema, req.body), actorOf(req)));
  });
  describeRoute(router, "POST", "/v1/admin/agencies", { tag: "admin", summary: "Create an agency", body: createAgencySchema, responses: { 201: "the agency" } });
  router.post("/v1/admin/agencies", admin, async (req, res) => {
    res.status(201).json(await createAgency(services, parseOrThrow(createAgencySchema, req.body), actorOf(req)));
  });
  describeRoute(router, "GET", "/v1/admin/audit", { tag: "admin", summary: "Query the append-only audit trail", query: auditQuery, responses: { 200: "audit events, newest first" } });
  router.get("/v1/admin/audit", admin, async (req, res) => {
    res.json(await queryAudit(services, parseOrThrow(auditQuery, req.query, "query")));
  });
  return router;
}
