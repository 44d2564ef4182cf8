// Schemas that several operations share, or that refer to themselves (the
// profile condition tree), live once in the document's components/schemas.
// z.toJSONSchema puts a recursive schema in the converted schema's own
// `$defs` and points at it with `#/$defs/...`; inside an OpenAPI document that
// pointer is read from the document root and resolves nowhere. Every schema
// placed in the document goes through `hoist`, which moves its `$defs` into
// components/schemas and rewrites the refs to `#/components/schemas/<name>`.
import { z } from "zod";
import { conditionSchema } from "../../profiling/dsl/profile-schema.js";

type JsonSchema = Record<string, unknown>;

/** Names given to shared zod schemas (otherwise zod names a recursive one `__schema0` in every conversion). */
const NAMES = new Map<z.ZodType, string>([[conditionSchema, "Condition"]]);

/**
 * The global metadata (descriptions) plus the names above as ids: zod uses a
 * schema's id as its `$defs` name. A subclass rather than `.meta({ id })` on
 * the schema, so the pure profiling/ code carries nothing for the API document.
 */
class NamedSchemas extends z.core.$ZodRegistry<z.core.GlobalMeta> {
  override get(schema: z.core.$ZodType): z.core.GlobalMeta | undefined {
    const meta = z.globalRegistry.get(schema);
    const id = NAMES.get(schema as z.ZodType);
    return id ? { ...meta, id } : meta;
  }
}

export const namedSchemas = new NamedSchemas();

const DEFS_REF = /^#\/\$defs\/(.+)$/;

/** Copy of `value` with every `#/$defs/<name>` ref renamed through `names`. */
function rewriteRefs(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, names));
  if (typeof value !== "object" || value === null) return value;
  const out: JsonSchema = {};
  for (const [key, item] of Object.entries(value)) {
    const local = key === "$ref" && typeof item === "string" ? DEFS_REF.exec(item)?.[1] : undefined;
    const target = local === undefined ? undefined : names.get(local.replace(/~1/g, "/").replace(/~0/g, "~"));
    out[key] = target ? `#/components/schemas/${target}` : rewriteRefs(item, names);
  }
  return out;
}

/** The document's components/schemas, filled as schemas are placed. */
export class SchemaComponents {
  readonly schemas: Record<string, JsonSchema>;
  /** A definition as zod wrote it (local name and body) → its component name, so a shared schema is stored once. */
  private readonly byContent = new Map<string, string>();

  constructor(initial: Record<string, JsonSchema> = {}) {
    this.schemas = { ...initial };
  }

  /** The schema with its `$defs` moved to components/schemas and its refs pointing there. */
  hoist(schema: JsonSchema): JsonSchema {
    const { $defs, ...rest } = schema;
    if (typeof $defs !== "object" || $defs === null) return schema;
    const names = new Map<string, string>();
    const added: [string, unknown][] = [];
    // Choose every component name first: definitions may point at one another.
    for (const [name, def] of Object.entries($defs)) {
      const key = JSON.stringify([name, def]);
      let target = this.byContent.get(key);
      if (!target) {
        target = this.freeName(name);
        this.byContent.set(key, target);
        this.schemas[target] = {};
        added.push([name, def]);
      }
      names.set(name, target);
    }
    for (const [name, def] of added) this.schemas[names.get(name)!] = rewriteRefs(def, names) as JsonSchema;
    return rewriteRefs(rest, names) as JsonSchema;
  }

  /** The id zod used when it is free; zod's anonymous `__schemaN` names restart in every conversion, so those become `Schema<N>`. */
  private freeName(name: string): string {
    const anonymous = /^__schema\d+$/.test(name);
    const base = anonymous ? "Schema" : name.replace(/[^A-Za-z0-9._-]/g, "_");
    if (!anonymous && !(base in this.schemas)) return base;
    let n = anonymous ? 1 : 2;
    while (`${base}${n}` in this.schemas) n += 1;
    return `${base}${n}`;
  }
}
