// The newcomer review's fixes that live in pure helpers: nothing chosen for the
// officer or the admin (each unchosen field named), the API's field errors on
// the admin form in words, evidence and EDIFACT errors in the reader's words,
// the route with its port of discharge, and one Spanish term each for shipper
// and score.
import { describe, expect, test } from "vitest";
import { codeText, errorText } from "../../../web/src/edifact-answer.js";
import { evidenceFieldLabel, evidenceValueText } from "../../../web/src/evidence-text.js";
import { formatters } from "../../../web/src/format.js";
import { translator } from "../../../web/src/i18n.js";
import { en } from "../../../web/src/messages/en.js";
import { es } from "../../../web/src/messages/es.js";
import { inspectionProblems, referralProblems, seizureProblems } from "../../../web/src/record-forms.js";
import { routeText } from "../../../web/src/route-text.js";
import { newUserBody, newUserProblems, newUserServerProblems, type NewUser } from "../../../web/src/screens/admin/new-user-form.js";

const tEn = translator("en");
const tEs = translator("es");

describe("record forms choose nothing for the officer", () => {
  const inspection = { scanned: false, physicallyExamined: false, documentary: false, inspectedBy: "Olga", inspectedAt: "2026-12-07T10:00", outcome: "" };
  test("an inspection needs a method and an outcome the officer picked", () => {
    expect(inspectionProblems(inspection)).toEqual({ methods: "inspection.methodRequired", outcome: "form.chooseRequired" });
    expect(inspectionProblems({ ...inspection, documentary: true, outcome: "nothing_found" })).toEqual({});
    expect(inspectionProblems({ ...inspection, scanned: true, outcome: "seizure", inspectedBy: " ", inspectedAt: "" })).toEqual({ inspectedBy: "form.required", inspectedAt: "form.required" });
  });
  test("a seizure needs its commodity, concealment and detection method chosen and a positive quantity", () => {
    const blank = { commodity: "", quantity: "", quantityUnit: "kg", concealment: "", detectionMethod: "", personsArrested: "0" };
    expect(seizureProblems(blank)).toEqual({ commodity: "form.chooseRequired", quantity: "form.required", concealment: "form.chooseRequired", detectionMethod: "form.chooseRequired" });
    const chosen = { ...blank, commodity: "cocaine", quantity: "12,5", concealment: "in_cargo", detectionMethod: "profile" };
    expect(seizureProblems(chosen)).toEqual({});
    expect(seizureProblems({ ...chosen, quantity: "0", personsArrested: "1.5" })).toEqual({ quantity: "seizure.quantityPositive", personsArrested: "seizure.arrestedWhole" });
  });
  test("a referral needs a recipient chosen and named", () => {
    expect(referralProblems({ kind: "", name: "" })).toEqual({ kind: "form.chooseRequired", name: "referral.nameRequired" });
    expect(referralProblems({ kind: "prosecutor", name: "Fiscalía" })).toEqual({});
  });
  test("a referral to another unit of the programme needs the unit chosen, not a service named (the API names it after the unit)", () => {
    expect(referralProblems({ kind: "programme_unit", name: "", unitCode: "" })).toEqual({ unitCode: "form.chooseRequired" });
    expect(referralProblems({ kind: "programme_unit", name: "", unitCode: "ECGYE" })).toEqual({});
  });
});

describe("the admin's new user", () => {
  const form: NewUser = { username: "carla", displayName: "Carla Clerk", agencyCode: "EC-SENAE", role: "officer", unitCode: "", programme: "", password: "" };
  test("an officer or analyst without a unit is stopped at the Unit field before sending", () => {
    expect(newUserProblems(form)).toEqual({ unitCode: "admin.users.unitRequired" });
    expect(newUserProblems({ ...form, role: "analyst" })).toEqual({ unitCode: "admin.users.unitRequired" });
    expect(newUserProblems({ ...form, unitCode: "ECGYE" })).toEqual({});
    expect(newUserProblems({ ...form, role: "admin" })).toEqual({});
    expect(newUserProblems({ ...form, role: "manager" })).toEqual({ programme: "admin.users.managerScope" });
    expect(newUserProblems({ ...form, role: "", username: "Carla!", password: "short" })).toEqual({ role: "form.chooseRequired", username: "admin.users.usernameFormat", password: "admin.users.passwordLength" });
    expect(tEn("admin.users.unitRequired")).toBe("Choose the unit: an officer or an analyst works in one unit.");
  });
  test("the API's field errors land on the fields, in words, not as paths", () => {
    const { byField, rest } = newUserServerProblems([
      { path: "memberships[0].unitCode", message: "required for the officer role" },
      { path: "username", message: "already taken" },
      { path: "somethingElse", message: "odd" },
    ]);
    expect(byField).toEqual({ unitCode: "admin.users.unitRequired", username: "admin.users.usernameTaken" });
    expect(rest).toEqual([{ path: "somethingElse", message: "odd" }]);
    expect(newUserServerProblems([{ path: "memberships[0].programme", message: "a manager needs a unitCode, programme or country scope" }]).byField).toEqual({ programme: "admin.users.managerScope" });
    expect(newUserServerProblems([{ path: "displayName", message: "too long" }]).byField).toEqual({ displayName: { text: "too long" } });
  });
  test("the request carries the unit only when one is chosen", () => {
    expect(newUserBody({ ...form, unitCode: "ECGYE" }).memberships).toEqual([{ role: "officer", unitCode: "ECGYE" }]);
    expect(newUserBody({ ...form, role: "admin" }).memberships).toEqual([{ role: "admin" }]);
  });
});

describe("evidence in the reader's words", () => {
  test("field paths read as names, in English and Spanish; an unknown path shows as it is", () => {
    expect(evidenceFieldLabel(tEn, "consignee.firstSeen")).toBe("Consignee: first seen");
    expect(evidenceFieldLabel(tEs, "consignee.firstSeen")).toBe("Consignatario: visto por primera vez");
    expect(evidenceFieldLabel(tEs, "shipper.name")).toBe("Embarcador: nombre");
    expect(evidenceFieldLabel(tEs, "derived.valuePerKgRatio")).toBe("Valor por kg respecto a la mediana de su código SA");
    expect(evidenceFieldLabel(tEn, "sealNumbers")).toBe("Seal numbers");
    expect(evidenceFieldLabel(tEs, "attributes.reeferTemp")).toBe("Atributo reeferTemp");
    expect(evidenceFieldLabel(tEn, "unknown.path")).toBe("unknown.path");
  });
  test("dates in the reader's locale, the scorer's words translated", () => {
    const fmtEs = formatters("es");
    expect(evidenceValueText(tEs, fmtEs, "2026-12-09")).toBe(fmtEs.date("2026-12-09"));
    expect(evidenceValueText(tEs, fmtEs, "2026-12-09")).not.toContain("2026-12-09");
    expect(evidenceValueText(tEs, fmtEs, "never seen")).toBe("nunca visto antes");
    expect(evidenceValueText(tEs, fmtEs, "missing")).toBe("ausente");
    expect(evidenceValueText(tEs, fmtEs, true)).toBe(tEs("app.yes"));
    expect(evidenceValueText(tEn, formatters("en"), 1234.5)).toBe("1,234.5");
    expect(evidenceValueText(tEn, formatters("en"), "CNSHA")).toBe("CNSHA");
  });
});

describe("EDIFACT errors in words", () => {
  test("a field path becomes the shipment and the field's name; its raw path is kept", () => {
    expect(errorText(tEn, "shipments[0].containerNumber: check digit should be 3")).toEqual({ text: "Shipment 1 · Container number: check digit should be 3", path: "shipments[0].containerNumber" });
    expect(errorText(tEs, "shipments[2].hsCodes[1]: not an HS code").text).toBe("Envío 3 · Códigos SA: not an HS code");
    expect(errorText(tEn, "vessel.imo: check digit should be 7").text).toBe("Vessel IMO number: check digit should be 7");
    expect(errorText(tEn, "container number MSKU9070324: check digit should be 3")).toEqual({ text: "container number MSKU9070324: check digit should be 3", path: null });
  });
  test("a code says what it means", () => {
    expect(codeText(tEn, "12")).toBe("invalid value, code 12");
    expect(codeText(tEs, "13")).toBe("falta, código 13");
    expect(codeText(tEn, "99")).toBe("code 99");
  });
});

describe("the queue's route", () => {
  test("loading, transhipments and discharge: a Rotterdam-bound container does not read as going to Singapore", () => {
    expect(routeText({ portOfLoading: "CNSHA", transshipmentPorts: ["SGSIN"], portOfDischarge: "NLRTM" })).toBe("CNSHA → SGSIN → NLRTM");
    expect(routeText({ portOfLoading: "CNSHA", transshipmentPorts: [], portOfDischarge: null })).toBe("CNSHA");
    expect(routeText({ portOfLoading: null, transshipmentPorts: [], portOfDischarge: null })).toBeNull();
  });
});

describe("one Spanish term each", () => {
  test("shipper is 'Embarcador' and score 'Puntuación' in every message", () => {
    for (const [key, text] of Object.entries(es)) {
      expect(text, key).not.toMatch(/expedidor|puntaje/i);
    }
    expect(es["col.shipper"]).toBe(es["party.shipper"]);
    expect(es["col.consignee"]).toBe(es["party.consignee"]);
    expect(es["col.score"]).toBe("Puntuación");
    expect(es["shipment.score"]).toBe("Puntuación");
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });
});
