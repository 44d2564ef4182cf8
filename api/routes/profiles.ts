// The analyst API for risk profiles: drafts, validation, dry-runs,
// back-tests, activation, retirement, diffs and performance in operation.
// Profile documents and dry-run samples can be far larger than other bodies
// (tables of up to 100,000 entries, samples of 1,000 shipments), so this
// router is mounted before the app's small JSON parser and reads bodies with
// the manifest limit, only once the caller is authorised.
import { Router, type Request } from "express";
import { activateVersion } from "../../core/profiles/activate-version.js";
import { startBacktest, startComparison } from "../../core/profiles/backtest-jobs.js";
import { createProfile } from "../../core/profiles/create-profile.js";
import { createVersion } from "../../core/profiles/create-version.js";
import { diffVersions } from "../../core/profiles/diff-versions.js";
import { dryRunProfile } from "../../core/profiles/dry-run-profile.js";
import { getLatestBacktest } from "../../core/profiles/latest-backtest.js";
import { activationPreview } from "../../core/profiles/activation-preview.js";
import { getProfile, getVersion, listProfiles } from "../../core/profiles/list-profiles.js";
import { getProfilePerformance } from "../../core/profiles/profile-performance.js";
import {
  activateSchema,
  backtestSchema,
  compareSchema,
  diffQuery,
  dryRunDefinitionSchema,
  dryRunVersionSchema,
  performanceQuery,
  retireSchema,
} from "../../core/profiles/profile-schemas.js";
import { versionNumber } from "../../core/profiles/profile-store.js";
import { retireVersion } from "../../core/profiles/retire-version.js";
import { updateDraft } from "../../core/profiles/update-draft.js";
import { validateDefinition } from "../../core/profiles/validate-definition.js";
import type { Services } from "../../core/services.js";
import { guard } from "../middleware/guard.js";
import { jsonBody } from "../middleware/request-body.js";
import { describeRoute } from "../openapi/describe-route.js";
import { toJsonSchema } from "../openapi/build-document.js";
import { profileSchema } from "../../profiling/dsl/profile-schema.js";
import { rateLimit } from "../middleware/rate-limit.js";
import { actorOf, unitOf } from "../request-context.js";
import { parseOrThrow } from "../validation.js";

const PROFILE = "/v1/units/:unitCode/profiles/:profileCode";
const VERSION = `${PROFILE}/versions/:version`;

export function profileRoutes(services: Services): Router {
  const router = Router();
  const analysts = guard(services, { kind: "unit", roles: ["analyst"] });
  // Officers see why a profile flags containers (rationale, notes); managers follow performance.
  const readers = guard(services, { kind: "unit", roles: ["analyst", "officer", "manager"] });
  const largeJson = jsonBody(services.config.MANIFEST_BODY_LIMIT);
  const smallJson = jsonBody(services.config.DEFAULT_BODY_LIMIT);
  const expensive = rateLimit(services, { name: "back-test", limit: services.config.EXPENSIVE_RATE_LIMIT, windowSeconds: 60 });
  const target = (req: Request) => ({ profileCode: String(req.params.profileCode), version: versionNumber(req.params.version) });
  // Any JSON value reaches the use case: the profile validator names what is wrong.
  const body = (req: Request): unknown => req.body;

  describeRoute(router, "GET", "/v1/units/:unitCode/profiles", { tag: "profiles", summary: "The unit's risk profiles and their versions", responses: { 200: "profiles" } });
  router.get("/v1/units/:unitCode/profiles", readers, async (req, res) => {
    res.json(await listProfiles(services, unitOf(req)));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/profiles", { tag: "profiles", summary: "Create a profile (first version as a draft)", body: { contentType: "application/json", description: "a profile document (profiling/dsl/LANGUAGE.md); the validator names each wrong field", jsonSchema: toJsonSchema(profileSchema) }, responses: { 201: "the profile" } });
  router.post("/v1/units/:unitCode/profiles", analysts, largeJson, async (req, res) => {
    const created = await createProfile(services, unitOf(req), body(req), actorOf(req));
    res.status(201).location(`/v1/units/${unitOf(req).code}/profiles/${created.profileCode}`).json(created);
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/profiles/validate", { tag: "profiles", summary: "Validate a profile document without storing it", body: { contentType: "application/json", description: "a profile document (profiling/dsl/LANGUAGE.md); the validator names each wrong field", jsonSchema: toJsonSchema(profileSchema) }, responses: { 200: "validation report" } });
  router.post("/v1/units/:unitCode/profiles/validate", analysts, largeJson, (req, res) => {
    res.json(validateDefinition(body(req)));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/profiles/dry-run", { tag: "profiles", summary: "Score sample or stored shipments with an unsaved definition", body: dryRunDefinitionSchema, responses: { 200: "scores with reasons" } });
  router.post("/v1/units/:unitCode/profiles/dry-run", analysts, largeJson, async (req, res) => {
    const input = parseOrThrow(dryRunDefinitionSchema, req.body);
    res.json(await dryRunProfile(services, unitOf(req), { definition: input.definition }, input));
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/backtests", { tag: "profiles", summary: "Back-test a profile version on the unit's history", body: backtestSchema, responses: { 202: "the analysis job to poll", 429: "rate limited" } });
  router.post("/v1/units/:unitCode/backtests", analysts, expensive, largeJson, async (req, res) => {
    const job = await startBacktest(services, unitOf(req), parseOrThrow(backtestSchema, req.body), actorOf(req));
    res.status(202).location(job.location).json(job);
  });
  describeRoute(router, "POST", "/v1/units/:unitCode/backtest-comparisons", { tag: "profiles", summary: "Compare two profile versions on the unit's history", body: compareSchema, responses: { 202: "the analysis job to poll", 429: "rate limited" } });
  router.post("/v1/units/:unitCode/backtest-comparisons", analysts, expensive, largeJson, async (req, res) => {
    const job = await startComparison(services, unitOf(req), parseOrThrow(compareSchema, req.body), actorOf(req));
    res.status(202).location(job.location).json(job);
  });

  describeRoute(router, "GET", PROFILE, { tag: "profiles", summary: "One profile with its versions", responses: { 200: "the profile" } });
  router.get(PROFILE, readers, async (req, res) => {
    res.json(await getProfile(services, unitOf(req), String(req.params.profileCode)));
  });
  describeRoute(router, "GET", `${PROFILE}/performance`, { tag: "profiles", summary: "Performance of a profile in operation (hits, inspections, seizures)", query: performanceQuery, responses: { 200: "performance" } });
  router.get(`${PROFILE}/performance`, readers, async (req, res) => {
    const range = parseOrThrow(performanceQuery, req.query, "query");
    res.json(await getProfilePerformance(services, unitOf(req), String(req.params.profileCode), range));
  });
  describeRoute(router, "GET", `${PROFILE}/diff`, { tag: "profiles", summary: "Differences between two versions", query: diffQuery, responses: { 200: "the diff" } });
  router.get(`${PROFILE}/diff`, analysts, async (req, res) => {
    const query = parseOrThrow(diffQuery, req.query, "query");
    res.json(await diffVersions(services, unitOf(req), String(req.params.profileCode), query.from, query.to));
  });
  describeRoute(router, "POST", `${PROFILE}/versions`, { tag: "profiles", summary: "Create a new draft version", body: { contentType: "application/json", description: "a profile document (profiling/dsl/LANGUAGE.md); the validator names each wrong field", jsonSchema: toJsonSchema(profileSchema) }, responses: { 201: "the version" } });
  router.post(`${PROFILE}/versions`, analysts, largeJson, async (req, res) => {
    const created = await createVersion(services, unitOf(req), String(req.params.profileCode), body(req), actorOf(req));
    res.status(201).location(`/v1/units/${unitOf(req).code}/profiles/${created.profileCode}/versions/${created.version}`).json(created);
  });
  describeRoute(router, "GET", VERSION, {
    tag: "profiles",
    summary: "One profile version with its definition and its latest back-test",
    responses: {
      200: "the version: its state, author, definition, and latestBacktest (null until a back-test or comparison scored this version as it is now): analysisJobId, kind (backtest or compare), finishedAt, from, to, basis (heldOut: records a built version did not learn from, given first; inSample: only its training records; notBuilt: a version written by hand, every record), records, hits, selected, selectionRate, precision, recall",
    },
  });
  router.get(VERSION, readers, async (req, res) => {
    const { profileCode, version } = target(req);
    res.json(await getVersion(services, unitOf(req), profileCode, version));
  });
  describeRoute(router, "GET", `${VERSION}/latest-backtest`, {
    tag: "profiles",
    summary: "A version's latest back-test alone, without its definition (what the activation dialog states)",
    responses: { 200: "{ latestBacktest }: the same value as the version's detail gives (null until a back-test or comparison scored this version as it is now)" },
  });
  router.get(`${VERSION}/latest-backtest`, readers, async (req, res) => {
    const { profileCode, version } = target(req);
    res.json(await getLatestBacktest(services, unitOf(req), profileCode, version));
  });
  describeRoute(router, "GET", `${VERSION}/activation-preview`, {
    tag: "profiles",
    summary: "What activating a version would change (what the activation dialog states): the open queue a re-score would score again, and the random draw; for the active version, what the retire dialog states (its random picks dropped by a re-score)",
    responses: { 200: "{ version, randomRate, live: { version, randomRate } | null, upcomingShipments }: the version's random rate, the live version's, and how many manifest shipments arriving today or later `rescoreUpcoming` would score again now" },
  });
  router.get(`${VERSION}/activation-preview`, readers, async (req, res) => {
    const { profileCode, version } = target(req);
    res.json(await activationPreview(services, unitOf(req), profileCode, version));
  });
  describeRoute(router, "PUT", VERSION, { tag: "profiles", summary: "Replace a draft version's definition", body: { contentType: "application/json", description: "a profile document (profiling/dsl/LANGUAGE.md); the validator names each wrong field", jsonSchema: toJsonSchema(profileSchema) }, responses: { 200: "the version" } });
  router.put(VERSION, analysts, largeJson, async (req, res) => {
    res.json(await updateDraft(services, unitOf(req), target(req), body(req), actorOf(req)));
  });
  describeRoute(router, "POST", `${VERSION}/dry-run`, { tag: "profiles", summary: "Score sample or stored shipments with a stored version", body: dryRunVersionSchema, responses: { 200: "scores with reasons" } });
  router.post(`${VERSION}/dry-run`, analysts, largeJson, async (req, res) => {
    const input = parseOrThrow(dryRunVersionSchema, req.body);
    res.json(await dryRunProfile(services, unitOf(req), target(req), input));
  });
  describeRoute(router, "POST", `${VERSION}/activate`, { tag: "profiles", summary: "Activate a version (new shipments are scored with it)", body: activateSchema, responses: { 200: "the version" } });
  router.post(`${VERSION}/activate`, analysts, smallJson, async (req, res) => {
    const options = parseOrThrow(activateSchema, req.body ?? {});
    res.json(await activateVersion(services, unitOf(req), target(req), options, actorOf(req)));
  });
  describeRoute(router, "POST", `${VERSION}/retire`, { tag: "profiles", summary: "Retire a version", body: retireSchema, responses: { 200: "the version" } });
  router.post(`${VERSION}/retire`, analysts, smallJson, async (req, res) => {
    const options = parseOrThrow(retireSchema, req.body ?? {});
    res.json(await retireVersion(services, unitOf(req), target(req), options, actorOf(req)));
  });
  return router;
}
