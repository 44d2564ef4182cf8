// The runner of each analysis job kind. Each feature registers its runner
// here; the worker dispatches on the row's kind.
import type { AnalysisKind, AnalysisRunner } from "./analysis-jobs.js";
import { runBacktest, runComparison } from "../profiles/backtest-runners.js";
import { runProfileBuild } from "../builds/run-profile-build.js";
import { runHistoryImport } from "../history/run-history-import.js";

export const ANALYSIS_RUNNERS: Partial<Record<AnalysisKind, AnalysisRunner>> = {
  backtest: runBacktest,
  compare: runComparison,
  build: runProfileBuild,
  history_import: runHistoryImport,
};
