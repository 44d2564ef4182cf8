-- A party is new (partyNew, "first seen within N days") only when neither
-- its identity key nor its name key was seen before: carrier manifests give
-- party ids only sometimes, so one company is keyed ID|country|id on some
-- shipments and NM|country|name on others, and each key alone called a
-- long-known party new. name_key holds, for a party keyed by its id, the key
-- its name alone gives (partyNameKey in profiling/features/normalize.ts:
-- NM|country|name without legal-form suffixes). Parties keyed by name need
-- none: their identity key is that key. The scoring context reads the first
-- sighting by name as the earliest sighting of the unit's parties whose
-- identity key or name key is the shipment party's name key.
ALTER TABLE "party" ADD COLUMN "name_key" TEXT;

-- Parties already stored: the same normalisation in SQL, from normalized_name
-- (normalizeText of the name): dots removed, punctuation to spaces, spaces
-- collapsed, then legal-form suffixes stripped from the end (three passes,
-- never the name's only word). A party stored without a name kept its id as
-- name and gets none.
UPDATE "party" SET "name_key" = NULLIF(
  regexp_replace(regexp_replace(regexp_replace(
    btrim(regexp_replace(regexp_replace(replace("normalized_name", '.', ''), '[,\x3b:''"()&/\\_+-]', ' ', 'g'), '\s+', ' ', 'g')),
    ' (SA DE CV|S DE RL|SA DE RL|SRL DE CV|CO LTD|PVT LTD|PTY LTD|PRIVATE LIMITED|DE CV|LTD|LIMITED|LLC|INC|INCORPORATED|CORP|CORPORATION|CO|COMPANY|SA|SAS|SARL|SRL|SPA|SL|SLU|SAC|SAA|LTDA|CIA|EIRL|GMBH|AG|KG|BV|NV|PLC|LLP|LP|PTE|PTY|PVT|OY|AB|AS|SE|JSC|OOO)$', ''),
    ' (SA DE CV|S DE RL|SA DE RL|SRL DE CV|CO LTD|PVT LTD|PTY LTD|PRIVATE LIMITED|DE CV|LTD|LIMITED|LLC|INC|INCORPORATED|CORP|CORPORATION|CO|COMPANY|SA|SAS|SARL|SRL|SPA|SL|SLU|SAC|SAA|LTDA|CIA|EIRL|GMBH|AG|KG|BV|NV|PLC|LLP|LP|PTE|PTY|PVT|OY|AB|AS|SE|JSC|OOO)$', ''),
    ' (SA DE CV|S DE RL|SA DE RL|SRL DE CV|CO LTD|PVT LTD|PTY LTD|PRIVATE LIMITED|DE CV|LTD|LIMITED|LLC|INC|INCORPORATED|CORP|CORPORATION|CO|COMPANY|SA|SAS|SARL|SRL|SPA|SL|SLU|SAC|SAA|LTDA|CIA|EIRL|GMBH|AG|KG|BV|NV|PLC|LLP|LP|PTE|PTY|PVT|OY|AB|AS|SE|JSC|OOO)$', ''),
  '')
 WHERE "identity_key" LIKE 'ID|%' AND "name" IS DISTINCT FROM "external_id";
UPDATE "party" SET "name_key" = 'NM|' || split_part("identity_key", '|', 2) || '|' || "name_key" WHERE "name_key" IS NOT NULL;

CREATE INDEX "party_name_key" ON "party" ("name_key") WHERE "name_key" IS NOT NULL;
