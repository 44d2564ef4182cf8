// Pieces every block of the managers' dashboard uses: its heading with a CSV
// export named after it, and the labels of the keys the summaries group by.
import { useId, useState, type ReactNode } from "react";
import { COMMODITY, CONCEALMENT, DETECTION, term } from "../terms.js";
import { LiveRegion } from "../a11y.js";
import { downloadCsv } from "../api.js";
import { useApp } from "../context.js";
import { countryName } from "../dashboard-data.js";
import type { CsvExport } from "../dashboard-filters.js";

/** A block's heading, and its CSV export (the button's name says which block it exports). */
export function BlockHead({ id, title, csv, level = 2 }: { id: string; title: string; csv: CsvExport | null; level?: 2 | 3 }) {
  const { t } = useApp();
  const [error, setError] = useState<string | null>(null);
  const Heading = level === 2 ? "h2" : "h3";
  const download = async (file: CsvExport) => {
    setError(null);
    try {
      await downloadCsv(file.path, file.filename);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <div className="block-head">
      <Heading id={id}>{title}</Heading>
      {csv && (
        <button type="button" className="inline" aria-label={t("dashboard.exportBlock", { block: title })} onClick={() => void download(csv)}>
          {t("dashboard.exportCsv")}
        </button>
      )}
      {error && (
        <LiveRegion role="alert" as="p" className="error">
          {t("app.error", { message: error })}
        </LiveRegion>
      )}
    </div>
  );
}

/** A labelled select of a closed list of choices, each with its text. */
export function Choice<T extends string>(props: { label: string; value: T; options: readonly T[]; text: (option: T) => string; onChange: (value: T) => void }) {
  // Labelled by id rather than by nesting, so the name is the label alone (not the label plus the chosen option).
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.text(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** How a key of a grouping reads: a commodity's name, a country's name, a month in the locale; codes as they are. */
export function useKeyLabel(): (group: string, key: string) => string {
  const { t, fmt, language } = useApp();
  return (group, key) => {
    if (group === "commodity") return term(t, COMMODITY, key);
    if (group === "detection_method") return term(t, DETECTION, key);
    if (group === "concealment") return term(t, CONCEALMENT, key);
    if (group === "country") return countryName(key, language);
    if (group === "month") return fmt.month(key);
    return key;
  };
}

export function Card({ labelledBy, children, testId }: { labelledBy: string; children: ReactNode; testId?: string }) {
  return (
    <section aria-labelledby={labelledBy} className="card" data-testid={testId}>
      {children}
    </section>
  );
}
