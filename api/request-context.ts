// What the guard establishes for a request, typed on Express's Request.
import type { Request } from "express";
import type { AuditActor } from "../core/audit/record-audit.js";
import type { Principal, UnitScope } from "../core/auth/principal.js";

declare module "express-serve-static-core" {
  interface Request {
    principal?: Principal;
    unit?: UnitScope;
  }
}

/** The authenticated caller; the guard guarantees it on every non-public route. */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new Error("route reached without a principal: its guard is missing");
  return req.principal;
}

export function unitOf(req: Request): UnitScope {
  if (!req.unit) throw new Error("route reached without a unit: its guard does not name one");
  return req.unit;
}

/** The request id request-logging.ts assigned (always a string here). */
export function requestIdOf(req: Request): string | undefined {
  return typeof req.id === "string" || typeof req.id === "number" ? String(req.id) : undefined;
}

export function actorOf(req: Request): AuditActor {
  return { principal: req.principal, ip: req.ip, requestId: requestIdOf(req) };
}
