// How the manifests screen sends a CUSCAR interchange: the file as it is,
// Content-Type application/EDIFACT, the answer asked for as JSON.
import { ApiError, loadSession } from "./api.js";
import type { InterchangeAnswer } from "./edifact-answer.js";

/** Statuses whose body is the interchange's answer (the reply says why), not an API error. */
const ANSWERED = new Set([200, 202, 400, 422]);

function isAnswer(body: unknown): body is InterchangeAnswer {
  return typeof body === "object" && body !== null && "replyKind" in body && "reply" in body && Array.isArray((body as { messages?: unknown }).messages);
}

/**
 * Posts the file as it is. A rejected interchange (400 CONTRL, 422 all
 * messages rejected) is an answer to show, not a failure; any other error
 * (sign-in, rights, size) is thrown as the API's error.
 */
export async function postInterchange(unitCode: string, file: Blob): Promise<InterchangeAnswer> {
  const session = loadSession();
  const headers: Record<string, string> = { Accept: "application/json", "Content-Type": "application/EDIFACT" };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  const res = await fetch(`/v1/units/${encodeURIComponent(unitCode)}/manifests`, { method: "POST", headers, body: file });
  const body: unknown = await res.json().catch(() => null);
  if (ANSWERED.has(res.status) && isAnswer(body)) return body;
  const problem = (body ?? {}) as { error?: string; message?: string; errors?: { path: string; message: string }[] };
  throw new ApiError(res.status, problem.error ?? "error", problem.message ?? res.statusText, problem.errors ?? []);
}
