// The answer to a CUSCAR interchange posted from the browser (see
// edifact-post.ts), read into what the screen shows: the verdict, message by
// message, and each error with the segment it points at.

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
