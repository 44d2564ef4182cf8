// Interchanges and their replies, filed by (unit, sender, control reference):
// a re-send gets the stored reply, and the sender can fetch it later. A
// syntax rejection (CONTRL) may be overwritten by a corrected interchange
// under the same reference; an answered one (CUSRES) never is.
import type { UnitScope } from "../auth/principal.js";
import { notFound } from "../errors.js";
import type { Services } from "../services.js";
import type { InterchangeResult } from "./interchange-outcome.js";

interface Row {
  sender: string;
  control_reference: string;
  content_hash: string;
  reply_kind: "CONTRL" | "CUSRES";
  reply: string;
  accepted: boolean;
  outcome: Pick<InterchangeResult, "messages" | "errors">;
  source: string;
  received_at: Date;
}

const toResult = (row: Row): InterchangeResult => ({
  controlReference: row.control_reference,
  replyKind: row.reply_kind,
  reply: row.reply,
  accepted: row.accepted,
  duplicate: false,
  messages: row.outcome.messages,
  errors: row.outcome.errors,
});

export async function findStoredInterchange(
  services: Pick<Services, "pool">,
  unitId: string,
  sender: string,
  controlReference: string,
): Promise<{ contentHash: string; result: InterchangeResult } | null> {
  const found = await services.pool.query<Row>(
    "SELECT * FROM edifact_interchange WHERE unit_id = $1 AND sender = $2 AND control_reference = $3",
    [unitId, sender, controlReference],
  );
  const row = found.rows[0];
  return row ? { contentHash: row.content_hash, result: toResult(row) } : null;
}

export interface InterchangeRecord {
  id: string;
  unitId: string;
  sender: string;
  source: string;
  contentHash: string;
  byteSize: number;
  replyReference: string;
  result: InterchangeResult;
}

export async function saveInterchange(services: Pick<Services, "pool" | "now">, record: InterchangeRecord): Promise<void> {
  const { result } = record;
  await services.pool.query(
    `INSERT INTO edifact_interchange (id, unit_id, sender, control_reference, content_hash, source, reply_kind, reply_reference, reply, accepted, outcome, byte_size, received_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
     ON CONFLICT (unit_id, sender, control_reference) DO UPDATE SET
       content_hash = EXCLUDED.content_hash, source = EXCLUDED.source, reply_kind = EXCLUDED.reply_kind,
       reply_reference = EXCLUDED.reply_reference, reply = EXCLUDED.reply, accepted = EXCLUDED.accepted,
       outcome = EXCLUDED.outcome, byte_size = EXCLUDED.byte_size, received_at = EXCLUDED.received_at
     WHERE edifact_interchange.reply_kind = 'CONTRL'`,
    [
      record.id, record.unitId, record.sender, result.controlReference, record.contentHash, record.source, result.replyKind,
      record.replyReference, result.reply, result.accepted, JSON.stringify({ messages: result.messages, errors: result.errors }),
      record.byteSize, services.now(),
    ],
  );
}

export interface InterchangeReplyView extends InterchangeResult {
  sender: string;
  source: string;
  receivedAt: string;
}

/**
 * The stored reply to an interchange, by its control reference; `sender`
 * chooses when two senders used the same reference (the latest otherwise).
 */
export async function getInterchangeReply(
  services: Pick<Services, "pool">,
  unit: Pick<UnitScope, "id">,
  controlReference: string,
  sender?: string,
): Promise<InterchangeReplyView> {
  const found = await services.pool.query<Row>(
    `SELECT * FROM edifact_interchange WHERE unit_id = $1 AND control_reference = $2 AND ($3::text IS NULL OR sender = $3)
     ORDER BY received_at DESC LIMIT 1`,
    [unit.id, controlReference, sender ?? null],
  );
  const row = found.rows[0];
  if (!row) throw notFound(`interchange ${controlReference}`);
  return { ...toResult(row), sender: row.sender, source: row.source, receivedAt: row.received_at.toISOString() };
}
