import { describe, expect, test } from "vitest";
import { isCountryCode } from "../../../profiling/features/countries.js";
import { KNOWN_PORTS } from "../../../profiling/features/known-ports.js";
import { isLocode, normalizeLocode, portInfo, portsInRegion, validateLocode } from "../../../profiling/features/locode.js";

describe("UN/LOCODE format", () => {
  test.each(["ECGYE", "BEANR", "NLRTM", "PAMIT", "COCTG", "DEHAM", "USNYC", "GBFXT"])("%s is valid", (code) => {
    expect(validateLocode(code)).toBeNull();
    expect(isLocode(code)).toBe(true);
  });

  test("accepts the digits 2-9 in the location part", () => {
    expect(validateLocode("US2AB")).toBeNull();
  });

  test("rejects a wrong length", () => {
    expect(validateLocode("ECGY")).toMatch(/5 characters.*got 4/);
    expect(validateLocode("EC GYE")).toMatch(/got 6/);
  });

  test("rejects a country that is not ISO 3166", () => {
    expect(validateLocode("UKFXT")).toBe("UK is not an ISO 3166 country code");
    expect(validateLocode("XXABC")).toBe("XX is not an ISO 3166 country code");
  });

  test("rejects 0 and 1, lower case and punctuation in the location part", () => {
    expect(validateLocode("ECGY0")).toBe("location part must be 3 characters from A-Z and 2-9");
    expect(validateLocode("US1AB")).toBe("location part must be 3 characters from A-Z and 2-9");
    expect(validateLocode("ECgye")).toBe("location part must be 3 characters from A-Z and 2-9");
    expect(validateLocode("EC-GY")).toBe("location part must be 3 characters from A-Z and 2-9");
  });

  test("normalises spacing and case", () => {
    expect(normalizeLocode("ec gye")).toBe("ECGYE");
  });
});

describe("known ports", () => {
  test("holds well over 150 places, every one a valid code of its own country", () => {
    expect(KNOWN_PORTS.size).toBeGreaterThan(150);
    for (const [code, port] of KNOWN_PORTS) {
      expect(validateLocode(code)).toBeNull();
      expect(port.country).toBe(code.slice(0, 2));
      expect(isCountryCode(port.country)).toBe(true);
      expect(port.kinds).toContain(port.kind);
    }
  });

  test.each([
    ["ECGYE", "Guayaquil", "seaport", "south-america-pacific"],
    ["PAMIT", "Manzanillo (Colón)", "seaport", "central-america"],
    ["BEANR", "Antwerp", "seaport", "north-europe"],
    ["NLRTM", "Rotterdam", "seaport", "north-europe"],
    ["SNDKR", "Dakar", "seaport", "west-africa"],
    ["ECUIO", "Quito", "airport", "south-america-pacific"],
    ["NLAMS", "Amsterdam", "airport", "north-europe"],
    ["ETADD", "Addis Ababa", "airport", "east-africa"],
  ])("%s is %s, a %s in %s", (code, name, kind, region) => {
    expect(portInfo(code)).toMatchObject({ name, kind, region });
  });

  test("includes every port and airport the programme names", () => {
    const required = "ECGYE COCTG COBUN PAMIT PABLB BRSSZ BRRIG PECLL CLSAI GTSTC CRMOB DOCAU MXZLO USNYC USLAX USHOU BEANR NLRTM DEHAM FRLEH ESALG ESVLC ITGIT GRPIR GBFXT PTLEI MAPTM SNDKR CIABJ GHTEM TGLFW NGAPP ZADUR KEMBA TZDAR AEJEA PKKHI INNSA LKCMB SGSIN MYPKG CNSHA CNNGB CNYTN HKHKG KRPUS JPTYO VNSGN THLCH IDTPP AUMEL BEBRU NLAMS ECUIO COBOG PAPTY BRGRU ETADD AEDXB QADOH DEFRA FRCDG GBLHR USMIA NGLOS KENBO ZAJNB INBOM CNPVG".split(" ");
    expect(required.filter((code) => !portInfo(code))).toEqual([]);
  });

  test("a hub with a cargo airport lists both kinds", () => {
    expect(portInfo("SGSIN")?.kinds).toEqual(["seaport", "airport"]);
    expect(portInfo("HKHKG")?.kinds).toEqual(["seaport", "airport"]);
  });

  test("unknown but well-formed codes validate and have no info", () => {
    expect(isLocode("ECXYZ")).toBe(true);
    expect(portInfo("ECXYZ")).toBeUndefined();
  });

  test("lists the ports of a region", () => {
    const pacific = portsInRegion("south-america-pacific").map((p) => p.locode);
    expect(pacific).toEqual(expect.arrayContaining(["ECGYE", "COBUN", "PECLL", "CLSAI"]));
    expect(pacific).not.toContain("COCTG");
  });
});
