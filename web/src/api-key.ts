// The query-cache key of an API path (server-state.ts): its segments, the
// query string last, so a resource's path is a prefix of the keys of its
// lists and records. A list read page by page (useApiPages) keeps another
// shape in the cache ({ pages, pageParams }) than the same path read once
// (useApi): its key is the path's key with a mark at the end, so the two never
// share an entry, and the path's key, a prefix of both, still invalidates both.
// Pure, so it is unit-tested without a browser.

/** Ends the key of a paged read: no path gives it (a query's values are strings, this one is `true`). */
const PAGES = { pages: true } as const;

export type ApiKey = readonly (string | Record<string, string> | typeof PAGES)[];

/** The query key of an API path read once (see above); only the segments when it has no query string. */
export function apiKey(path: string): readonly (string | Record<string, string>)[] {
  const [pathname = "", search = ""] = path.split("?", 2);
  const segments = pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(search);
  if ([...params.keys()].length === 0) return segments;
  const query: Record<string, string> = {};
  for (const [name, value] of params) query[name] = name in query ? `${query[name]},${value}` : value;
  return [...segments, query];
}

/** The query key of an API path read page by page: apart from its single read, under the same prefix. */
export function apiPagesKey(path: string): ApiKey {
  return [...apiKey(path), PAGES];
}
