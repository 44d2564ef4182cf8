// Why a queue search found nothing, in the reader's language: the API sends a
// coded reason and what was searched (core/shipments/search-hint.ts); its
// English message is kept only for a reason this client does not know yet.
import type { MessageKey, Translate } from "./i18n.js";

export type SearchHintReason = "hiddenByFilters" | "invalidContainerNumber" | "notAContainerPrefix" | "noMatch";
export type SearchField = "containerNumber" | "billOfLading" | "party";

export interface SearchHint {
  reason: SearchHintReason | (string & {});
  message: string;
  field?: SearchField;
  search?: string;
  matchesWithoutFilters?: number;
  expectedCheckDigit?: number;
}

const NO_MATCH: Record<SearchField, MessageKey> = {
  containerNumber: "queue.hint.noMatch.containerNumber",
  billOfLading: "queue.hint.noMatch.billOfLading",
  party: "queue.hint.noMatch.party",
};

/**
 * How a hint is styled: a search that is not a valid container number (or prefix) is a warning about
 * what was typed, as the app's other warnings are; "nothing matches" is a plain hint. Neither is a success.
 */
export function searchHintTone(hint: SearchHint): "warning" | "hint" {
  return hint.reason === "invalidContainerNumber" || hint.reason === "notAContainerPrefix" ? "warning" : "hint";
}

export function searchHintText(t: Translate, hint: SearchHint): string {
  const search = hint.search ?? "";
  switch (hint.reason) {
    case "hiddenByFilters":
      return t("queue.hint.hiddenByFilters", { n: hint.matchesWithoutFilters ?? 0 });
    case "invalidContainerNumber":
      return hint.expectedCheckDigit === undefined ? t("queue.hint.invalidContainerNumber", { search }) : t("queue.hint.wrongCheckDigit", { search, digit: String(hint.expectedCheckDigit) });
    case "notAContainerPrefix":
      return t("queue.hint.notAContainerPrefix", { search });
    case "noMatch":
      return hint.field ? t(NO_MATCH[hint.field], { search }) : hint.message;
    default:
      return hint.message;
  }
}
