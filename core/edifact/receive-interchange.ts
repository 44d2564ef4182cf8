// Use case: a carrier or port community system sends a UN/EDIFACT interchange
// of CUSCAR messages. Syntax comes from the library (CONTRL when it fails,
// nothing stored); each message is then mapped, validated, stored and scored
// exactly like a JSON manifest, and answered message by message in a CUSRES.
// The HTTP route, the CLI and the watched inbox all call this function.
import { createHash, randomUUID } from "node:crypto";
import type { AuditActor } from "../audit/record-audit.js";
import type { UnitScope } from "../auth/principal.js";
import { notFound } from "../errors.js";
import type { Services } from "../services.js";
import { writeContrl, writeCusres, type ReplyEnvelope } from "./edifact-replies.js";
import { streamInterchange } from "./cuscar-stream.js";
import { SYNTAX_CODES, tokenize, type Segment, type SyntaxFault } from "./edifact-syntax.js";
import { readEnvelope, readHeader, type InterchangeHeader } from "./interchange-envelope.js";
import type { InterchangeResult, InterchangeSource } from "./interchange-outcome.js";
import { getMappingSettings } from "./mapping-settings.js";
import { prepareMessage, storeMessage, type PreparedMessage } from "./receive-message.js";
import { findStoredInterchange, saveInterchange } from "./stored-interchanges.js";
import { syntaxReport } from "./syntax-report.js";

export type { InterchangeResult, InterchangeSource, MessageError, MessageOutcome } from "./interchange-outcome.js";

export interface ReceiveInterchangeRequest {
  unitCode: string;
  text: string;
  actor: AuditActor;
  source: InterchangeSource;
}

export async function receiveInterchange(services: Services, request: ReceiveInterchangeRequest): Promise<InterchangeResult> {
  const unit = await services.prisma.controlUnit.findUnique({
    where: { code: request.unitCode.toUpperCase() },
    select: { id: true, code: true, country: true, programme: true },
  });
  if (!unit) throw notFound(`unit ${request.unitCode}`);
  const { text } = request;
  const contentHash = createHash("sha256").update(text).digest("hex");
  const context = { services, unit, request, contentHash, byteSize: Buffer.byteLength(text) };

  if (context.byteSize > services.config.MANIFEST_BODY_LIMIT) {
    const fault: SyntaxFault = { position: 1, tag: "", code: SYNTAX_CODES.notSupported, message: `the interchange is ${context.byteSize} bytes, above the limit of ${services.config.MANIFEST_BODY_LIMIT}` };
    return rejectSyntax(context, readHeader(tokenizeHeader(text)), [fault], []);
  }
  const settings = (await getMappingSettings(services, unit)).settings;
  const maxShipments = services.config.MANIFEST_MAX_SHIPMENTS;
  // A clean interchange is mapped and validated as it is read, keeping no
  // list of its segments; anything else is read again the listed way below,
  // whose CONTRL and CUSRES pointers are the reference (cuscar-stream.ts).
  const streamed = streamInterchange(text, settings, maxShipments);
  let header: InterchangeHeader;
  let prepare: () => PreparedMessage[];
  if (streamed) {
    header = streamed.header;
    prepare = () => streamed.messages;
  } else {
    const tokens = tokenize(text);
    if (!tokens.ok) return rejectSyntax(context, readHeader(tokens.segments), [tokens.fault], tokens.segments);
    const envelope = readEnvelope(tokens.segments);
    if (!envelope.header || envelope.faults.length > 0) return rejectSyntax(context, envelope.header, envelope.faults, tokens.segments);
    header = envelope.header;
    const decimalMark = tokens.decimalMark;
    prepare = () => {
      // Every message mapped and validated before the first is stored, and the
      // segments let go: the stores' transactions run without them in the heap.
      const prepared = envelope.messages.map((message) => prepareMessage(message, settings, decimalMark, maxShipments));
      envelope.messages.length = 0;
      return prepared;
    };
  }

  const stored = await findStoredInterchange(services, unit.id, header.sender, header.controlReference);
  if (stored?.contentHash === contentHash) return { ...stored.result, duplicate: true };
  if (stored && stored.result.replyKind === "CUSRES") {
    const fault: SyntaxFault = { position: 1, tag: "UNB", element: 5, code: SYNTAX_CODES.duplicate, message: `interchange control reference ${header.controlReference} was already used by ${header.sender} for another interchange` };
    // Answered, not stored: the first interchange under this reference keeps its record and reply.
    return contrlResult(context, header, [fault], []);
  }

  const prepared = prepare();
  const messages = [];
  for (const message of prepared) messages.push(await storeMessage(services, unit, message, request.actor));
  const reply = writeCusres(replyEnvelope(context, header), messages);
  const result: InterchangeResult = {
    controlReference: header.controlReference,
    replyKind: "CUSRES",
    reply,
    accepted: messages.every((m) => m.status !== "rejected"),
    duplicate: false,
    messages,
    errors: [],
  };
  await saveInterchange(services, { id: randomUUID(), unitId: unit.id, sender: header.sender, source: request.source, contentHash, byteSize: context.byteSize, replyReference: replyReferenceOf(context, header), result });
  return result;
}

interface Context {
  services: Services;
  unit: UnitScope;
  request: ReceiveInterchangeRequest;
  contentHash: string;
  byteSize: number;
}

async function rejectSyntax(context: Context, header: InterchangeHeader | null, faults: SyntaxFault[], segments: readonly Segment[]): Promise<InterchangeResult> {
  const result = contrlResult(context, header, faults, segments);
  // A rejection is kept so the sender can fetch it, when it can be filed under a control reference.
  if (header?.controlReference && header.sender) {
    const stored = await findStoredInterchange(context.services, context.unit.id, header.sender, header.controlReference);
    if (stored?.contentHash === context.contentHash) return { ...stored.result, duplicate: true };
    if (!stored || stored.result.replyKind === "CONTRL") {
      await saveInterchange(context.services, { id: randomUUID(), unitId: context.unit.id, sender: header.sender, source: context.request.source, contentHash: context.contentHash, byteSize: context.byteSize, replyReference: replyReferenceOf(context, header), result });
    }
  }
  return result;
}

function contrlResult(context: Context, header: InterchangeHeader | null, faults: SyntaxFault[], segments: readonly Segment[]): InterchangeResult {
  const report = syntaxReport(faults, segments);
  return {
    controlReference: header?.controlReference || null,
    replyKind: "CONTRL",
    reply: writeContrl(replyEnvelope(context, header), report.interchangeErrors, report.messages, report.groups),
    accepted: false,
    duplicate: false,
    messages: [],
    errors: report.errors,
  };
}

function replyEnvelope(context: Context, header: InterchangeHeader | null): ReplyEnvelope {
  return { controlReference: replyReferenceOf(context, header), at: context.services.now(), inbound: header };
}

/** Our control reference for the reply: derived from what is answered, so a stored reply and a fresh one agree. */
function replyReferenceOf(context: Context, header: InterchangeHeader | null): string {
  const seed = `${context.unit.id}|${header?.sender ?? ""}|${header?.controlReference ?? ""}|${context.contentHash}`;
  return `PC${createHash("sha256").update(seed).digest("hex").slice(0, 12).toUpperCase()}`;
}

/** Only the UNB of an oversized interchange is read, to address the rejection. */
function tokenizeHeader(text: string): Segment[] {
  const start = text.indexOf("UNB");
  const end = start >= 0 ? text.indexOf("'", start) : -1;
  return end > 0 && end < 4096 ? tokenize(text.slice(0, end + 1)).segments : [];
}
