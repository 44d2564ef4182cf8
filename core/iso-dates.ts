// The dates and date-times the API takes, bounded to the years 1900-2100:
// zod's ISO checks accept year 0000, which PostgreSQL refuses (a 500 before
// this), and year 9999, which nobody means. Every schema that reads a date
// from a client uses these.
import { z } from "zod";

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const RANGE_MESSAGE = `must be between ${MIN_YEAR} and ${MAX_YEAR}`;

// Judges only text that starts like a date: the format check names anything
// else, and one field should get one error.
const yearInRange = (text: string) => {
  if (!/^\d{4}-/.test(text)) return true;
  const year = Number(text.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};

/** YYYY-MM-DD between 1900-01-01 and 2100-12-31. */
export const boundedDate = (message = "expected a date YYYY-MM-DD") => z.iso.date(message).refine(yearInRange, RANGE_MESSAGE);

/** ISO 8601 date-time with a time zone, its year between 1900 and 2100. */
export const boundedDateTime = (message = "expected an ISO 8601 date-time with time zone") =>
  z.iso.datetime({ offset: true, message }).refine(yearInRange, RANGE_MESSAGE);
