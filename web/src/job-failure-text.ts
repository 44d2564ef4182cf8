// A failed job's error in the reader's words: the job's failure code and
// parameters (core/analysis/job-failure.ts) through the message files; a
// failure without a code, or with one this page does not know, shows the
// job's own message as the API wrote it.
import type { Formatters } from "./format.js";
import type { MessageKey, MessageValues, Translate } from "./i18n.js";

const FAILURES: Readonly<Record<string, { key: MessageKey; dates?: readonly string[] }>> = {
  "build.noHistory": { key: "job.failure.build.noHistory", dates: ["from", "to"] },
  "build.noHits": { key: "job.failure.build.noHits", dates: ["from", "to"] },
};

export function failureText(t: Translate, fmt: Formatters, job: { error: string | null; failure?: { code: string; params: Record<string, string | number> } | null }): string {
  const known = job.failure && Object.hasOwn(FAILURES, job.failure.code) ? FAILURES[job.failure.code]! : null;
  if (!known || !job.failure) return job.error ?? "";
  const values: MessageValues = { ...job.failure.params };
  for (const name of known.dates ?? []) {
    const raw = job.failure.params[name];
    if (typeof raw === "string") values[name] = fmt.date(raw);
  }
  return t(known.key, values);
}
