// Evidence is collected into one reusable buffer while conditions run and
// turned into objects only for indicators that match: most indicators do not
// match most shipments, and the scorer must stay allocation-light.
import type { ShipmentFacts } from "../../derived.js";

export type EvidenceValue = string | number | boolean | null;

export interface Evidence {
  field: string;
  value: EvidenceValue;
}

/** Evidence shown per indicator; an `any` over 500 ports needs only the first hits. */
const MAX_EVIDENCE = 10;

export class EvidenceBuffer {
  private readonly fields: string[] = [];
  private readonly values: EvidenceValue[] = [];
  length = 0;
  /** Set while a score call uses the buffer, so a re-entrant call takes a fresh one. */
  busy = false;

  push(field: string, value: EvidenceValue): void {
    this.fields[this.length] = field;
    this.values[this.length] = value;
    this.length++;
  }

  take(): Evidence[] {
    const n = Math.min(this.length, MAX_EVIDENCE);
    const out: Evidence[] = new Array<Evidence>(n);
    for (let i = 0; i < n; i++) out[i] = { field: this.fields[i] ?? "", value: this.values[i] ?? null };
    return out;
  }
}

/**
 * A compiled condition: true when it holds for the shipment. On success it
 * may push evidence; on failure it leaves the buffer as it found it.
 */
export type Matcher = (facts: ShipmentFacts, evidence: EvidenceBuffer) => boolean;
