-- The queue's broad counts at ten million shipments a unit (issue 17 item 5).
-- A count without a search sums the unit's counters and reads row by row
-- only the score buckets holding a cut-off (core/triage/queue-counters.ts).
-- At 10M with near-continuous scores those buckets hold some 20,000 rows, and
-- fetching each from the heap took 100 ms of the 150 ms a count cost. The
-- score index now carries every column the counters' rows have, so those
-- reads are index-only (60 bytes a shipment more at 10M, 1.2 GB for the
-- index). Every column here is already in another index of scoring_state or
-- changes with the score, so no update that was HOT stops being HOT.
CREATE INDEX "scoring_state_queue_covering" ON "scoring_state"
  ("unit_id", (COALESCE("score", '-Infinity'::float8)) DESC, "shipment_id" DESC)
  INCLUDE ("score", "arrival_date", "transport_mode", "manifest_id", "status", "decision", "random", "alerted", "watchlisted", "selected", "band", "assignee_id");
DROP INDEX "scoring_state_queue";
ALTER INDEX "scoring_state_queue_covering" RENAME TO "scoring_state_queue";
