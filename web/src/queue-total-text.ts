// The queue's "N containers in this view, M shown" line. A broad search (a
// short B/L or container prefix, a common word in party names) is counted by
// the server up to a cap only (core/shipments/count-queue.ts): its total is a
// lower bound, read "10,000+ containers" in English and "más de 10.000
// contenedores" in Spanish, never as if it were the exact number.
import type { Translate } from "./i18n.js";

export interface QueueTotal {
  total: number | null;
  /** The total is a lower bound. */
  totalCapped?: boolean | undefined;
}

/** `first`: the first page's answer (later pages carry no total); `shown`: the rows loaded so far. */
export function queueTotalText(t: Translate, first: QueueTotal | undefined, shown: number): string {
  return t(first?.totalCapped ? "queue.totalCapped" : "queue.total", { total: first?.total ?? shown, shown });
}
