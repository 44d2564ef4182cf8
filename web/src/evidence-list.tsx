// The values that made an indicator's conditions true, one line a field: on a
// container's page and in a profile's dry-run. Each field reads by its name in
// the reader's language; its path (what a profile's condition names) is the
// name's title, for analysts.
import { useApp } from "./context.js";
import { evidenceFieldLabel, evidenceFieldValueText } from "./evidence-text.js";
import type { Evidence } from "./profile-dry-run.js";

/** `text`: how a value reads (the container's page and the dry-run each say it their way). */
export function EvidenceList({ evidence, text }: { evidence: readonly Evidence[]; text: (value: Evidence["value"]) => string }) {
  const { t } = useApp();
  return (
    <ul className="evidence">
      {distinctEvidence(evidence).map((e, i) => (
        <li key={`${e.field}-${i}`}>
          <span className="evidence-field" title={e.field} data-field={e.field}>
            {evidenceFieldLabel(t, e.field)}
          </span>
          : {evidenceFieldValueText(t, e.field, e.value) ?? text(e.value)}
        </li>
      ))}
    </ul>
  );
}

/**
 * Each field and value once: a learned band ("0.9 to under 0.95 x median")
 * is two conditions on the same field, and each wrote its evidence, so the
 * officer read "Value per kg against the HS code's median: 0.93" twice.
 */
export function distinctEvidence(evidence: readonly Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = JSON.stringify([e.field, e.value]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
