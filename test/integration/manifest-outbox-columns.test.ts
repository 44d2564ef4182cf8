// Ingest writes each outbox row with the queue's filter columns (migration
// 0025) itself, so the insert trigger has nothing to look up: they must be
// the shipment's own arrival date, transport mode and manifest.
import request from "supertest";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createApp } from "../../api/app.js";
import { buildManifest } from "../helpers/manifest-builder.js";
import { createTestServices, type TestServices } from "../helpers/test-services.js";
import { createTestUnit } from "../helpers/test-units.js";
import { bearer, createTestUser } from "../helpers/test-users.js";

let services: TestServices;
beforeAll(() => {
  services = createTestServices();
});
afterAll(async () => {
  await services.dispose();
});

test("a posted manifest's outbox rows carry their shipment's arrival date, mode and manifest", async () => {
  const unit = await createTestUnit(services);
  const officer = bearer(await createTestUser(services, [{ role: "officer", unitCode: unit.code }]));
  const posted = await request(createApp(services)).post(`/v1/units/${unit.code}/manifests`).set(officer).send(buildManifest(12, { arrivalDate: "2026-12-20" }));
  expect(posted.status).toBe(202);
  const rows = await services.pool.query<{ same: boolean; arrival_date: string; transport_mode: string; manifest_id: string }>(
    `SELECT (st.arrival_date, st.transport_mode, st.manifest_id) IS NOT DISTINCT FROM (s.arrival_date, s.transport_mode, s.manifest_id) AS same,
            st.arrival_date, st.transport_mode, st.manifest_id
       FROM scoring_state st JOIN shipment s ON s.id = st.shipment_id WHERE s.manifest_id = $1`,
    [posted.body.manifestId],
  );
  expect(rows.rows).toHaveLength(12);
  for (const row of rows.rows) {
    expect(row).toEqual({ same: true, arrival_date: "2026-12-20", transport_mode: "sea", manifest_id: posted.body.manifestId });
  }
});
