// Where the user is: aria-current of the navigation links and the document
// title of each screen.
import { describe, expect, test } from "vitest";
import { navCurrent, pageTitle } from "../../../web/src/page-state.js";

describe("aria-current of a navigation link", () => {
  test("'page' on the screen the link opens, whatever the trailing slash or query", () => {
    expect(navCurrent("/units/ECGYE-1/queue", "/units/ECGYE-1/queue")).toBe("page");
    expect(navCurrent("/units/ECGYE-1/queue/", "/units/ECGYE-1/queue")).toBe("page");
    expect(navCurrent("/units/ECGYE-1/alerts?kind=seizure_report&seizure=1", "/units/ECGYE-1/alerts")).toBe("page");
    expect(navCurrent("/dashboard", "/dashboard")).toBe("page");
  });

  test("'true' on a screen inside the link's section, named by the link or listed with it", () => {
    expect(navCurrent("/units/ECGYE-1/referrals/0b6d", "/units/ECGYE-1/referrals")).toBe("true");
    expect(navCurrent("/units/ECGYE-1/profiles/COC/versions/2", "/units/ECGYE-1/profiles")).toBe("true");
    expect(navCurrent("/units/ECGYE-1/shipments/9f1", "/units/ECGYE-1/queue", ["/units/ECGYE-1/shipments"])).toBe("true");
    expect(navCurrent("/units/ECGYE-1/shipments/9f1", "/units/ECGYE-1/queue")).toBeUndefined();
  });

  test("nothing elsewhere: a longer name that only starts the same is another page", () => {
    expect(navCurrent("/units/ECGYE-1/queue", "/units/ECGYE-1/referrals")).toBeUndefined();
    expect(navCurrent("/units/ECGYE-1/alertsx", "/units/ECGYE-1/alerts")).toBeUndefined();
    expect(navCurrent("/units/ECGYE-10/queue", "/units/ECGYE-1/queue")).toBeUndefined();
    expect(navCurrent("/units/ECGYE-2/referrals", "/units/ECGYE-1/referrals")).toBeUndefined();
  });
});

describe("document title", () => {
  test("the screen's heading, then the application's name", () => {
    expect(pageTitle("Flagged containers — ECGYE-1", "Portcullis")).toBe("Flagged containers — ECGYE-1 | Portcullis");
    expect(pageTitle("Contenedor MSCU1000001", "Portcullis")).toBe("Contenedor MSCU1000001 | Portcullis");
  });

  test("the heading's white space (line breaks of its markup) is collapsed", () => {
    expect(pageTitle("  Alert from ECGYE-2:\n  Container   MSCU1000001 ", "Portcullis")).toBe("Alert from ECGYE-2: Container MSCU1000001 | Portcullis");
  });

  test("the name alone without a heading, or when the heading is the name", () => {
    expect(pageTitle(null, "Portcullis")).toBe("Portcullis");
    expect(pageTitle(undefined, "Portcullis")).toBe("Portcullis");
    expect(pageTitle("  ", "Portcullis")).toBe("Portcullis");
    expect(pageTitle("Portcullis", "Portcullis")).toBe("Portcullis");
  });
});
