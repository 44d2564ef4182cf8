// Analysis jobs and imports run in the background: poll them and show progress.
import { useEffect, useState } from "react";
import { JOB_STATUS, term } from "./terms.js";
import { useApp } from "./context.js";

export interface Job<R> {
  status: string;
  progress: number;
  result: R | null;
  error: string | null;
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

export function Progress({ id, status, progress }: { id: string; status: string; progress: number }) {
  const { t, fmt } = useApp();
  return (
    <div className="progress">
      <p id={id} role="status" aria-live="polite">
        {t("analysis.progress", { status: term(t, JOB_STATUS, status), progress: fmt.percent(progress) })}
      </p>
      <progress aria-labelledby={id} max={1} value={Math.max(0, Math.min(1, progress))} />
    </div>
  );
}

