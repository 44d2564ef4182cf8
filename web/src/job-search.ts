// A long analyst job's id in its screen's URL (?build=, ?import=, ?backtest=,
// ?comparison=), so that Back, a reload or a shared link show the same job,
// its progress and then its result (the id was held in the page's memory and
// lost on leaving it). Read and written through useUrlState; a screen with
// two cards each owning a job keeps the other's parameter when it writes its
// own (`keep`). Anything but a job id reads as no job: a mistyped link shows
// the plain screen.
import { UUID } from "./uuid.js";

/** Per parameter name, the job's id; "" for none. */
type JobSearch<N extends string> = Record<N, string>;

interface JobSearchOf<N extends string> {
  parse: (params: URLSearchParams) => JobSearch<N>;
  /** Only the names given, in their order; none for a job not shown (the plain screen keeps a plain URL). */
  write: (value: JobSearch<N>) => URLSearchParams;
  /** The other parameters of the same screen, which a write keeps as they are. */
  keep: readonly string[];
}

/** The parse and writer of a screen's (or a card's) jobs in the URL, stable for useUrlState. */
function jobSearch<N extends string>(names: readonly N[], keep: readonly string[] = []): JobSearchOf<N> {
  return {
    parse: (params) => {
      const value = {} as JobSearch<N>;
      for (const name of names) {
        const id = params.get(name) ?? "";
        value[name] = UUID.test(id) ? id.toLowerCase() : "";
      }
      return value;
    },
    write: (value) => {
      const params = new URLSearchParams();
      for (const name of names) if (value[name]) params.set(name, value[name]);
      return params;
    },
    keep,
  };
}

/** `current` (a location's search) with `name` set to `id`: a link that opens a job and keeps what else is shown. */
export function withJob(current: string, name: string, id: string): string {
  const params = new URLSearchParams(current);
  params.set(name, id);
  return `?${params.toString()}`;
}

/** The history screen: the profile build shown (ProfileBuildCard) and the history import shown (HistoryImportCard). */
export const BUILD_SEARCH = jobSearch(["build"] as const, ["import"]);
export const IMPORT_SEARCH = jobSearch(["import"] as const, ["build"]);
/** A version's page: its back-test and its comparison with an active version (BacktestPanel). */
export const BACKTEST_SEARCH = jobSearch(["backtest", "comparison"] as const);
