// How a screen describes a table's columns to DataTable, and the comparison
// every sortable column uses: numbers by value, text in the reader's
// alphabet (numbers inside text in order: "BL-9" before "BL-10"), and missing
// values last whichever the direction.
import type { ReactNode } from "react";

export type SortValue = string | number | null | undefined;

export interface DataColumn<T> {
  /** Stable id: the sort state names columns by it (and a server sorts by it). */
  id: string;
  /** The visible header. */
  header: string;
  cell: (row: T) => ReactNode;
  /** The value to sort by; without it the column does not sort. */
  sortValue?: (row: T) => SortValue;
  /** The first press sorts descending (scores, counts: the largest first). */
  descFirst?: boolean;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** The cell names its row (`<th scope="row">`). */
  rowHeader?: boolean;
  className?: string;
}

export interface ColumnSort {
  id: string;
  desc: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Ascending comparison of two present values (the table reverses it for descending). */
export function compareValues(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** null and undefined become undefined, which the table keeps last in either direction. */
export const present = (value: SortValue): string | number | undefined => (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value)) ? undefined : value);
