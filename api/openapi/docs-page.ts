// A self-contained HTML rendering of the OpenAPI document: no script, no CDN,
// one inline style allowed by its hash, so it works on an offline unit's
// browser under the API's strict Content-Security-Policy.
import { createHash } from "node:crypto";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 2rem;color:#1d2733}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #d5dbe3;padding-top:1rem}
details{border:1px solid #d5dbe3;border-radius:4px;margin:.35rem 0;padding:.3rem .6rem}
summary{cursor:pointer}code,pre{font:12px/1.4 ui-monospace,monospace}pre{background:#f4f6f9;padding:.5rem;overflow:auto;max-height:30rem}
.m{display:inline-block;min-width:4.2rem;font-weight:600;text-transform:uppercase}.get{color:#1f6f43}.post{color:#1d4f91}
.put{color:#8a5a00}.delete{color:#a12626}.patch{color:#6b3fa0}.access{color:#5b6675;font-size:12px;margin-left:.5rem}
table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #d5dbe3;padding:.2rem .5rem;text-align:left;vertical-align:top}`;

/** CSP hash of the inline style, for the docs route's Content-Security-Policy header. */
export const DOCS_STYLE_HASH = `'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`;

const escape = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const json = (value: unknown) => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  "x-portcullis-access"?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { description?: string; content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
}

function renderOperation(method: string, path: string, op: Operation): string {
  const params = op.parameters?.length
    ? `<table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${op.parameters
        .map((p) => `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td><code>${escape(JSON.stringify(p.schema))}</code>${p.description ? `<br>${escape(p.description)}` : ""}</td></tr>`)
        .join("")}</table>`
    : "";
  const body = op.requestBody
    ? Object.entries(op.requestBody.content)
        .map(([type, media]) => `<p>Body <code>${escape(type)}</code>${op.requestBody?.description ? `: ${escape(op.requestBody.description)}` : ""}</p>${json(media.schema)}`)
        .join("")
    : "";
  const responses = `<table>${Object.entries(op.responses)
    .map(([status, r]) => `<tr><td>${escape(status)}</td><td>${escape(r.description)}</td></tr>`)
    .join("")}</table>`;
  return `<details><summary><span class="m ${escape(method)}">${escape(method)}</span><code>${escape(path)}</code> ${escape(op.summary ?? "")}<span class="access">${escape(op["x-portcullis-access"] ?? "")}</span></summary>
${op.description ? `<p>${escape(op.description)}</p>` : ""}${params}${body}${responses}</details>`;
}

export function renderDocsPage(document: {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), renderOperation(method, path, op)]);
    }
  }
  const sections = [...byTag.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, ops]) => `<h2>${escape(tag)}</h2>${ops.join("\n")}`)
    .join("\n");
  // Shared schemas that operations point at with $ref (#/components/schemas/<name>).
  const schemas = Object.entries(document.components?.schemas ?? {})
    .map(([name, schema]) => `<details id="schema-${escape(name)}"><summary><code>${escape(name)}</code></summary>${json(schema)}</details>`)
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)} ${escape(document.info.version)}</title>
<style>${STYLE}</style></head><body><h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>${escape(document.info.description ?? "")} Machine-readable document: <a href="openapi.json">/openapi.json</a> (OpenAPI 3.1). Authenticated routes take <code>Authorization: Bearer &lt;token&gt;</code>.</p>
${sections}
<h2>schemas</h2>
${schemas}</body></html>`;
}
