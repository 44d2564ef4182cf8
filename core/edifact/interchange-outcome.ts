// What receiving an interchange produced, message by message: the shape the
// HTTP route, the CLI and the watched inbox all return (see
// /work/helper-notes/EDIFACT-API.md for the contract with the inbox).
import type { MessageFunction } from "./cuscar-to-manifest.js";

export type InterchangeSource = "http" | "inbox" | "cli" | "web";

export interface MessageError {
  /** 1-based position of the segment inside its message (UNH = 1); for envelope errors, inside the interchange. */
  segmentPosition: number;
  /** Segment tag, e.g. "EQD". */
  segment: string;
  element?: number;
  component?: number;
  /** CONTRL 0085 or CUSRES ERC 9321 code. */
  code: string;
  message: string;
}

export interface MessageOutcome {
  /** UNH 0062. */
  messageReference: string;
  /** BGM 1004, the manifest reference. */
  documentNumber: string | null;
  function: MessageFunction | null;
  status: "accepted" | "duplicate" | "replaced" | "cancelled" | "rejected";
  manifestId: string | null;
  shipmentCount: number;
  errors: MessageError[];
  /** Stored anyway, but worth a look (e.g. the unit's port is not on the route, pointed at its LOC); absent when none. */
  warnings?: MessageError[];
}

export interface InterchangeResult {
  /** UNB 0020; null only when the UNB itself could not be read. */
  controlReference: string | null;
  replyKind: "CONTRL" | "CUSRES";
  /** The EDIFACT reply, one segment per line. */
  reply: string;
  /** Every message accepted, replaced, cancelled or a duplicate. */
  accepted: boolean;
  /** The same interchange (control reference and bytes) was received before: its stored reply, nothing stored again. */
  duplicate: boolean;
  messages: MessageOutcome[];
  /** Syntax and envelope errors (CONTRL); positions count from the start of the interchange. */
  errors: MessageError[];
}
