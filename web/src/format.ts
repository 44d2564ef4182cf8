// Numbers and dates for the user's locale, through Intl only.
export interface Formatters {
  number(value: number | null | undefined, digits?: number): string;
  percent(value: number | null | undefined): string;
  date(value: string | Date | null | undefined): string;
  dateTime(value: string | Date | null | undefined): string;
  /** A calendar month "YYYY-MM" as the locale writes it ("Jan 2025", "ene 2025"). */
  month(value: string): string;
  money(amount: number | null | undefined, currency: string | null | undefined): string;
}

const EMPTY = "—";

/** A calendar date (YYYY-MM-DD) is shown as that day, whatever the viewer's time zone. */
function toDate(value: string | Date): Date {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`);
  return value instanceof Date ? value : new Date(value);
}

export function formatters(locale: string, timeZone?: string): Formatters {
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...(timeZone ? { timeZone } : {}) });
  const calendarFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", ...(timeZone ? { timeZone } : {}) });
  const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
  return {
    number: (value, digits = 2) =>
      value === null || value === undefined || Number.isNaN(value) ? EMPTY : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
    /** value is a ratio (0.25 → 25 %). */
    percent: (value) => (value === null || value === undefined || Number.isNaN(value) ? EMPTY : percentFormat.format(value)),
    date: (value) => {
      if (!value) return EMPTY;
      const isCalendar = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
      const date = toDate(value);
      return Number.isNaN(date.getTime()) ? EMPTY : (isCalendar ? calendarFormat : dateFormat).format(date);
    },
    dateTime: (value) => {
      if (!value) return EMPTY;
      const date = toDate(value);
      return Number.isNaN(date.getTime()) ? EMPTY : dateTimeFormat.format(date);
    },
    month: (value) => {
      const date = /^\d{4}-\d{2}$/.test(value) ? new Date(`${value}-15T12:00:00Z`) : new Date(Number.NaN);
      return Number.isNaN(date.getTime()) ? EMPTY : monthFormat.format(date);
    },
    money: (amount, currency) => {
      if (amount === null || amount === undefined) return EMPTY;
      try {
        return new Intl.NumberFormat(locale, { style: "currency", currency: currency ?? "USD" }).format(amount);
      } catch {
        return `${new Intl.NumberFormat(locale).format(amount)} ${currency ?? ""}`.trim();
      }
    },
  };
}

/** A local date-time for <input type="datetime-local"> (no seconds, no zone). */
export function localDateTimeInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
