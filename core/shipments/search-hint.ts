// Why a queue search found nothing, in words an officer can act on: the
// search matches shipments the other filters hide, or the number cannot be a
// container number, or the unit has no such shipment at all.
import { validateContainerNumber } from "../../profiling/features/iso6346.js";
import type { Services } from "../services.js";
import { countQueue } from "./count-queue.js";
import { containerSearchText, searchOnly, type QueueFilters } from "./queue-filters.js";

export type SearchHintReason = "hiddenByFilters" | "invalidContainerNumber" | "notAContainerPrefix" | "noMatch";

export interface SearchHint {
  reason: SearchHintReason;
  message: string;
  /** Shipments the search alone finds (hiddenByFilters). */
  matchesWithoutFilters?: number;
}

const OWNER_PREFIX = /^[A-Z]{0,3}$|^[A-Z]{3}[UJZ]\d{0,7}$/;

export async function searchHint(services: Pick<Services, "pool">, unitId: string, filters: QueueFilters): Promise<SearchHint> {
  const n = await countQueue(services, unitId, searchOnly(filters), 10_000);
  if (n > 0) {
    return { reason: "hiddenByFilters", matchesWithoutFilters: n, message: `${n} shipment(s) match the search but not the other filters (flagged only, band, decision, dates…): clear them to see ${n === 1 ? "it" : "them"}` };
  }
  if (filters.containerNumber) {
    const text = containerSearchText(filters.containerNumber);
    if (text.length === 11) {
      const problem = validateContainerNumber(text);
      if (problem) return { reason: "invalidContainerNumber", message: `${text} is not a valid ISO 6346 container number: ${problem}` };
    } else if (!OWNER_PREFIX.test(text)) {
      return { reason: "notAContainerPrefix", message: `a container number starts with a 3-letter owner code and U, J or Z, then 7 digits (e.g. MSCU1234565); "${text}" cannot be the start of one` };
    }
    return { reason: "noMatch", message: `no shipment of this unit has a container number starting with ${text}` };
  }
  if (filters.billOfLading) return { reason: "noMatch", message: `no shipment of this unit has a bill of lading starting with ${filters.billOfLading.trim().toUpperCase()}` };
  return { reason: "noMatch", message: `no shipper or consignee of this unit has a name containing "${filters.party ?? ""}"` };
}
