// Authorisation in one place per route: every route is declared with a guard
// naming who may call it. The route-matrix test reads these policies from the
// router, so a route without a guard fails the suite.
import type { Request, RequestHandler } from "express";
import { authenticate } from "../../core/auth/authenticate.js";
import { isAdmin, unitAccess, type Role } from "../../core/auth/principal.js";
import { AppError, notFound } from "../../core/errors.js";
import type { Services } from "../../core/services.js";
import { requestIdOf } from "../request-context.js";
import type { UnitScope } from "../../core/auth/principal.js";

export type Policy =
  | { kind: "public" }
  /** Any valid token; the use case filters what the caller may see. */
  | { kind: "authenticated" }
  /** The unit named by `:unitCode`, for the given roles. */
  | { kind: "unit"; roles: readonly Role[] }
  | { kind: "admin" }
  /** Programme summaries: any manager role; the use case limits rows to the manager's scope. */
  | { kind: "manager" };

export type GuardHandler = RequestHandler & { policy: Policy };

/** A plain query: every unit route runs it, and Prisma's own work per call cost more than the lookup. */
async function findUnit(services: Services, code: string): Promise<UnitScope | undefined> {
  const found = await services.pool.query<UnitScope>("SELECT id, code, country, programme FROM control_unit WHERE code = $1", [code]);
  return found.rows[0];
}

/**
 * Reads remember the token's principal and the unit's row for as long as the
 * queue board keeps its answers (QUEUE_READ_CACHE_MS, core/triage/board-cache.ts),
 * and for one of its generations: any write through this process that succeeds
 * (revoking a token, disabling a user, changing a membership or a unit) makes
 * the next read look them up again. Why: four officers reading the board made
 * two lookups per request, about 300 statements a second, each through the
 * pool shared with ingest, and under load the reads queued for a connection
 * behind the ingest transactions while the answer itself came from the cache.
 * Writes always look both up. Only successful lookups are kept: a refused
 * token is counted and refused every time.
 */
interface Remembered<T> {
  value: T;
  at: number;
  generation: number;
}
const READS = new Set(["GET", "HEAD"]);
const REMEMBERED_MAX = 1_000;
const remembered = new WeakMap<Services, Map<string, Remembered<unknown>>>();

async function rememberedFor<T>(services: Services, req: Request, key: string, look: () => Promise<T>): Promise<T> {
  const board = services.boardCache;
  if (board.ttlMs <= 0 || !READS.has(req.method)) return look();
  let entries = remembered.get(services);
  if (entries === undefined) remembered.set(services, (entries = new Map<string, Remembered<unknown>>()));
  const now = performance.now();
  const hit = entries.get(key) as Remembered<T> | undefined;
  if (hit !== undefined && now - hit.at < board.ttlMs && hit.generation === board.generation()) return hit.value;
  const generation = board.generation();
  const value = await look();
  if (value !== undefined) {
    if (entries.size >= REMEMBERED_MAX) entries.clear();
    entries.set(key, { value, at: now, generation });
  }
  return value;
}

export function guard(services: Services, policy: Policy): GuardHandler {
  const handler: RequestHandler = async (req, _res, next) => {
    if (policy.kind === "public") return next();
    const authorization = req.get("authorization");
    req.principal = await rememberedFor(services, req, `token ${authorization}`, () =>
      authenticate(services, authorization, { ip: req.ip, requestId: requestIdOf(req) }),
    );
    if (req.principal.passwordChangeRequired && policy.kind !== "authenticated") {
      throw new AppError("forbidden", "choose your own password first: a one-time password is for the first sign-in only (POST /v1/me/password)", { passwordChangeRequired: true });
    }
    if (policy.kind === "admin" && !isAdmin(req.principal)) {
      throw new AppError("forbidden", "this action needs the admin role");
    }
    if (policy.kind === "manager" && !req.principal.grants.some((grant) => grant.role === "manager")) {
      throw new AppError("forbidden", "this action needs the manager role");
    }
    if (policy.kind === "unit") {
      const code = String(req.params.unitCode ?? "").toUpperCase();
      const unit = await rememberedFor(services, req, `unit ${code}`, () => findUnit(services, code));
      const access = unit ? unitAccess(req.principal, unit, policy.roles) : "hidden";
      if (access === "hidden" || !unit) throw notFound(`unit ${code}`);
      if (access === "forbidden") throw new AppError("forbidden", `this action needs one of the roles ${policy.roles.join(", ")} in ${unit.code}`);
      req.unit = unit;
    }
    next();
  };
  return Object.assign(handler, { policy });
}
