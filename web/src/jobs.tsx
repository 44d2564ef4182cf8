// Analysis jobs and imports run in the background: poll them and show progress,
// with an estimate of the time left once the job has moved.
import { useEffect, useState } from "react";
import { JOB_STATUS, term } from "./terms.js";
import { useApp } from "./context.js";
import { secondsLeft } from "./job-time-left.js";
import type { MessageKey } from "./i18n.js";

export interface Job<R> {
  status: string;
  progress: number;
  result: R | null;
  error: string | null;
  /** What a running job is doing ("preparing-history"); absent or null when it says nothing. */
  phase?: string | null;
  /** A failed job's error as a code and parameters (absent or null: only `error`, in English). */
  failure?: { code: string; params: Record<string, string | number> } | null;
}

export const FINISHED = ["succeeded", "failed"];

/** Polls `load` every `interval` ms until `finished` says so; null stops. */
export function usePolling<T>(load: (() => Promise<T>) | null, finished: (value: T) => boolean, interval = 500): { value: T | null; error: Error | null } {
  const [state, setState] = useState<{ value: T | null; error: Error | null }>({ value: null, error: null });
  useEffect(() => {
    setState({ value: null, error: null });
    if (!load) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      load().then(
        (value) => {
          if (!live) return;
          setState({ value, error: null });
          if (!finished(value)) timer = setTimeout(tick, interval);
        },
        (error: unknown) => live && setState((s) => ({ ...s, error: error instanceof Error ? error : new Error(String(error)) })),
      );
    };
    tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [load]);
  return state;
}

type Sample = { at: number; progress: number };

/** The phases a page can name; another phase reads as plain progress. */
const PHASES: Readonly<Record<string, MessageKey>> = { "preparing-history": "job.phase.preparing-history" };

export function Progress({ id, status, progress, phase }: { id: string; status: string; progress: number; phase?: string | null | undefined }) {
  const { t, fmt } = useApp();
  // The first and the latest progress seen while running, timed when the poll delivered them.
  const [pace, setPace] = useState<{ first: Sample; last: Sample } | null>(null);
  useEffect(() => {
    if (status !== "running") return setPace(null);
    const sample = { at: Date.now(), progress };
    setPace((seen) => ({ first: seen?.first ?? sample, last: sample }));
  }, [status, progress]);
  const left = status === "running" && pace ? secondsLeft(pace.first, pace.last) : null;
  // Before its first record a job may spend seconds preparing: named, with a bar that shows activity, not 0 %.
  const named = status === "running" && phase && Object.hasOwn(PHASES, phase) ? PHASES[phase]! : null;
  if (named) {
    return (
      <div className="progress">
        <p id={id} role="status" aria-live="polite">
          {t(named)}
        </p>
        <progress aria-labelledby={id} max={1} />
      </div>
    );
  }
  return (
    <div className="progress">
      <p id={id} role="status" aria-live="polite">
        {t("analysis.progress", { status: term(t, JOB_STATUS, status), progress: fmt.percent(progress) })}
        {left !== null && ` ${left < 60 ? t("job.secondsLeft", { seconds: left }) : t("job.minutesLeft", { minutes: Math.round(left / 60) })}`}
      </p>
      <progress aria-labelledby={id} max={1} value={Math.max(0, Math.min(1, progress))} />
    </div>
  );
}
