-- Each assessment keeps its evidence (some 4 kB of JSON with a 65-indicator
-- learned profile), so a re-score of 15,000 upcoming containers writes about
-- 65 MB of it, compressed on the way into TOAST. lz4 compresses several times
-- faster than the default pglz for a similar size here. Rows written before
-- keep pglz and read as before: PostgreSQL records the method per value.
ALTER TABLE "assessment" ALTER COLUMN "indicators" SET COMPRESSION lz4;
