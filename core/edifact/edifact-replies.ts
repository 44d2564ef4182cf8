// The answers a sender of CUSCAR expects: CONTRL (syntax and service report,
// syntax version 3) when the interchange or a message breaks the syntax, and
// CUSRES (D.96B) with one message per CUSCAR message otherwise, accepted (AP)
// or rejected (RE), each error (and each warning of an accepted message) pointed
// at its segment with ERP and ERC.
import type { MessageError, MessageOutcome } from "./interchange-outcome.js";
import type { InterchangeHeader } from "./interchange-envelope.js";

/** Our side of the reply envelope: its control reference and when it was made. */
export interface ReplyEnvelope {
  controlReference: string;
  at: Date;
  /** The interchange being answered (sender and recipient swap in the reply). */
  inbound: Pick<InterchangeHeader, "sender" | "senderQualifier" | "recipient" | "recipientQualifier" | "controlReference"> | null;
}

export interface ContrlMessageReport {
  reference: string;
  /** S009 as received, e.g. CUSCAR:D:95B:UN. */
  identifier: string;
  errors: MessageError[];
}

export interface ContrlGroupReport {
  /** UNG 0048. */
  reference: string;
  errors: MessageError[];
}

/** Escapes the service characters with the release character; characters outside UNOC become "?"-free placeholders. */
export function escapeText(text: string): string {
  return text.replace(/[^\u0020-\u007E\u00A0-\u00FF]/g, "_").replace(/([?'+:])/g, "?$1");
}

/** Trailing empty elements and components are left out, as the syntax rules ask. */
function withoutTrailingEmpty<T>(list: T[], empty: (item: T) => boolean): T[] {
  let end = list.length;
  while (end > 0 && empty(list[end - 1]!)) end -= 1;
  return list.slice(0, end);
}

const segment = (tag: string, ...elements: (string | string[])[]) =>
  [tag, ...withoutTrailingEmpty(elements.map((element) => (Array.isArray(element) ? withoutTrailingEmpty(element, (c) => c === "") : element)), (e) => e === "" || (Array.isArray(e) && e.length === 0))]
    .map((element) => (Array.isArray(element) ? element.map(escapeText).join(":") : escapeText(element)))
    .join("+") + "'";

function stamp(at: Date): [string, string] {
  const iso = at.toISOString();
  return [iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10), iso.slice(11, 13) + iso.slice(14, 16)];
}

function wrap(envelope: ReplyEnvelope, messages: string[][]): string {
  const inbound = envelope.inbound;
  const lines = [
    "UNA:+.? '",
    segment("UNB", ["UNOC", "3"], inbound?.recipient ? [inbound.recipient, inbound.recipientQualifier] : "PORTCULLIS", inbound?.sender ? [inbound.sender, inbound.senderQualifier] : "UNKNOWN", stamp(envelope.at), envelope.controlReference),
    ...messages.flat(),
    segment("UNZ", String(messages.length), envelope.controlReference),
  ];
  return lines.join("\n") + "\n";
}

function message(reference: string, type: string, body: string[]): string[] {
  const head = segment("UNH", reference, type.split(":"));
  return [head, ...body, segment("UNT", String(body.length + 2), reference)];
}

/**
 * CONTRL: UCI answers the interchange (action 4 rejected, 7 acknowledged),
 * UCF each functional group with errors (its UNG/UNE counted from UNB),
 * UCM each message with errors, UCS the segment (position counted from UNH = 1)
 * and UCD the data element:component inside it.
 */
export function writeContrl(envelope: ReplyEnvelope, interchangeErrors: MessageError[], messages: ContrlMessageReport[], groups: ContrlGroupReport[] = []): string {
  const inbound = envelope.inbound;
  const first = interchangeErrors[0];
  const rejected = interchangeErrors.length > 0 || groups.length > 0 || messages.some((m) => m.errors.length > 0);
  const uci: (string | string[])[] = ["UCI", inbound?.controlReference ?? "", [inbound?.sender ?? "", inbound?.senderQualifier ?? ""], [inbound?.recipient ?? "", inbound?.recipientQualifier ?? ""], rejected ? "4" : "7"];
  if (first) uci.push(first.code, first.segment, first.element ? [String(first.element), first.component ? String(first.component) : ""] : "");
  const body = [segment(...(uci as [string, ...(string | string[])[]]))];
  for (const group of groups) {
    const error = group.errors[0]!;
    // UCF: group reference, sender, recipient (as in UCI), action 4 rejected, the first error with its segment and element.
    body.push(segment("UCF", group.reference, [inbound?.sender ?? "", inbound?.senderQualifier ?? ""], [inbound?.recipient ?? "", inbound?.recipientQualifier ?? ""], "4", error.code, error.segment, error.element ? [String(error.element), error.component ? String(error.component) : ""] : ""));
  }
  for (const report of messages) {
    if (report.errors.length === 0) continue;
    body.push(segment("UCM", report.reference, report.identifier.split(":"), "4", report.errors[0]!.code));
    for (const error of report.errors) {
      body.push(segment("UCS", String(error.segmentPosition), error.element ? "" : error.code));
      if (error.element) body.push(segment("UCD", error.code, [String(error.element), error.component ? String(error.component) : ""]));
    }
  }
  return wrap(envelope, [message("1", "CONTRL:D:3:UN", body)]);
}

/** FTX text in pieces of at most 70 characters (4440 is an..70 in D.96B), cut at spaces where possible, at most five pieces. */
function textPieces(text: string): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > 0 && pieces.length < 5) {
    const space = rest.length > 70 ? rest.lastIndexOf(" ", 70) : -1;
    const cut = rest.length <= 70 ? rest.length : space > 0 ? space : 70;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  return pieces;
}

/** CUSRES per CUSCAR message: BGM names the cargo report (785) answered, AP or RE; RFF+ACW its UNH reference; ERP/ERC/FTX each error. */
export function writeCusres(envelope: ReplyEnvelope, outcomes: MessageOutcome[]): string {
  const [date, time] = stamp(envelope.at);
  const messages = outcomes.map((outcome, index) => {
    const accepted = outcome.status !== "rejected";
    const body = [
      segment("BGM", "785", outcome.documentNumber ?? "", "9", accepted ? "AP" : "RE"),
      segment("DTM", ["137", `20${date}${time}`, "203"]),
      segment("RFF", ["ACW", outcome.messageReference]),
    ];
    if (outcome.manifestId) body.push(segment("RFF", ["ABO", outcome.manifestId]));
    const warnings = outcome.warnings ?? [];
    const status = statusText(outcome);
    body.push(segment("FTX", "AAO", "", "", textPieces(warnings.length > 0 ? `${status}, with ${warnings.length} warning(s)` : status)));
    // A warning is pointed at its segment like an error (ERP/ERC/FTX), its text starting "warning:"; the message stays accepted (AP).
    for (const error of [...outcome.errors, ...warnings.map((w) => ({ ...w, message: `warning: ${w.message}` }))]) {
      body.push(segment("ERP", "", [error.segment, String(error.segmentPosition)]));
      body.push(segment("ERC", [error.code, "", "ZZZ"]));
      const where = error.element ? ` (element ${error.element}${error.component ? `, component ${error.component}` : ""})` : "";
      body.push(segment("FTX", "AAO", "", "", textPieces(`${error.message}${where}`)));
    }
    return message(String(index + 1), "CUSRES:D:96B:UN", body);
  });
  return wrap(envelope, messages);
}

function statusText(outcome: MessageOutcome): string {
  const shipments = `${outcome.shipmentCount} shipment(s)`;
  switch (outcome.status) {
    case "accepted":
      return `${outcome.function === "replacement" ? "replacement " : ""}accepted: ${shipments} stored for scoring`;
    case "replaced":
      return `replacement accepted: new manifest version, ${shipments} stored for scoring`;
    case "duplicate":
      return `already received with the same content: ${shipments}, nothing stored again`;
    case "cancelled":
      return "cancellation accepted: the manifest is marked cancelled";
    case "rejected":
      return `rejected: ${outcome.errors.length} error(s), nothing stored for this message`;
  }
}
