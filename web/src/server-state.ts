// Server state through TanStack Query: one cache for the signed-in session,
// keyed by resource. A GET path is its own key, split into segments with
// the query string last ("/v1/units/BEANR/referrals?limit=500" →
// ["v1", "units", "BEANR", "referrals", { limit: "500" }]), so a screen
// asking for the same document shares one fetch, and after a write the
// resource's path prefix invalidates its list and its records alike. A list
// read page by page keys the same path with a mark at the end (api-key.ts):
// its pages never land in the entry a single read of that path keeps, and the
// path still invalidates both. Screens read and patch the cache only through
// this module, which builds every key.
import { keepPreviousData, QueryClient, type InfiniteData, type Query, useInfiniteQuery, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { apiKey, apiPagesKey } from "./api-key.js";
import { ApiError, get } from "./api.js";

/** Screens that read a version's document outside render, or drop a list's reads, name them by the same key. */
export { apiKey, apiPagesKey, type ApiKey } from "./api-key.js";

/** How long reads started ahead of their screen count as fresh once there (the screen's code loads meanwhile). */
const PREFETCH_FRESH_MS = 10_000;
/** The queries read ahead (by object: the screen's observer replaces a query's options, a `meta` mark with them). */
const prefetched = new WeakSet<Query>();

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A screen opening again shows what the cache holds at once and reads it again behind it: writes by other
        // screens, jobs (profile builds, imports) and other users then never leave a stale list on screen.
        // Except a landing screen's reads started with the sign-in (prefetchApi): the screen mounting a moment later
        // takes them as they came, instead of asking the same questions again.
        staleTime: (query) => (prefetched.has(query) && query.state.dataUpdateCount === 1 ? PREFETCH_FRESH_MS : 0),
        // The screens offer "Try again" themselves; a refusal (4xx) is the answer, not a hiccup.
        retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}

/**
 * GET `path` through the cache; `null` asks for nothing yet (its inputs are
 * not there). `select` derives what the screen shows from the cached
 * document, which other screens share as it is.
 */
export function useApi<T, R = T>(path: string | null, select?: (data: T) => R): UseQueryResult<R, Error> {
  return useQuery<T, Error, R>({
    queryKey: path === null ? ["idle"] : apiKey(path),
    queryFn: () => get<T>(path!),
    enabled: path !== null,
    select,
  });
}

/** The read of `path` as one document: under the key useApi reads it by: the options its prefetch, fetch and polled read share. */
export function apiQuery<T>(path: string) {
  return { queryKey: apiKey(path), queryFn: () => get<T>(path) };
}

/**
 * GET `path` through the cache, read again `every(data)` ms after each answer while that is a number; `false` stops
 * (e.g. once a count of work in progress reaches 0). Not read again in a background tab.
 */
export function useApiPolled<T>(path: string, every: (data: T) => number | false): UseQueryResult<T, Error> {
  return useQuery<T, Error>({
    ...apiQuery<T>(path),
    refetchInterval: (query) => (query.state.data === undefined ? false : every(query.state.data)),
  });
}

/**
 * A list read page by page through its `nextCursor`; `pagePath(cursor)` is the GET of one page.
 * `keepPrevious` shows the list read before while another sort or filter is read (`isFetching` says so): the
 * table, and the sort button a keyboard user just pressed, stay on the page instead of vanishing for a moment.
 * `enabled: false` reads nothing until the key is known (a hook cannot be skipped).
 */
interface Paged {
  nextCursor: string | null;
}
const nextCursor = (last: Paged) => last.nextCursor ?? undefined;

export function useApiPages<T extends Paged>(key: string, pagePath: (cursor: string | null) => string, options: { keepPrevious?: boolean; enabled?: boolean } = {}) {
  return useInfiniteQuery<T, Error>({
    ...apiPagesQuery<T>(key, pagePath),
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    enabled: options.enabled ?? true,
  });
}

/** The read of the list `key` page by page (its own cache entry, apart from a single read of `key`). */
export function apiPagesQuery<T extends Paged>(key: string, pagePath: (cursor: string | null) => string) {
  return {
    queryKey: apiPagesKey(key),
    queryFn: ({ pageParam }: { pageParam: unknown }) => get<T>(pagePath(pageParam as string | null)),
    initialPageParam: null,
    getNextPageParam: nextCursor,
  };
}

/** Starts reading `path` into the cache before the screen that shows it mounts (its `useApi` then finds it). */
export function prefetchApi(client: QueryClient, path: string): void {
  void client.prefetchQuery(apiQuery(path));
  markPrefetched(client, apiKey(path));
}

function markPrefetched(client: QueryClient, queryKey: readonly unknown[]): void {
  const query = client.getQueryCache().find({ queryKey, exact: true });
  if (query) prefetched.add(query);
}

/** The first page of a `useApiPages` list, read ahead of its screen (same key and page path). */
export function prefetchApiPages<T extends Paged>(client: QueryClient, key: string, pagePath: (cursor: string | null) => string): void {
  void client.prefetchInfiniteQuery(apiPagesQuery<T>(key, pagePath));
  markPrefetched(client, apiPagesKey(key));
}

/** Patches every loaded page of the `useApiPages` list `key` where it is cached (an edit shown before the list is read again). */
export function updatePages<T extends Paged>(client: QueryClient, key: string, update: (page: T) => T): void {
  client.setQueryData<InfiniteData<T>>(apiPagesKey(key), (data) => data && { ...data, pages: data.pages.map(update) });
}

/** Keeps only the first cached page of the `useApiPages` list `key`, which is then read again from the top when shown. */
export function firstPageOnly(client: QueryClient, key: string): void {
  const queryKey = apiPagesKey(key);
  const data = client.getQueryData<InfiniteData<unknown>>(queryKey);
  if (!data || data.pages.length <= 1) return;
  // Its age is kept: the trimmed page stays as stale as it was, so it is read again as the list opens.
  client.setQueryData<InfiniteData<unknown>>(queryKey, { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) }, { updatedAt: client.getQueryState(queryKey)?.dataUpdatedAt });
}

/** `updatePages` and `firstPageOnly` on the session's cache, for a screen that edits a paged list in place. */
export function useCachedPages<T extends Paged>() {
  const client = useQueryClient();
  return useMemo(
    () => ({
      update: (key: string, update: (page: T) => T) => updatePages<T>(client, key, update),
      firstPageOnly: (key: string) => firstPageOnly(client, key),
    }),
    [client],
  );
}

/** How long a document read outside render (useFetchApi) is taken as fresh: a version compared twice is fetched once. */
const DOCUMENT_FRESH_MS = 60_000;

/** Reads `path` through the cache outside render (a button's action): a document read in the last minute is not fetched again. */
export function useFetchApi(): <T>(path: string) => Promise<T> {
  const client = useQueryClient();
  return useCallback(<T,>(path: string) => client.fetchQuery<T>({ ...apiQuery<T>(path), staleTime: DOCUMENT_FRESH_MS }), [client]);
}

/**
 * After a write: every cached read under these API paths is stale and read
 * again where it is shown (e.g. "/v1/units/BEANR/shipments/ID" after an
 * inspection, "/v1/units/BEANR/referrals" after a referral).
 */
export function useInvalidate(): (...paths: string[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback((...paths: string[]) => invalidateApi(client, ...paths), [client]);
}

/** `useInvalidate` on a given cache: a path's key is a prefix of its own and its paged reads' keys, so both are read again. */
export async function invalidateApi(client: QueryClient, ...paths: string[]): Promise<void> {
  await Promise.all(paths.map((path) => client.invalidateQueries({ queryKey: apiKey(path) })));
}
