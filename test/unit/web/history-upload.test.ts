// The history upload form's logic: the file's column names read in the
// browser exactly as the API reads them, the mapping it builds accepted by the
// API's own mapping parser, and the query string it sends.
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { AppError } from "../../../core/errors.js";
import { parseColumnMapping } from "../../../core/history/history-mapping.js";
import { readRecords, type RecordFormat } from "../../../core/history/read-records.js";
import { DECLARATION_COLUMNS, OUTCOME_COLUMNS } from "../../../profiling/history/customs-declarations.js";
import {
  keepKnownColumns,
  MAPPING_TARGETS,
  mappingOf,
  mappingProblems,
  missingPresetColumns,
  PRESET_COLUMNS,
  readHeader,
  REQUIRED_TARGETS,
  splitCsvLine,
  suggestMapping,
  uploadQuery,
} from "../../../web/src/history-upload.js";

/** The columns the server's reader reports for a file. */
async function serverColumns(text: string, format: RecordFormat): Promise<string[]> {
  let columns: string[] = [];
  for await (const _ of readRecords(Readable.from([Buffer.from(text)]), format, { onHeader: (c) => (columns = c) })) {
    // reading the records is what calls onHeader
  }
  return columns;
}

const mappingErrors = (raw: unknown) => {
  try {
    parseColumnMapping(raw);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return ((error as AppError).details.errors as { path: string; message: string }[]) ?? [];
  }
};

describe("reading the file's column names", () => {
  const csvFiles = [
    "ref,inspected,result\n1,2021-01-01,no\n",
    "\uFEFFref , \"Date, of check\",\"said \"\"hi\"\"\"\r\n1,2,3\r\n",
    'ref,"Date, of check",x\n1,2,3\n',
    "  Declaration ID,Date,Fraud\n",
    "single\n1\n",
  ];
  test.each(csvFiles)("CSV header as the server reads it: %j", async (text) => {
    const read = readHeader(text, "csv");
    expect(read.ok).toBe(true);
    expect(read.ok && read.columns).toEqual(await serverColumns(text, "csv"));
  });

  const jsonFiles = [
    '{"ref":"C-1","inspected":"2021-02-01","result":"seizure","n":1,"gone":null}\n{"ref":"C-2"}\n',
    '\uFEFF{"Declaration ID":"1","Date":"2020-01-01"}\r\n',
  ];
  test.each(jsonFiles)("JSON-lines keys of the first object, as the server reads them: %j", async (text) => {
    const read = readHeader(text, "ndjson");
    expect(read.ok).toBe(true);
    const columns = read.ok ? read.columns : [];
    // The server skips null values when it reads records; the header check counts every key of the first line.
    expect(columns.filter((c) => c !== "gone")).toEqual(await serverColumns(text, "ndjson"));
  });

  test("a key with a null value on the first line is still a column (the API's header check counts it)", () => {
    expect(readHeader(jsonFiles[0]!, "ndjson")).toEqual({ ok: true, columns: ["ref", "inspected", "result", "n", "gone"] });
  });

  test("unreadable first lines say why", () => {
    expect(readHeader("", "csv")).toEqual({ ok: false, problem: "empty" });
    expect(readHeader("\n{}\n", "ndjson")).toEqual({ ok: false, problem: "empty" });
    expect(readHeader('{"ref":1}\n', "csv")).toEqual({ ok: false, problem: "looksLikeJson" });
    expect(readHeader('"ref,when\n', "csv")).toEqual({ ok: false, problem: "notCsvHeader" });
    expect(readHeader("ref,when\n1,2\n", "ndjson")).toEqual({ ok: false, problem: "notJsonObject" });
    expect(readHeader("[1,2]\n", "ndjson")).toEqual({ ok: false, problem: "notJsonObject" });
  });

  test("CSV cells: quotes, doubled quotes, empty cells", () => {
    expect(splitCsvLine('a,"b,c","d ""e""",,f')).toEqual(["a", "b,c", 'd "e"', "", "f"]);
    expect(splitCsvLine('"open')).toBeNull();
  });
});

describe("preset and custom mapping", () => {
  test("the preset's columns are the API's customs-declarations columns", () => {
    expect([...PRESET_COLUMNS]).toEqual([...DECLARATION_COLUMNS, ...OUTCOME_COLUMNS]);
    expect(missingPresetColumns(PRESET_COLUMNS.filter((c) => c !== "Critical Fraud"))).toEqual(["Critical Fraud"]);
    expect(missingPresetColumns([...PRESET_COLUMNS, "extra"])).toEqual([]);
  });

  test("the form offers exactly the API's mapping fields, with the same required ones", () => {
    const unknown = mappingErrors({ bogus: "x", externalRef: "a", date: "b", outcome: "c" });
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toBe(`unknown target field; targets are ${MAPPING_TARGETS.join(", ")}`);
    const required = mappingErrors({}).filter((e) => e.message === "required").map((e) => e.path.replace("mapping.", ""));
    expect(required.sort()).toEqual([...REQUIRED_TARGETS].sort());
  });

  test("a complete selection becomes a mapping the API accepts; gaps and unknown columns are named", () => {
    const columns = ["Ref No", "When", "Result", "HS_Code", "Box"];
    const selection = { ...suggestMapping(columns), externalRef: "Ref No", date: "When", outcome: "Result", containerNumber: "Box", commodity: "" };
    expect(mappingProblems(selection, columns)).toEqual([]);
    const mapping = mappingOf(selection);
    expect(mapping).toEqual({ externalRef: "Ref No", date: "When", outcome: "Result", containerNumber: "Box", hsCode: "HS_Code" });
    expect(mappingErrors(mapping)).toEqual([]);

    expect(mappingProblems({ externalRef: "Ref No", outcome: "Gone" }, columns)).toEqual([
      { target: "date", problem: "required" },
      { target: "outcome", problem: "notInFile", column: "Gone" },
    ]);
  });

  test("columns named like a field are suggested; choices survive another file only where its columns exist", () => {
    expect(suggestMapping(["external_ref", "DATE", "Outcome", "hs code", "shipper"])).toEqual({ externalRef: "external_ref", date: "DATE", outcome: "Outcome", hsCode: "hs code" });
    expect(keepKnownColumns({ externalRef: "a", date: "b", outcome: "" }, ["a", "c"])).toEqual({ externalRef: "a" });
  });

  test("the upload query: the preset takes no mapping; custom sends it as JSON", () => {
    expect(Object.fromEntries(new URLSearchParams(uploadQuery("preset", "history.csv", { externalRef: "x" })))).toEqual({ format: "customs-declarations", fileName: "history.csv" });
    const custom = new URLSearchParams(uploadQuery("custom", "a".repeat(250), { externalRef: "Ref No", date: "When", outcome: "Result", hsCode: "" }));
    expect(custom.get("format")).toBe("custom");
    expect(JSON.parse(custom.get("mapping")!)).toEqual({ externalRef: "Ref No", date: "When", outcome: "Result" });
    expect(custom.get("fileName")).toHaveLength(200);
    // Manifest-contract lines are read as they are: no mapping is sent, whatever the form held.
    expect(Object.fromEntries(new URLSearchParams(uploadQuery("manifest", "history.jsonl", { externalRef: "x" })))).toEqual({ format: "manifest-jsonl", fileName: "history.jsonl" });
  });
});
