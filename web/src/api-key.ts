// The query-cache key of an API path (server-state.ts): its segments, the
// query string last, so a resource's path is a prefix of the keys of its
// lists and records. Pure, so it is unit-tested without a browser.
export type ApiKey = readonly (string | Record<string, string>)[];

/** The query key of an API path (see above); only the segments when it has no query string. */
export function apiKey(path: string): ApiKey {
  const [pathname = "", search = ""] = path.split("?", 2);
  const segments = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  if ([...params.keys()].length === 0) return segments;
  const query: Record<string, string> = {};
  for (const [name, value] of params) query[name] = name in query ? `${query[name]},${value}` : value;
  return [...segments, query];
}
