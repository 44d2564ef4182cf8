import { Router } from "express";
import { createReferral } from "../../core/referrals/create-referral.js";
import { getReferral, listReferrals } from "../../core/referrals/get-referral.js";
import { deadlinesSchema, loadDeadlines, setDeadlines } from "../../core/referrals/referral-deadlines.js";
import { createReferralSchema, listReferralsSchema, noteSchema, transitionSchema } from "../../core/referrals/referral-schemas.js";
import { addReferralUpdate, transitionReferral } from "../../core/referrals/transition-referral.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { actorOf, principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

export function referralRoutes(services: Services): Router {
  const router = Router();
  const officers = guard(services, { kind: "unit", roles: ["officer"] });
  const readers = guard(services, { kind: "unit", roles: ["officer", "analyst", "manager"] });
  router.post("/v1/units/:unitCode/seizures/:seizureId/referrals", officers, async (req, res) => {
    const input = parseOrThrow(createReferralSchema, req.body);
    res.status(201).json(await createReferral(services, unitOf(req), principalOf(req), String(req.params.seizureId), input, actorOf(req)));
  });
  router.get("/v1/units/:unitCode/referrals", readers, async (req, res) => {
    res.json(await listReferrals(services.pool, unitOf(req), principalOf(req), parseOrThrow(listReferralsSchema, req.query, "query")));
  });
  router.get("/v1/units/:unitCode/referrals/:referralId", readers, async (req, res) => {
    res.json(await getReferral(services.pool, unitOf(req), principalOf(req), String(req.params.referralId)));
  });
  router.post("/v1/units/:unitCode/referrals/:referralId/transitions", officers, async (req, res) => {
    const input = parseOrThrow(transitionSchema, req.body);
    res.json(await transitionReferral(services, unitOf(req), principalOf(req), String(req.params.referralId), input, actorOf(req)));
  });
  router.post("/v1/units/:unitCode/referrals/:referralId/updates", officers, async (req, res) => {
    const { note } = parseOrThrow(noteSchema, req.body);
    res.status(201).json(await addReferralUpdate(services, unitOf(req), principalOf(req), String(req.params.referralId), note, actorOf(req)));
  });
  router.get("/v1/units/:unitCode/referral-deadlines", readers, async (req, res) => {
    res.json(await loadDeadlines(services.pool, unitOf(req).id));
  });
  router.put("/v1/units/:unitCode/referral-deadlines", guard(services, { kind: "unit", roles: ["manager"] }), async (req, res) => {
    res.json(await setDeadlines(services, unitOf(req), parseOrThrow(deadlinesSchema, req.body), actorOf(req)));
  });
  return router;
}
