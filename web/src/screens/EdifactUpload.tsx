// Officer: send a carrier's CUSCAR interchange (.edi) to the unit, as the
// carrier's system would, and read the answer: the interchange's verdict,
// each message accepted or rejected with its errors pointed at their segment,
// and the CONTRL or CUSRES reply itself.
import { useState, type FormEvent } from "react";
import { LiveRegion } from "../a11y.js";
import { asError } from "../api.js";
import { useApp } from "../context.js";
import { DataTable } from "../data-table/DataTable.js";
import type { DataColumn } from "../data-table/columns.js";
import { codeText, errorPlace, errorText, verdictOf, warnedMessages, type InterchangeAnswer, type InterchangeError } from "../edifact-answer.js";
import { postInterchange } from "../edifact-post.js";
import type { Formatters } from "../format.js";
import { FormField } from "../form-field.js";
import type { Translate } from "../i18n.js";
import { ErrorMessage } from "../ui.js";

export function EdifactUploadCard() {
  const { t, fmt, unit } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [answer, setAnswer] = useState<{ fileName: string; result: InterchangeAnswer } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !unit) return;
    setBusy(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer({ fileName: file.name, result: await postInterchange(unit.code, file) });
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="edifact-h">
      <h2 id="edifact-h">{t("edifact.title")}</h2>
      <p>{t("edifact.help")}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <FormField id="edifact-file" label={t("edifact.file")} hint={t("edifact.fileHint")}>
          {(control) => <input {...control} type="file" accept=".edi,.edifact,.txt" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />}
        </FormField>
        <button type="submit" disabled={!file || busy}>
          {busy ? t("edifact.sending") : t("edifact.send")}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
      {answer && <EdifactAnswerView fileName={answer.fileName} result={answer.result} t={t} fmt={fmt} />}
    </section>
  );
}

/** The answer, from props only (rendered without the app around it in the component test). */
export function EdifactAnswerView({ fileName, result, t, fmt }: { fileName: string; result: InterchangeAnswer; t: Translate; fmt: Pick<Formatters, "number"> }) {
  const verdict = verdictOf(result);
  const accepted = result.messages.filter((m) => m.status !== "rejected").length;
  const warned = warnedMessages(result);
  return (
    <div data-testid="edifact-answer">
      <LiveRegion role={verdict === "accepted" || verdict === "duplicate" ? "status" : "alert"} className={verdict === "accepted" || verdict === "duplicate" ? "ok" : "error"} as="p" testId="edifact-verdict">
        {t("edifact.verdict", { verdict, file: fileName, reference: result.controlReference ?? "—", accepted, total: result.messages.length })}
      </LiveRegion>
      {warned > 0 && (
        <p className="warning" data-testid="edifact-warnings">
          {t("edifact.warnedMessages", { count: warned })}
        </p>
      )}
      {result.messages.length > 0 && (
        <DataTable
          rows={result.messages}
          columns={messageColumns(t, fmt)}
          rowKey={(m) => m.messageReference}
          rowData={(m) => ({ "data-status": m.status })}
          sortLabel={(column) => t("table.sortBy", { column })}
          caption={t("edifact.messages", { count: result.messages.length })}
          testId="edifact-messages"
        />
      )}
      <details open={result.replyKind === "CONTRL"}>
        <summary>{t("edifact.reply", { kind: result.replyKind })}</summary>
        <pre data-testid="edifact-reply">{result.reply}</pre>
      </details>
    </div>
  );
}

type MessageAnswer = InterchangeAnswer["messages"][number];

/** The answer's columns: each message's reference, document, function and status sort; its errors point at their segment. */
function messageColumns(t: Translate, fmt: Pick<Formatters, "number">): DataColumn<MessageAnswer>[] {
  return [
    { id: "message", header: t("edifact.message"), cell: (m) => m.messageReference, sortValue: (m) => m.messageReference },
    { id: "document", header: t("edifact.document"), cell: (m) => m.documentNumber ?? "—", sortValue: (m) => m.documentNumber },
    { id: "function", header: t("edifact.functionColumn"), cell: (m) => (m.function ? t("edifact.functionName", { fn: m.function }) : "—") },
    { id: "status", header: t("edifact.statusColumn"), cell: (m) => t("edifact.statusName", { status: m.status }), sortValue: (m) => m.status },
    { id: "shipments", header: t("edifact.shipments"), cell: (m) => fmt.number(m.shipmentCount, 0), sortValue: (m) => m.shipmentCount, numeric: true, descFirst: true },
    {
      id: "errors",
      header: t("edifact.errors"),
      cell: (m) => {
        const warnings = m.warnings ?? [];
        if (m.errors.length === 0 && warnings.length === 0) return "—";
        return (
          <ul>
            {m.errors.map((e, i) => (
              <ErrorItem key={`${e.segmentPosition}-${e.code}-${i}`} error={e} t={t} />
            ))}
            {warnings.map((w, i) => (
              <ErrorItem key={`w-${w.segmentPosition}-${w.code}-${i}`} error={w} t={t} warning />
            ))}
          </ul>
        );
      },
    },
  ];
}

/** One error (or warning, labelled so) at its segment, its field in words and its code's meaning. */
function ErrorItem({ error, t, warning = false }: { error: InterchangeError; t: Translate; warning?: boolean }) {
  const place = errorPlace(error);
  const said = errorText(t, error.message);
  return (
    <li data-kind={warning ? "warning" : "error"}>
      {warning && <>{t("edifact.warning")} </>}
      <strong>{t(place.element ? "edifact.placeElement" : "edifact.place", { position: place.position, segment: place.segment, element: place.element ?? 0 })}</strong>{" "}
      {said.path ? <span title={said.path}>{said.text}</span> : said.text} <span className="help">({codeText(t, error.code)})</span>
    </li>
  );
}
