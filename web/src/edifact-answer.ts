// The answer to a CUSCAR interchange posted from the browser: how the upload
// is sent (Content-Type application/EDIFACT, the answer as JSON), and the
// answer read into what the screen shows, message by message and error by
// error with the segment each error points at.
import { ApiError, loadSession } from "./api.js";

export interface InterchangeError {
  segmentPosition: number;
  segment: string;
  element?: number;
  component?: number;
  code: string;
  message: string;
}

export interface InterchangeMessage {
  messageReference: string;
  documentNumber: string | null;
  function: "original" | "replacement" | "cancellation" | null;
  status: "accepted" | "duplicate" | "replaced" | "cancelled" | "rejected";
  manifestId: string | null;
  shipmentCount: number;
  errors: InterchangeError[];
}

export interface InterchangeAnswer {
  controlReference: string | null;
  replyKind: "CONTRL" | "CUSRES";
  reply: string;
  accepted: boolean;
  duplicate: boolean;
  messages: InterchangeMessage[];
}

/** The whole interchange's verdict, as the screen states it. */
export type Verdict = "accepted" | "duplicate" | "partial" | "rejected" | "syntax";

export function verdictOf(answer: InterchangeAnswer): Verdict {
  if (answer.replyKind === "CONTRL") return "syntax";
  if (answer.duplicate) return "duplicate";
  if (answer.accepted) return "accepted";
  return answer.messages.some((m) => m.status !== "rejected") ? "partial" : "rejected";
}

/** "segment 14 (EQD), element 2, component 1": where an error points. */
export function errorPlace(error: InterchangeError): { position: number; segment: string; element?: number; component?: number } {
  return { position: error.segmentPosition, segment: error.segment, ...(error.element ? { element: error.element } : {}), ...(error.component ? { component: error.component } : {}) };
}

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
