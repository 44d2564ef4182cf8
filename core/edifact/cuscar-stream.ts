// The clean interchange's fast path: each CUSCAR message mapped while the
// library reads it, a consignment as soon as its last segment is read, so no
// list of the interchange's segments is ever built. A mega-vessel's 290,000
// segments then die young instead of surviving every scavenge until the
// mapping ends (the garbage collector was a third of the EDIFACT ingest).
// Kept on the way: the header, the voyage's segments and the equipment (the
// consignments read after it point at it), and the shipments mapped so far.
//
// The same readers and mapping as the listed path (readEnvelope, readGroups,
// mapCuscar), fed one segment at a time. Only a clean interchange takes it:
// at the first syntax or envelope fault, mapping problem, schema error or
// unusual order (an EQD after a consignment was mapped), it answers null and
// the caller reads the interchange again the listed way, whose CONTRL and
// CUSRES pointers are the reference.
import { GroupReader, type Consignment, type Equipment } from "./cuscar-groups.js";
import { consignmentShipments, type ShipmentDraft } from "./cuscar-shipments.js";
import { indexEquipment, mapGroups } from "./cuscar-to-manifest.js";
import type { Problem } from "./cuscar-values.js";
import { decimalMarkOf, streamSegments, type Segment } from "./edifact-syntax.js";
import { EnvelopeReader, type InterchangeHeader, type MessageHead, type MessageSink } from "./interchange-envelope.js";
import type { EdifactMappingSettings } from "./mapping-settings.js";
import { prepareMapped, type PreparedMessage } from "./receive-message.js";

export interface StreamedInterchange {
  header: InterchangeHeader;
  messages: PreparedMessage[];
}

/** Not for the fast path: read the interchange the listed way. */
class TakeListedPath extends Error {}

/**
 * The interchange's messages mapped and validated as it is read, or null
 * when anything in it needs the listed path (a fault, a problem, an error).
 */
export function streamInterchange(text: string, settings: EdifactMappingSettings, maxShipments: number): StreamedInterchange | null {
  // UNA's (or the default), known before the first segment is read.
  const decimalMark = decimalMarkOf(text);
  const envelope = new EnvelopeReader<PreparedMessage>((unh) => new StreamedMessage(unh, settings, decimalMark, maxShipments));
  try {
    const clean = streamSegments(text, (segment) => {
      envelope.push(segment);
      if (envelope.faulty) throw new TakeListedPath();
    });
    if (!clean) return null;
  } catch {
    // TakeListedPath, or a mapping that threw on a message the envelope may yet have refused: the listed path answers.
    return null;
  }
  const { header, messages, faults } = envelope.end();
  return header && faults.length === 0 ? { header, messages } : null;
}

/** One message's segments into its groups, each consignment mapped when it closes. */
class StreamedMessage implements MessageSink<PreparedMessage> {
  private readonly reader = new GroupReader((consignment) => this.mapConsignment(consignment));
  private readonly problems: Problem[] = [];
  private readonly drafts: ShipmentDraft[] = [];
  private equipmentByNumber: Map<string, Equipment> | undefined;

  constructor(
    private readonly unh: Segment,
    private readonly settings: EdifactMappingSettings,
    private readonly decimalMark: string,
    private readonly maxShipments: number,
  ) {}

  push(segment: Segment): void {
    // The listed path indexes every EQD of the message before the first consignment.
    if (segment.tag === "EQD" && this.equipmentByNumber) throw new TakeListedPath();
    this.reader.push(segment);
  }

  private mapConsignment(consignment: Consignment): void {
    this.equipmentByNumber ??= indexEquipment(this.reader.groups.equipment, this.problems);
    const mapped = consignmentShipments(consignment, this.equipmentByNumber, this.settings, this.decimalMark, this.problems, false);
    // Problems are answered in the listed path's order, which maps the voyage first.
    if (this.problems.length > 0) throw new TakeListedPath();
    for (const draft of mapped.drafts) this.drafts.push(draft);
    // Too many for the schema: the listed path names the error.
    if (this.drafts.length > this.maxShipments) throw new TakeListedPath();
  }

  close(head: MessageHead): PreparedMessage {
    this.reader.end();
    const mapped = mapGroups(this.reader.groups, this.unh, this.settings, this.decimalMark, { drafts: this.drafts, equipmentByNumber: this.equipmentByNumber });
    const prepared = prepareMapped(mapped, head.reference, this.unh, this.maxShipments, false);
    if (!prepared) throw new TakeListedPath();
    return prepared;
  }
}
