// The build screen's URL: ?build=<job id> names the profile build shown, so
// that Back, a reload or a shared link show the same build and its result
// (the job's id was held in the page's memory and lost on leaving it).
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface BuildSearch {
  /** The analysis job of the build shown; "" for none. */
  build: string;
}

/** Anything but a job id reads as no build (a mistyped link shows the plain screen). */
export function parseBuildSearch(params: URLSearchParams): BuildSearch {
  const build = params.get("build") ?? "";
  return { build: JOB_ID.test(build) ? build.toLowerCase() : "" };
}

export function buildSearchParams(value: BuildSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (value.build) params.set("build", value.build);
  return params;
}

/** The search of the link that opens a build on the build screen. */
export const buildSearch = (jobId: string): string => `?${buildSearchParams({ build: jobId }).toString()}`;
