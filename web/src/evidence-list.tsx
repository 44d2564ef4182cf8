// The values that made an indicator's conditions true, one line a field: on a
// container's page and in a profile's dry-run.
import type { Evidence } from "./profile-dry-run.js";

/** `text`: how a value reads (the container's page and the dry-run each say it their way). */
export function EvidenceList({ evidence, text }: { evidence: readonly Evidence[]; text: (value: Evidence["value"]) => string }) {
  return (
    <ul className="evidence">
      {evidence.map((e, i) => (
        <li key={`${e.field}-${i}`}>
          <code>{e.field}</code>: {text(e.value)}
        </li>
      ))}
    </ul>
  );
}
