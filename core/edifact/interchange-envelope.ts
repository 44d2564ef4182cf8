// The service segments around the messages: UNB ... UNZ and each UNH ... UNT.
// The library reads the characters; the counts and references they carry
// (UNT segment count, UNZ message count, matching references) are checked
// here, because a sender that miscounts has lost or added data somewhere.
import { componentOf, componentsOf, SYNTAX_CODES as C, type Segment, type SyntaxFault } from "./edifact-syntax.js";

export interface InterchangeHeader {
  syntaxIdentifier: string;
  /** UNB S002 0004, the sender's id (interchanges are filed by it). */
  sender: string;
  senderQualifier: string;
  recipient: string;
  recipientQualifier: string;
  /** UNB 0020, the interchange control reference. */
  controlReference: string;
  preparedAt: string;
}

export interface EdifactMessage {
  /** UNH 0062. */
  reference: string;
  type: string;
  /** Directory, e.g. "D.95B". */
  directory: string;
  /** UNH ... UNT inclusive. */
  segments: Segment[];
}

export interface Envelope {
  header: InterchangeHeader | null;
  messages: EdifactMessage[];
  faults: SyntaxFault[];
}

const CONTROL_REFERENCE = /^[A-Za-z0-9 ._/-]{1,14}$/;
const MESSAGE_REFERENCE = /^[A-Za-z0-9 ._/-]{1,14}$/;

/** Reads the header as far as it can: a reply needs the sender and the control reference even when the rest is wrong. */
export function readHeader(segments: Segment[]): InterchangeHeader | null {
  const unb = segments[0];
  if (unb?.tag !== "UNB") return null;
  const part = (element: number, component = 0) => componentOf(unb.elements[element], component) ?? "";
  return {
    syntaxIdentifier: part(0),
    sender: part(1),
    senderQualifier: part(1, 1),
    recipient: part(2),
    recipientQualifier: part(2, 1),
    preparedAt: `${part(3)}:${part(3, 1)}`,
    controlReference: part(4),
  };
}

export function readEnvelope(segments: Segment[]): Envelope {
  const reader = new EnvelopeReader<EdifactMessage>(() => {
    const collected: Segment[] = [];
    return { push: (segment) => collected.push(segment), close: (head) => ({ ...head, segments: collected }) };
  });
  for (const segment of segments) reader.push(segment);
  return reader.end();
}

/** UNH 0062, the message type and its directory: a message as the envelope checks it. */
export type MessageHead = Omit<EdifactMessage, "segments">;

/** Where the envelope hands a message's segments (UNH to UNT inclusive), and what the message becomes once its UNT checks out. */
export interface MessageSink<M> {
  push(segment: Segment): void;
  close(head: MessageHead): M;
}

/**
 * The envelope read segment by segment, as they come: readEnvelope over a
 * list, or a stream that keeps no list (a mega-vessel's segments are then
 * mapped as they are read). Each message's segments go to a sink opened at
 * its UNH; a message whose UNT checks out is what its sink closes into.
 */
export class EnvelopeReader<M> {
  private readonly faults: SyntaxFault[] = [];
  private readonly messages: M[] = [];
  private header: InterchangeHeader | null = null;
  private unb: Segment | undefined;
  private last: Segment | undefined;
  private open: { unh: Segment; sink: MessageSink<M>; count: number } | null = null;
  private unz: Segment | undefined;
  private readonly groups: GroupTracker;
  private messageCount = 0;
  private anyMessage = false;
  /** Nothing more is read: no UNB first, or a segment after UNZ. */
  private stopped = false;

  constructor(private readonly openMessage: (unh: Segment) => MessageSink<M>) {
    this.groups = new GroupTracker(this.fault);
  }

  private readonly fault: Fault = (segment, code, message, extra = {}) => {
    this.faults.push({ position: segment?.position ?? 1, tag: segment?.tag ?? "", code, message, ...extra });
  };

  /** True once a fault was found: the caller may stop reading. */
  get faulty(): boolean {
    return this.faults.length > 0;
  }

  push(segment: Segment): void {
    // "No message" looks at every segment, also those after UNZ that are not read.
    if (segment.tag === "UNH") this.anyMessage = true;
    if (this.stopped) return;
    this.last = segment;
    if (!this.unb) {
      this.unb = segment;
      this.startInterchange(segment);
      return;
    }
    const fault = this.fault;
    if (this.unz) {
      // The interchange's fault, even when what follows UNZ looks like a message.
      fault(segment, C.outsideMessage, `${segment.tag} after UNZ: the interchange ends at UNZ`, { interchange: true });
      this.stopped = true;
      return;
    }
    const open = this.open;
    if (segment.tag === "UNH") {
      if (open) fault(open.unh, C.missing, `message ${componentOf(open.unh.elements[0], 0) ?? ""} has no UNT before the next UNH`, { messageReference: componentOf(open.unh.elements[0], 0) ?? "" });
      this.open = { unh: segment, sink: this.openMessage(segment), count: 1 };
      this.open.sink.push(segment);
      this.messageCount += 1;
      this.groups.message(segment);
    } else if (segment.tag === "UNZ" || segment.tag === "UNG" || segment.tag === "UNE") {
      if (open) fault(open.unh, C.missing, `message ${componentOf(open.unh.elements[0], 0) ?? ""} has no UNT before ${segment.tag}`, { messageReference: componentOf(open.unh.elements[0], 0) ?? "" });
      this.open = null;
      if (segment.tag === "UNZ") {
        this.groups.end(segment);
        this.unz = segment;
      } else if (segment.tag === "UNG") this.groups.open(segment);
      else this.groups.close(segment);
    } else if (!open) {
      fault(segment, C.outsideMessage, `${segment.tag} outside a message`);
    } else {
      open.sink.push(segment);
      open.count += 1;
      if (segment.tag === "UNT") {
        const head = closeMessage(open.unh, segment, open.count, fault, this.faults);
        if (head) this.messages.push(open.sink.close(head));
        this.open = null;
      }
    }
  }

  private startInterchange(unb: Segment): void {
    const header = readHeader([unb]);
    this.header = header;
    if (!header) {
      this.fault(unb, C.missing, `the interchange must start with UNB (or UNA then UNB), found ${unb.tag}`, { interchange: true });
      this.stopped = true;
      return;
    }
    if (!CONTROL_REFERENCE.test(header.controlReference)) this.fault(unb, header.controlReference ? C.invalidValue : C.missing, "UNB interchange control reference (0020) must be 1-14 letters or digits", { element: 5 });
    if (!header.sender) this.fault(unb, C.missing, "UNB interchange sender (0004) is missing", { element: 2 });
    if (!/^[1-4]$/.test(componentOf(unb.elements[0], 1) ?? "")) this.fault(unb, C.syntaxLevel, "UNB syntax version number (0002) must be 1 to 4", { element: 1, component: 2 });
  }

  end(): { header: InterchangeHeader | null; messages: M[]; faults: SyntaxFault[] } {
    const { fault, header, faults, messages, unb, unz, open } = this;
    if (!unb) {
      fault(undefined, C.missing, "the interchange is empty", { interchange: true });
      return { header: null, messages: [], faults };
    }
    if (!header) return { header: null, messages: [], faults };
    if (open) fault(open.unh, C.missing, `message ${componentOf(open.unh.elements[0], 0) ?? ""} has no UNT`, { messageReference: componentOf(open.unh.elements[0], 0) ?? "" });
    if (!unz) fault(this.last, C.missing, "UNZ (interchange trailer) is missing");
    else {
      // 0036 counts the functional groups when the interchange has them, else the messages.
      const count = componentOf(unz.elements[0], 0) ?? "";
      const [seen, what] = this.groups.used ? [this.groups.count, "functional group(s)"] : [this.messageCount, "message(s)"];
      if (count !== String(seen)) fault(unz, C.countDiffers, `UNZ interchange control count (0036) is ${count || "missing"} but the interchange holds ${seen} ${what}`, { element: 1 });
      const reference = componentOf(unz.elements[1], 0) ?? "";
      if (reference !== header.controlReference) fault(unz, C.referencesDiffer, `UNZ control reference ${reference || "(missing)"} differs from UNB ${header.controlReference}`, { element: 2 });
    }
    if (!this.anyMessage) fault(unb, C.lowerLevelEmpty, "the interchange holds no message");
    return { header, messages, faults };
  }
}

type Fault = (segment: Segment | undefined, code: string, message: string, extra?: Partial<SyntaxFault>) => void;

/**
 * Functional groups (UNG ... UNE) around the messages: optional, but when an
 * interchange has them every message is in one (0085 code 30 otherwise),
 * UNE carries the group's message count and repeats its reference (0048),
 * and UNZ counts the groups. A fault of a group names its reference, and is
 * answered in CONTRL's UCF.
 */
class GroupTracker {
  used = false;
  count = 0;
  private current: { ung: Segment; reference: string; type: string; messages: number } | null = null;
  private looseMessages = 0;
  private mixedReported = false;

  constructor(private readonly fault: Fault) {}

  open(ung: Segment): void {
    if (this.current) this.unclosed(ung);
    if (!this.used && this.looseMessages > 0) this.mixed(ung);
    this.used = true;
    this.count += 1;
    const reference = componentOf(ung.elements[4], 0) ?? "";
    this.current = { ung, reference, type: componentOf(ung.elements[0], 0) ?? "", messages: 0 };
    if (!MESSAGE_REFERENCE.test(reference)) this.fault(ung, reference ? C.invalidValue : C.missing, "UNG functional group reference number (0048) must be 1-14 letters or digits", { element: 5, group: reference });
  }

  message(unh: Segment): void {
    if (this.current) {
      this.current.messages += 1;
      const type = componentOf(unh.elements[1], 0) ?? "";
      if (this.current.type && type !== this.current.type) {
        this.fault(unh, C.groupTypeMixed, `message type ${type || "(missing)"} in functional group ${this.current.reference} of ${this.current.type} messages (UNG 0038)`, { element: 2, component: 1, messageReference: componentOf(unh.elements[0], 0) ?? "" });
      }
    } else if (this.used) this.mixed(unh);
    else this.looseMessages += 1;
  }

  close(une: Segment): void {
    const group = this.current;
    this.current = null;
    if (!group) {
      this.fault(une, C.outsideMessage, "UNE without a UNG opening its functional group");
      return;
    }
    const count = componentOf(une.elements[0], 0) ?? "";
    if (count !== String(group.messages)) {
      this.fault(une, C.countDiffers, `UNE number of messages (0060) is ${count || "missing"} but functional group ${group.reference} holds ${group.messages}`, { element: 1, group: group.reference });
    }
    const reference = componentOf(une.elements[1], 0) ?? "";
    if (reference !== group.reference) this.fault(une, C.referencesDiffer, `UNE group reference ${reference || "(missing)"} differs from UNG ${group.reference}`, { element: 2, group: group.reference });
  }

  end(unz: Segment): void {
    if (this.current) this.unclosed(unz);
    this.current = null;
  }

  private unclosed(at: Segment): void {
    this.fault(this.current!.ung, C.missing, `functional group ${this.current!.reference} has no UNE before ${at.tag}`, { group: this.current!.reference });
  }

  private mixed(at: Segment): void {
    if (this.mixedReported) return;
    this.mixedReported = true;
    this.fault(at, C.groupsAndMessagesMixed, "messages outside functional groups: when an interchange has UNG ... UNE, every message must be inside one", { interchange: true });
  }
}

function closeMessage(unh: Segment, unt: Segment, segmentCount: number, fault: Fault, faults: readonly SyntaxFault[]): MessageHead | null {
  const reference = componentOf(unh.elements[0], 0) ?? "";
  const [type = "", version = "", release = "", agency = ""] = componentsOf(unh.elements[1]);
  const before = faults.length;
  const at = { messageReference: reference };
  if (!MESSAGE_REFERENCE.test(reference)) fault(unh, C.missing, "UNH message reference number (0062) must be 1-14 letters or digits", { ...at, element: 1 });
  if (type !== "CUSCAR") fault(unh, C.notSupported, `message type ${type || "(missing)"} is not supported here: only CUSCAR`, { ...at, element: 2, component: 1 });
  else if (version !== "D" || agency !== "UN" || !supportedRelease(release)) {
    fault(unh, C.notSupported, `CUSCAR ${version}:${release}:${agency} is not supported: directories D:95B to D:21A of agency UN`, { ...at, element: 2, component: 3 });
  }
  const count = componentOf(unt.elements[0], 0) ?? "";
  if (count !== String(segmentCount)) fault(unt, C.countDiffers, `UNT number of segments (0074) is ${count || "missing"} but the message has ${segmentCount} (UNH to UNT)`, { ...at, element: 1 });
  const closing = componentOf(unt.elements[1], 0) ?? "";
  if (closing !== reference) fault(unt, C.referencesDiffer, `UNT message reference ${closing || "(missing)"} differs from UNH ${reference}`, { ...at, element: 2 });
  if (faults.length !== before) return null;
  return { reference, type, directory: `${version}.${release}` };
}

/** Directories D.95B up to D.21A: two-digit year (95-99 then 00-21) and release letter. */
export function supportedRelease(release: string): boolean {
  const match = /^(\d{2})([ABC])$/.exec(release);
  if (!match) return false;
  const year = Number(match[1]) >= 90 ? 1900 + Number(match[1]) : 2000 + Number(match[1]);
  const key = year * 10 + "ABC".indexOf(match[2]!);
  return key >= 1995 * 10 + 1 && key <= 2021 * 10 + 0;
}
