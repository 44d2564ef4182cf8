// Syntax faults, as found over the whole interchange, sorted into what CONTRL
// reports: faults of the envelope (UCI) and faults of a message (UCM with the
// segment position counted from its UNH, as 0096 asks).
import type { ContrlGroupReport, ContrlMessageReport } from "./edifact-replies.js";
import { componentOf, componentsOf, type Segment, type SyntaxFault } from "./edifact-syntax.js";
import type { MessageError } from "./interchange-outcome.js";

export interface SyntaxReport {
  interchangeErrors: MessageError[];
  /** Faults of functional groups (UNG/UNE), answered in UCF. */
  groups: ContrlGroupReport[];
  messages: ContrlMessageReport[];
  /** All faults with interchange positions, for the JSON outcome. */
  errors: MessageError[];
}

const toError = (fault: SyntaxFault, position: number): MessageError => ({
  segmentPosition: position,
  segment: fault.tag,
  ...(fault.element ? { element: fault.element } : {}),
  ...(fault.component ? { component: fault.component } : {}),
  code: fault.code,
  message: fault.message,
});

export function syntaxReport(faults: SyntaxFault[], segments: readonly Segment[]): SyntaxReport {
  const report: SyntaxReport = { interchangeErrors: [], groups: [], messages: [], errors: [] };
  const byUnh = new Map<Segment, ContrlMessageReport>();
  const byGroup = new Map<string, ContrlGroupReport>();
  for (const fault of faults) {
    report.errors.push(toError(fault, fault.position));
    if (fault.group !== undefined) {
      let group = byGroup.get(fault.group);
      if (!group) {
        group = { reference: fault.group, errors: [] };
        byGroup.set(fault.group, group);
        report.groups.push(group);
      }
      group.errors.push(toError(fault, fault.position));
      continue;
    }
    const unh = fault.interchange ? undefined : enclosingMessage(fault, segments);
    if (!unh) {
      report.interchangeErrors.push(toError(fault, fault.position));
      continue;
    }
    let message = byUnh.get(unh);
    if (!message) {
      message = { reference: componentOf(unh.elements[0], 0) ?? "", identifier: componentsOf(unh.elements[1]).join(":"), errors: [] };
      byUnh.set(unh, message);
      report.messages.push(message);
    }
    message.errors.push(toError(fault, fault.position - unh.position + 1));
  }
  return report;
}

/** The UNH a fault lies in: the last UNH at or before it with no UNT or UNZ closing it earlier. */
function enclosingMessage(fault: SyntaxFault, segments: readonly Segment[]): Segment | undefined {
  if (fault.tag === "UNB" || fault.tag === "UNZ" || fault.tag === "UNG" || fault.tag === "UNE") return undefined;
  for (let index = Math.min(fault.position, segments.length) - 1; index >= 0; index -= 1) {
    const segment = segments[index]!;
    if (segment.tag === "UNH") return segment;
    if ((segment.tag === "UNT" || segment.tag === "UNZ") && segment.position < fault.position) return undefined;
  }
  return undefined;
}
