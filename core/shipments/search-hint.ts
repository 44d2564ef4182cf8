// Why a queue search found nothing, in words an officer can act on: the
// search matches shipments the other filters hide, or the number cannot be a
// container number, or the unit has no such shipment at all.
import { containerCheckDigit, validateContainerNumber } from "../../profiling/features/iso6346.js";
import type { Services } from "../services.js";
import { countQueue } from "./count-queue.js";
import { containerSearchText, searchOnly, type QueueFilters } from "./queue-filters.js";

export type SearchHintReason = "hiddenByFilters" | "invalidContainerNumber" | "notAContainerPrefix" | "noMatch";

export interface SearchHint {
  reason: SearchHintReason;
  message: string;
  /** What was searched, as it was compared (container numbers in capitals, without spaces): a client words the hint in its own language from the reason and these. */
  field: "containerNumber" | "billOfLading" | "party";
  search: string;
  /** Shipments the search alone finds (hiddenByFilters). */
  matchesWithoutFilters?: number;
  /** invalidContainerNumber when only the check digit is wrong: the right one. */
  expectedCheckDigit?: number;
}

const OWNER_PREFIX = /^[A-Z]{0,3}$|^[A-Z]{3}[UJZ]\d{0,7}$/;

/** The search the hint is about: the container number first, then the B/L, then the party (queueWhere applies them all). */
function searched(filters: QueueFilters): Pick<SearchHint, "field" | "search"> {
  if (filters.containerNumber) return { field: "containerNumber", search: containerSearchText(filters.containerNumber) };
  if (filters.billOfLading) return { field: "billOfLading", search: filters.billOfLading.trim().toUpperCase() };
  return { field: "party", search: (filters.party ?? "").trim() };
}

export async function searchHint(services: Pick<Services, "pool">, unitId: string, filters: QueueFilters): Promise<SearchHint> {
  const what = searched(filters);
  const n = await countQueue(services, unitId, searchOnly(filters), { cap: 10_000 });
  if (n > 0) {
    return { reason: "hiddenByFilters", ...what, matchesWithoutFilters: n, message: `${n} shipment(s) match the search but not the other filters (flagged only, band, decision, dates…): clear them to see ${n === 1 ? "it" : "them"}` };
  }
  if (filters.containerNumber) {
    const text = containerSearchText(filters.containerNumber);
    if (text.length === 11) {
      const problem = validateContainerNumber(text);
      // Owner code, category and serial well formed: then only the check digit is wrong.
      const first10 = text.slice(0, 10);
      const checkDigit = /^[A-Z]{3}[UJZ]\d{6}$/.test(first10) ? { expectedCheckDigit: containerCheckDigit(first10) } : {};
      if (problem) return { reason: "invalidContainerNumber", ...what, ...checkDigit, message: `${text} is not a valid ISO 6346 container number: ${problem}` };
    } else if (!OWNER_PREFIX.test(text)) {
      return { reason: "notAContainerPrefix", ...what, message: `a container number starts with a 3-letter owner code and U, J or Z, then 7 digits (e.g. MSCU1234565); "${text}" cannot be the start of one` };
    }
    return { reason: "noMatch", ...what, message: `no shipment of this unit has a container number starting with ${text}` };
  }
  if (filters.billOfLading) return { reason: "noMatch", ...what, message: `no shipment of this unit has a bill of lading starting with ${filters.billOfLading.trim().toUpperCase()}` };
  return { reason: "noMatch", ...what, message: `no shipper or consignee of this unit has a name containing "${filters.party ?? ""}"` };
}
