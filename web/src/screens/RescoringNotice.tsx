// The queue says when containers are being re-scored after a profile change:
// until their re-score chunk runs they keep the previous profile's score and
// band, which the rows, the counts and the voyage board show. Filtered to one
// manifest it counts that manifest's (GET manifest counts.rescoring); with no
// manifest chosen, the unit's (the queue's counts answer, `rescoring`), so an
// officer opening the queue right after an activation is told at once. The
// count is read again every few seconds while it is above 0; when it reaches 0
// the queue's rows, counts and voyage board are read again, so the new
// verdicts replace the old ones on screen.
import { useEffect, useState } from "react";
import { LiveRegion } from "../a11y.js";
import { useApp } from "../context.js";
import type { MessageKey } from "../i18n.js";
import { useApiPolled, useInvalidate } from "../server-state.js";

/** A re-score of 15,000 containers takes a few seconds: a count a few seconds old is close enough. */
const POLL_MS = 3_000;

interface ManifestCounts {
  counts: { rescoring: number };
}

/** Render with key={manifestId}: "done" is said only after this manifest was seen being re-scored. */
export function RescoringNotice({ code, manifestId }: { code: string; manifestId: string }) {
  const manifest = useApiPolled<ManifestCounts>(`/v1/units/${code}/manifests/${manifestId}`, (m) => (m.counts.rescoring > 0 ? POLL_MS : false));
  return <RescoringStatus code={code} rescoring={manifest.data?.counts.rescoring} waiting="queue.rescoring" />;
}

/**
 * The unit's containers being re-scored, from `countsPath` (queueReads' counts): the same read as the view's counts,
 * so while it is polled the counts shown follow the re-score too, and no other request is made when none is under way.
 */
export function UnitRescoringNotice({ code, countsPath }: { code: string; countsPath: string }) {
  const counts = useApiPolled<{ rescoring?: number }>(countsPath, (c) => ((c.rescoring ?? 0) > 0 ? POLL_MS : false));
  return <RescoringStatus code={code} rescoring={counts.data?.rescoring} waiting="queue.rescoringUnit" />;
}

function RescoringStatus({ code, rescoring, waiting }: { code: string; rescoring: number | undefined; waiting: MessageKey }) {
  const { t } = useApp();
  const unit = `/v1/units/${code}`;
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
      {rescoring > 0 ? t(waiting, { n: rescoring }) : t("queue.rescored")}
    </LiveRegion>
  );
}
