// The values that made an indicator's conditions true, one line a field: on a
// container's page and in a profile's dry-run. Each field reads by its name in
// the reader's language; its path (what a profile's condition names) is the
// name's title, for analysts.
import { useApp } from "./context.js";
import { evidenceFieldLabel } from "./evidence-text.js";
import type { Evidence } from "./profile-dry-run.js";

/** `text`: how a value reads (the container's page and the dry-run each say it their way). */
export function EvidenceList({ evidence, text }: { evidence: readonly Evidence[]; text: (value: Evidence["value"]) => string }) {
  const { t } = useApp();
  return (
    <ul className="evidence">
      {evidence.map((e, i) => (
        <li key={`${e.field}-${i}`}>
          <span className="evidence-field" title={e.field} data-field={e.field}>
            {evidenceFieldLabel(t, e.field)}
          </span>
          : {text(e.value)}
        </li>
      ))}
    </ul>
  );
}
