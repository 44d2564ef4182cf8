-- Party search reads party_name_trgm on every search. With GIN's fast update
-- on, names added since the last vacuum wait in the index's pending list, and
-- every search scans that whole list: at 1M shipments, 31,500 pending names
-- made the names step 65-80 ms instead of 6 ms. Names are added rarely (only
-- a unit's first sighting of a name), so writing them straight into the index
-- costs the ingest little and keeps searches flat between vacuums.
ALTER INDEX "party_name_trgm" SET (fastupdate = off);
