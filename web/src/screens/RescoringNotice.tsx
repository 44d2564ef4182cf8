// The queue filtered to one manifest says when its containers are being
// re-scored after a profile change (GET manifest counts.rescoring): until
// their re-score chunk runs they keep the previous profile's score and band,
// which the rows and counts show. The count is read again every few seconds
// while it is above 0; when it reaches 0 the queue's rows and counts are read
// again, so the new verdicts replace the old ones on screen.
import { useEffect, useState } from "react";
import { LiveRegion } from "../a11y.js";
import { useApp } from "../context.js";
import { useApiPolled, useInvalidate } from "../server-state.js";

/** A re-score of 15,000 containers takes a few seconds: a count a few seconds old is close enough. */
const POLL_MS = 3_000;

interface ManifestCounts {
  counts: { rescoring: number };
}

/** Render with key={manifestId}: "done" is said only after this manifest was seen being re-scored. */
export function RescoringNotice({ code, manifestId }: { code: string; manifestId: string }) {
  const { t } = useApp();
  const unit = `/v1/units/${code}`;
  const manifest = useApiPolled<ManifestCounts>(`${unit}/manifests/${manifestId}`, (m) => (m.counts.rescoring > 0 ? POLL_MS : false));
  const rescoring = manifest.data?.counts.rescoring;
  const [seen, setSeen] = useState(false);
  const invalidate = useInvalidate();
  useEffect(() => {
    if (rescoring !== undefined && rescoring > 0) setSeen(true);
    else if (rescoring === 0 && seen) void invalidate(`${unit}/shipments`, `${unit}/queue`);
  }, [rescoring, seen, unit, invalidate]);
  // A failed read leaves the last count shown (the query keeps it); the queue reports its own errors.
  if (rescoring === undefined || (rescoring === 0 && !seen)) return null;
  return (
    // A caution while the scores shown are the previous profile's, as the EDIFACT answer's warnings are; then the usual notice.
    <LiveRegion role="status" as="p" className={rescoring > 0 ? "warning" : "notice"} testId="rescoring">
      {rescoring > 0 ? t("queue.rescoring", { n: rescoring }) : t("queue.rescored")}
    </LiveRegion>
  );
}
