-- The queue's voyage picker searches the unit's manifests by what the officer
-- types: text anywhere in the vessel name, voyage number, manifest reference
-- or flight number, any case (ILIKE '%...%', core/manifests/list-manifests.ts).
-- A btree cannot serve a pattern that starts with a wildcard, so without this
-- index a search that matches few manifests reads every manifest of the unit
-- (an air unit receives thousands of flights a year, and a unit's imported
-- history adds its past voyages). The indexed expression is the one the query
-- writes (SEARCH_TEXT_SQL): keep them the same, or the index is never used.
-- Manifests are written one row at a time and rarely, so the index is kept
-- without GIN's pending list (as party_name_trgm, 0032): every search reads
-- it as built.
CREATE INDEX "manifest_search_trgm" ON "manifest" USING gin (
  (COALESCE("vessel_name", '') || ' ' || COALESCE("voyage", '') || ' ' || "manifest_ref" || ' ' || COALESCE("flight_number", '')) gin_trgm_ops
) WITH (fastupdate = off);
