// Nothing chosen for the admin granting a role, nor for the officer's unit of
// a seized quantity: each field still to choose is named at itself, and the
// API's field errors land on the grant form's fields in words.
import { describe, expect, test } from "vitest";
import { translator } from "../../../web/src/i18n.js";
import { seizureProblems } from "../../../web/src/record-forms.js";
import { EMPTY_GRANT, grantRoleBody, grantRoleProblems, grantRoleServerProblems } from "../../../web/src/screens/admin/grant-role-form.js";

describe("granting a role chooses nothing for the admin", () => {
  test("an empty form names the user and the role still to choose, and nothing else", () => {
    expect(grantRoleProblems(EMPTY_GRANT)).toEqual({ userId: "form.chooseRequired", role: "form.chooseRequired" });
  });
  test("an officer or analyst needs a unit; a manager a unit, programme or country; an admin nothing more", () => {
    const chosen = { ...EMPTY_GRANT, userId: "u1" };
    expect(grantRoleProblems({ ...chosen, role: "officer" })).toEqual({ unitCode: "admin.users.unitRequired" });
    expect(grantRoleProblems({ ...chosen, role: "analyst", unitCode: "ECGYE" })).toEqual({});
    expect(grantRoleProblems({ ...chosen, role: "manager" })).toEqual({ programme: "admin.roles.managerScope" });
    expect(grantRoleProblems({ ...chosen, role: "manager", country: "ec" })).toEqual({});
    expect(grantRoleProblems({ ...chosen, role: "manager", programme: " CCP " })).toEqual({});
    expect(grantRoleProblems({ ...chosen, role: "manager", country: "ECU" })).toEqual({ country: "admin.roles.countryFormat" });
    expect(grantRoleProblems({ ...chosen, role: "admin" })).toEqual({});
  });
  test("the body carries only what was given, the country in capitals", () => {
    expect(grantRoleBody({ userId: "u1", role: "manager", unitCode: "", programme: " CCP ", country: "ec" })).toEqual({ role: "manager", programme: "CCP", country: "EC" });
    expect(grantRoleBody({ userId: "u1", role: "officer", unitCode: "ECGYE", programme: "", country: "" })).toEqual({ role: "officer", unitCode: "ECGYE" });
  });
  test("the API's field errors land on the fields in words; others stay apart", () => {
    const { byField, rest } = grantRoleServerProblems([
      { path: "unitCode", message: "required for the officer role" },
      { path: "country", message: "not an ISO 3166 alpha-2 country code" },
      { path: "body", message: "the user already holds it" },
    ]);
    expect(byField).toEqual({ unitCode: "admin.users.unitRequired", country: "admin.roles.countryFormat" });
    expect(rest).toEqual([{ path: "body", message: "the user already holds it" }]);
  });
  test("the new words read in English and Spanish", () => {
    expect(translator("en")("admin.roles.managerScope")).toBe("Choose a unit, or give a programme or a country: a manager needs one.");
    expect(translator("es")("admin.roles.countryFormat")).toBe("Dos letras: un código de país ISO 3166, como EC.");
  });
});

describe("the activation dialog's expected selection", () => {
  test("a back-test that selected some gives its rate and precision; one that selected none says its precision is not known", () => {
    const t = translator("en");
    const base = { date: "7 Dec 2026, 07:27", records: 270, rate: "2.6%", precision: "71.4%" };
    expect(t("pe.expectedHeldOut", { ...base, selected: "some" })).toBe(
      "Expected from the latest back-test (7 Dec 2026, 07:27), on 270 held-out records it did not learn from: 2.6% of containers would be above its threshold, with a precision of 71.4%.",
    );
    expect(t("pe.expectedInSample", { ...base, records: 1, selected: "none" })).toBe(
      "Expected from the latest back-test (7 Dec 2026, 07:27), only on 1 record it learned from (in-sample figures flatter it; no held-out record was back-tested): none of them would be above its threshold, so its precision is not known.",
    );
    expect(translator("es")("pe.expectedNotBuilt", { ...base, rate: "2,6 %", precision: "71,4 %", selected: "some" })).toBe(
      "Según la última prueba retrospectiva (7 Dec 2026, 07:27), sobre 270 registros del historial de la unidad: el 2,6 % de los contenedores quedaría por encima de su umbral, con una precisión del 71,4 %.",
    );
  });
});

describe("a seizure's unit of quantity is the officer's to choose", () => {
  test("no unit chosen is named at the unit field", () => {
    const filled = { commodity: "cocaine", quantity: "12", quantityUnit: "", concealment: "in_cargo", detectionMethod: "profile", personsArrested: "0" };
    expect(seizureProblems(filled)).toEqual({ quantityUnit: "form.chooseRequired" });
    for (const unit of ["kg", "l", "pieces"]) expect(seizureProblems({ ...filled, quantityUnit: unit })).toEqual({});
  });
});
