// The EDIFACT syntax layer: node-edifact (npm `edifact`) reads the service
// string advice (UNA), separators, the release character and the character
// repertoire named in UNB; this wrapper only collects its events into
// segments and turns its exceptions into faults that name where they happened.
import edifact from "edifact";

/**
 * A data element, release characters already removed: a plain string when it
 * has one component (most elements), else the array of its components. One
 * array less per element matters: a mega-vessel's interchange is
 * garbage-collector-bound. Read elements through componentOf / componentsOf.
 */
export type Element = string | string[];

export interface Segment {
  tag: string;
  elements: Element[];
  /** 1-based position of the segment in the interchange (UNA not counted). */
  position: number;
}

/** Component `index` (0-based) of an element, undefined when it has none there. */
export function componentOf(element: Element | undefined, index: number): string | undefined {
  if (typeof element === "string") return index === 0 ? element : undefined;
  return element?.[index];
}

/** An element's components as an array (a new one-element array for a single component). */
export function componentsOf(element: Element | undefined): string[] {
  if (element === undefined) return [];
  return typeof element === "string" ? [element] : element;
}

/** A syntax problem, with the CONTRL syntax error code (0085) it is reported under. */
export interface SyntaxFault {
  /** 1-based segment position in the interchange. */
  position: number;
  tag: string;
  element?: number;
  component?: number;
  code: string;
  message: string;
  /** UNH 0062 of the message the fault is in; absent for envelope faults. */
  messageReference?: string;
  /** A fault of the interchange as a whole even when its segment sits in a message (no UNB before UNH). */
  interchange?: boolean;
  /** UNG 0048 of the functional group the fault is in (a group's own fault: UNG, UNE). */
  group?: string;
}

export type Tokenized = { ok: true; segments: Segment[]; decimalMark: string; open?: boolean } | { ok: false; segments: Segment[]; fault: SyntaxFault };

/** CONTRL 0085 codes used by the syntax and envelope checks. */
export const SYNTAX_CODES = {
  syntaxLevel: "2",
  invalidValue: "12",
  missing: "13",
  notSupported: "14",
  notSupportedInPosition: "15",
  invalidCharacter: "21",
  duplicate: "26",
  referencesDiffer: "28",
  countDiffers: "29",
  groupsAndMessagesMixed: "30",
  groupTypeMixed: "31",
  lowerLevelEmpty: "32",
  outsideMessage: "33",
} as const;

// C0 controls other than CR and LF (which the library and senders use as line
// breaks) have no place in any EDIFACT repertoire; the library skips NUL
// silently, so binary input is refused here before it is parsed.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F]/;

export function tokenize(input: string): Tokenized {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const before = run(text.slice(0, control.index), false);
    // An unterminated last segment of the prefix is the one holding the character.
    const last = before.segments.at(-1);
    const where = !before.ok ? before.fault : before.open && last ? last : { position: before.segments.length + 1, tag: "" };
    const code = control[0].charCodeAt(0).toString(16).padStart(2, "0");
    return { ok: false, segments: before.segments, fault: { position: where.position, tag: where.tag, code: SYNTAX_CODES.invalidCharacter, message: `control character U+00${code.toUpperCase()} is not allowed` } };
  }
  return run(text, true);
}

/**
 * The interchange's segments handed to `sink` one by one as each closes, none
 * kept: a mega-vessel's 290,000 segments then die young instead of surviving
 * every scavenge until the mapping ends. Only for the clean case: true when
 * the syntax held, false at a fault of any kind without saying where
 * (tokenize does, on a second reading); an exception the sink throws stops
 * the reading and is rethrown.
 */
export function streamSegments(input: string, sink: (segment: Segment) => void): boolean {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (CONTROL_CHARACTER.test(text)) return false;
  const streamed = run(text, true, sink);
  return streamed.ok && !streamed.open;
}

/** Thrown by a sink to stop streamSegments: passed through, never read as a syntax fault. */
class SinkStop extends Error {
  constructor(readonly error: unknown) {
    super("stopped by the sink");
  }
}

/**
 * Segments whose data the mapping reads. Others (TMP, PCI, DGS, TSR...) are
 * still parsed and counted, but their data is not kept: a mega-vessel's
 * interchange is garbage-collector-bound, and every retained string counts.
 */
const KEPT = new Set(["UNB", "UNH", "UNT", "UNZ", "BGM", "DTM", "RFF", "NAD", "TDT", "LOC", "EQD", "MEA", "SEL", "CNI", "GID", "FTX", "SGP", "CST", "MOA", "CPI", "UNG", "UNE"]);

/** The elements of a segment whose data is not kept (shared: nothing writes to a segment's elements). */
const NOT_KEPT: Element[] = Object.freeze([]) as unknown as Element[];

/**
 * Reads the text with the library. Without a sink every segment is collected
 * (pushed when it opens, so a fault names the open one). With a sink each
 * segment goes to it when it closes, and `segments` stays empty.
 */
function run(text: string, complete: boolean, sink?: (segment: Segment) => void): Tokenized {
  const parser = new edifact.Parser();
  const segments: Segment[] = [];
  let count = 0;
  let current: Segment | undefined;
  // The current segment's elements and the current element's components are
  // collected in two reused arrays and copied at their exact size when the
  // segment closes: arrays grown by push keep room for 16 more entries, and
  // a mega-vessel's 800,000 elements made that most of the heap it kept.
  const elements: Element[] = [];
  const components: string[] = [];
  let elementCount = 0;
  /** Components read so far in the current element (a fault names the next one). */
  let componentCount = 0;
  let keep = true;
  let syntaxIdentifierNext = false;
  const shortValues = new Map<string, string>();
  const closeElement = () => {
    if (elementCount > 0) elements[elementCount - 1] = componentCount === 0 ? "" : componentCount === 1 ? components[0]! : components.slice(0, componentCount);
  };
  /** Gives the current segment the elements read so far (all of them when it closes, a part when a fault stops it). */
  const closeSegment = () => {
    if (!current || !keep) return;
    closeElement();
    current.elements = elements.slice(0, elementCount);
  };
  parser.onopensegment = (tag) => {
    keep = KEPT.has(tag);
    count += 1;
    current = { tag, elements: NOT_KEPT, position: count };
    if (!sink) segments.push(current);
    elementCount = 0;
    syntaxIdentifierNext = tag === "UNB";
  };
  parser.onelement = () => {
    if (keep && current) {
      closeElement();
      elementCount += 1;
    }
    componentCount = 0;
  };
  parser.oncomponent = (text) => {
    let value = text;
    if (syntaxIdentifierNext) {
      // The repertoire (UNOA, UNOC...) is the first component of UNB: the
      // library must switch to it before reading the rest of the interchange.
      syntaxIdentifierNext = false;
      parser.encoding(value);
    }
    if (!keep || !current || elementCount === 0) {
      componentCount += 1;
      return;
    }
    // Qualifiers and codes (CN, KGM, ZZZ, 139...) are half of the components
    // kept: one string each instead of one per occurrence, so a mega-vessel
    // keeps half a million strings fewer alive through the mapping. Not when
    // streaming: segments die young there, and the lookups only cost.
    if (!sink && value.length > 0 && value.length <= 4) {
      const known = shortValues.get(value);
      if (known !== undefined) value = known;
      else if (shortValues.size < 10_000) shortValues.set(value, value);
    }
    components[componentCount] = value;
    componentCount += 1;
  };
  parser.onclosesegment = () => {
    closeSegment();
    if (sink && current) {
      try {
        sink(current);
      } catch (error) {
        throw new SinkStop(error);
      }
    }
    current = undefined;
  };
  try {
    parser.write(text);
    if (complete) parser.end();
  } catch (error) {
    if (error instanceof SinkStop) throw error.error;
    closeSegment();
    return { ok: false, segments, fault: faultOf(error, current, count + 1, componentCount) };
  }
  closeSegment();
  return { ok: true, segments, decimalMark: decimalMarkOf(text), open: current !== undefined };
}

function faultOf(error: unknown, current: Segment | undefined, nextPosition: number, componentCount: number): SyntaxFault {
  const reason = error instanceof Error ? error.message : String(error);
  const at = current
    ? { position: current.position, tag: current.tag, element: current.elements.length || undefined, component: current.elements.length ? componentCount + 1 : undefined }
    : { position: nextPosition, tag: "" };
  if (reason.startsWith("Cannot close an incomplete message")) {
    return { ...at, code: SYNTAX_CODES.missing, message: "the last segment is not terminated (segment terminator missing)" };
  }
  if (reason.startsWith("No definition found for character encoding level")) {
    return { ...at, code: SYNTAX_CODES.syntaxLevel, message: `syntax identifier not supported: ${reason.slice(reason.lastIndexOf(" ") + 1)} (expected UNOA, UNOB, UNOC or UNOY)` };
  }
  if (reason.includes("after reading segment name")) {
    return { ...at, code: SYNTAX_CODES.invalidValue, message: `segment tag must be 3 letters: ${reason}` };
  }
  return { ...at, code: SYNTAX_CODES.invalidCharacter, message: reason.replace(/ at position \d+$/, "") + " for the interchange's character repertoire" };
}

/** The decimal mark numbers use: from UNA when present (after a byte order mark, if any), else the default full stop. */
export function decimalMarkOf(text: string): string {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return text.startsWith("UNA", start) && text.length >= start + 9 ? text.charAt(start + 5) : ".";
}
