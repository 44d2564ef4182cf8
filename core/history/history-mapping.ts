// How the columns of an inspected-records file become a shipment plus its
// inspection outcome: a named preset (`customs-declarations`, mapped in
// profiling/history) or a custom mapping "target field → source column".
import {
  DECLARATION_COLUMNS,
  mapDeclarationRow,
  mapLabelledDeclarationRow,
  OUTCOME_COLUMNS,
  type DeclarationRow,
} from "../../profiling/history/customs-declarations.js";
import type { ShipmentInput } from "../../profiling/shipment.js";
import { AppError } from "../errors.js";
import { customMapper } from "./custom-mapping.js";
import { parseColumnMapping } from "./custom-mapping-targets.js";
import type { RecordMapper } from "./history-row.js";

export type { HistoryRow, InspectionOutcome, MapResult, RecordMapper, SelectedBy } from "./history-row.js";
export { parseColumnMapping, type ColumnMapping } from "./custom-mapping-targets.js";

export const HISTORY_PRESETS = ["customs-declarations"] as const;
/** manifest-jsonl: the manifest contract's shipments, voyage inline, with `outcome` (read-history-lines.ts). */
export const MANIFEST_JSONL = "manifest-jsonl";
export const HISTORY_FORMATS = [...HISTORY_PRESETS, "custom", MANIFEST_JSONL] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/**
 * customs-declarations: `Fraud` 1 is a finding. `Critical Fraud` 2 (a
 * public-safety finding) is stored as a seizure, any other finding as an
 * irregularity (revenue fraud); the commodity is not in the source.
 */
const customsDeclarations: RecordMapper = {
  format: "customs-declarations",
  requiredColumns: [...DECLARATION_COLUMNS, ...OUTCOME_COLUMNS],
  idColumn: "Declaration ID",
  map(values) {
    const mapped = mapLabelledDeclarationRow(values);
    if (!mapped.ok) return mapped;
    const { shipment, date, externalRef, label } = mapped.value;
    return { ok: true, row: { shipment, date, externalRef, outcome: label.hit ? (label.critical ? "seizure" : "irregularity") : "nothing_found" } };
  },
};

/** The mapper of a format; `custom` needs a mapping (checked, field-named errors). */
export function mapperFor(format: string, mapping?: unknown): RecordMapper {
  if (format === "customs-declarations") {
    if (mapping !== undefined) throw new AppError("validation_failed", "a preset format takes no mapping", { errors: [{ path: "mapping", message: "only with format=custom" }] });
    return customsDeclarations;
  }
  if (format === "custom") {
    if (mapping === undefined) throw new AppError("validation_failed", "format=custom needs a mapping", { errors: [{ path: "mapping", message: "required with format=custom" }] });
    return customMapper(parseColumnMapping(mapping));
  }
  if (format === MANIFEST_JSONL) {
    throw new AppError("validation_failed", "manifest-jsonl lines are read whole, not mapped column by column", { errors: [{ path: "format", message: "manifest-jsonl has no column mapper" }] });
  }
  throw new AppError("validation_failed", `unknown format ${format}`, { errors: [{ path: "format", message: `one of ${HISTORY_FORMATS.join(", ")}` }] });
}

/** The expected columns a header lacks. */
export function missingFrom(header: readonly string[], mapper: Pick<RecordMapper, "requiredColumns">): string[] {
  const present = new Set(header);
  return mapper.requiredColumns.filter((c) => !present.has(c));
}

/** Reading records to score (no outcome columns): the same column rules as the import. */
export interface ScoringMapper {
  format: string;
  requiredColumns: readonly string[];
  idColumn: string;
  map(values: DeclarationRow): { ok: true; shipment: ShipmentInput } | { ok: false; reasons: string[] };
}

export const SCORING_FORMATS = ["customs-declarations"] as const;

export function scoringMapperFor(format: string): ScoringMapper | undefined {
  if (format !== "customs-declarations") return undefined;
  return {
    format,
    requiredColumns: DECLARATION_COLUMNS,
    idColumn: "Declaration ID",
    map(values) {
      const mapped = mapDeclarationRow(values);
      return mapped.ok ? { ok: true, shipment: mapped.value.shipment } : mapped;
    },
  };
}
