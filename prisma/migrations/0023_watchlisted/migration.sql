-- A shipment matched by an indicator that reads a watchlist is flagged for
-- officers whatever its score (issue 16: flagged = selected by score, at
-- random, by an alert, or by a watchlist). Written by scoring, like selected.
ALTER TABLE "scoring_state" ADD COLUMN "watchlisted" BOOLEAN NOT NULL DEFAULT false;
