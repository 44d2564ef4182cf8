// The runner of each analysis job kind. Each feature registers its runner
// here; the worker dispatches on the row's kind.
import type { AnalysisKind, AnalysisRunner } from "./analysis-jobs.js";

export const ANALYSIS_RUNNERS: Partial<Record<AnalysisKind, AnalysisRunner>> = {};
