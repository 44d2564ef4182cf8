import { Router } from "express";
import { createReferral } from "../../core/referrals/create-referral.js";
import { getReferral, listReferrals, listReferralsInUnits } from "../../core/referrals/get-referral.js";
import { deadlinesSchema, loadDeadlines, setDeadlines } from "../../core/referrals/referral-deadlines.js";
import { createReferralSchema, listReferralsSchema, noteSchema, scopedReferralsSchema, transitionSchema } from "../../core/referrals/referral-schemas.js";
import { addReferralUpdate, transitionReferral } from "../../core/referrals/transition-referral.js";
import type { Services } from "../../core/services.js";
import { managerScope } from "../../core/summaries/summary-scope.js";
import { guard } from "../middleware/guard.js";
import { describeRoute } from "../openapi/describe-route.js";
import { actorOf, principalOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

export function referralRoutes(services: Services): Router {
  const router = Router();
  const officers = guard(services, { kind: "unit", roles: ["officer"] });
  const readers = guard(services, { kind: "unit", roles: ["officer", "analyst", "manager"] });
  describeRoute(router, "POST", "/v1/units/:unitCode/seizures/:seizureId/referrals", { tag: "referrals", summary: "Refer a seizure (prosecutor, police, another agency)", body: createReferralSchema, responses: { 201: "the referral" } });
  router.post("/v1/units/:unitCode/seizures/:seizureId/referrals", officers, async (req, res) => {
    const input = parseOrThrow(createReferralSchema, req.body);
    res.status(201).json(await createReferral(services, unitOf(req), principalOf(req), String(req.params.seizureId), input, actorOf(req)));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/referrals", { tag: "referrals", summary: "The unit's referrals", query: listReferralsSchema, responses: { 200: "referrals" } });
  router.get("/v1/units/:unitCode/referrals", readers, async (req, res) => {
    res.json(await listReferrals(services.pool, unitOf(req), principalOf(req), parseOrThrow(listReferralsSchema, req.query, "query"), services.now()));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/referrals/:referralId", { tag: "referrals", summary: "One referral with its history", responses: { 200: "the referral" } });
  router.get("/v1/units/:unitCode/referrals/:referralId", readers, async (req, res) => {
    res.json(await getReferral(services.pool, unitOf(req), principalOf(req), String(req.params.referralId), services.now()));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/referrals/:referralId/transitions", { tag: "referrals", summary: "Move a referral to its next step", body: transitionSchema, responses: { 200: "the referral" } });
  router.post("/v1/units/:unitCode/referrals/:referralId/transitions", officers, async (req, res) => {
    const input = parseOrThrow(transitionSchema, req.body);
    res.json(await transitionReferral(services, unitOf(req), principalOf(req), String(req.params.referralId), input, actorOf(req)));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/referrals/:referralId/updates", { tag: "referrals", summary: "Add a note to a referral", body: noteSchema, responses: { 201: "the update" } });
  router.post("/v1/units/:unitCode/referrals/:referralId/updates", officers, async (req, res) => {
    const { note } = parseOrThrow(noteSchema, req.body);
    res.status(201).json(await addReferralUpdate(services, unitOf(req), principalOf(req), String(req.params.referralId), note, actorOf(req)));
  });
  describeRoute(router, "GET", "/v1/units/:unitCode/referral-deadlines", { tag: "referrals", summary: "The unit's deadlines per referral step", responses: { 200: "deadlines" } });
  router.get("/v1/units/:unitCode/referral-deadlines", readers, async (req, res) => {
    res.json(await loadDeadlines(services.pool, unitOf(req).id));
  });
  describeRoute(router, "PUT", "/v1/units/:unitCode/referral-deadlines", { tag: "referrals", summary: "Set the unit's deadlines per referral step", body: deadlinesSchema, responses: { 200: "deadlines" } });
  router.put("/v1/units/:unitCode/referral-deadlines", guard(services, { kind: "unit", roles: ["manager"] }), async (req, res) => {
    res.json(await setDeadlines(services, unitOf(req), parseOrThrow(deadlinesSchema, req.body), actorOf(req)));
  });
  describeRoute(router, "GET", "/v1/referrals", {
    tag: "referrals",
    summary: "A programme manager's referrals across the units they cover (`units` narrows them): what the dashboard's overdue count opens (`overdue=true`); each names its `unitCode`",
    query: scopedReferralsSchema,
    responses: { 200: "referrals" },
  });
  router.get("/v1/referrals", guard(services, { kind: "manager" }), async (req, res) => {
    const { units, ...filters } = parseOrThrow(scopedReferralsSchema, req.query, "query");
    const scope = await managerScope(services, principalOf(req), units);
    res.json(await listReferralsInUnits(services.pool, scope.unitIds, principalOf(req), filters, services.now()));
  });
  return router;
}
