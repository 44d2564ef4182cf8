// The queue board is a separate page (bull-board), so the web client's Bearer
// header cannot follow an admin there. The signed-in admin asks for a board
// cookie (POST /v1/admin/queue-board/session): it carries their web session
// token, HttpOnly, SameSite=Strict and scoped to the board's path, expiring
// with the session; signing out revokes the token and so ends the cookie.
// Here the cookie stands in for the Authorization header when there is none,
// and then only a web session token is accepted (an API token goes in the
// header), and a change must come from the board's own origin.
import type { Request, RequestHandler, Response } from "express";
import { isSessionToken } from "../../core/auth/sign-in.js";
import { AppError } from "../../core/errors.js";
import type { Services } from "../../core/services.js";
import { principalOf } from "../request-context.js";

export const BOARD_COOKIE = "portcullis_board";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** Sets the board cookie for the session token of this call. */
export function setBoardCookie(req: Request, res: Response, path: string, token: string, expiresAt: Date, now: Date): void {
  res.cookie(BOARD_COOKIE, token, {
    path,
    httpOnly: true,
    sameSite: "strict",
    secure: req.secure,
    maxAge: Math.max(0, expiresAt.getTime() - now.getTime()),
  });
}

/** Before the guard: the cookie becomes the credential when no Authorization header was sent. */
export const boardCookieCredential: RequestHandler = (req, res, next) => {
  const token = req.get("authorization") ? undefined : cookieValue(req, BOARD_COOKIE);
  if (token) {
    req.headers.authorization = `Bearer ${token}`;
    res.locals.boardCookie = true;
  }
  next();
};

/** After the guard: a cookie must hold a web session, and changes must come from the board's own pages. */
export function boardCookieChecks(services: Pick<Services, "pool">): RequestHandler {
  return async (req, res, next) => {
    if (res.locals.boardCookie !== true) return next();
    if (!(await isSessionToken(services, principalOf(req).tokenId))) {
      throw new AppError("unauthenticated", "the queue board cookie holds an API token: send it as Authorization: Bearer instead");
    }
    const site = req.get("sec-fetch-site");
    if (!READS.has(req.method) && site !== undefined && site !== "same-origin") {
      throw new AppError("forbidden", "queue board changes with the session cookie must come from the board itself");
    }
    next();
  };
}
