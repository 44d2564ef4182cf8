// Why a queue search found nothing, in words an officer can act on: the
// search matches shipments the other filters hide, or the number cannot be a
// container number, or the number is only on the unit's past shipments (its
// history: not scored, not queued, each with its own page), or the unit has no
// such shipment at all.
import { containerCheckDigit, validateContainerNumber } from "../../profiling/features/iso6346.js";
import type { Services } from "../services.js";
import { countQueue } from "./count-queue.js";
import { pastShipments, type PastShipment } from "./past-shipments.js";
import { containerSearchText, searchOnly, type QueueFilters } from "./queue-filters.js";

export type SearchHintReason = "hiddenByFilters" | "invalidContainerNumber" | "notAContainerPrefix" | "inHistoryOnly" | "noMatch";

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
  /** inHistoryOnly: how many past shipments carry the number (at most PAST_MATCH_CAP; pastMatchesCapped when more). */
  pastMatches?: number;
  pastMatchesCapped?: boolean;
  /** inHistoryOnly: the first of them in number order, each with the id of its page. */
  pastShipments?: PastShipment[];
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
    return (await inHistory(services, unitId, what)) ?? { reason: "noMatch", ...what, message: `no shipment of this unit has a container number starting with ${text}` };
  }
  if (filters.billOfLading) {
    return (await inHistory(services, unitId, what)) ?? { reason: "noMatch", ...what, message: `no shipment of this unit has a bill of lading starting with ${what.search}` };
  }
  return { reason: "noMatch", ...what, message: `no shipper or consignee of this unit has a name containing "${filters.party ?? ""}"` };
}

/** The number is on past shipments only (no scoring state): they are the unit's history, never queued; name them. */
async function inHistory(services: Pick<Services, "pool">, unitId: string, what: Pick<SearchHint, "field" | "search">): Promise<SearchHint | null> {
  if (what.field === "party" || what.search === "") return null;
  const past = await pastShipments(services, unitId, what.field, what.search);
  if (past.matches === 0) return null;
  const n = `${past.matches}${past.capped ? "+" : ""}`;
  const number = what.field === "containerNumber" ? "container number" : "bill of lading";
  return {
    reason: "inHistoryOnly",
    ...what,
    pastMatches: past.matches,
    pastMatchesCapped: past.capped,
    pastShipments: past.items,
    message: `no shipment in the queue has a ${number} starting with ${what.search}, but ${n} past shipment(s) of this unit do: past shipments are the unit's history, not scored and never in the queue; open them by id (pastShipments) as GET /v1/units/{unitCode}/shipments/{id}`,
  };
}
