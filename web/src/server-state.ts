// Server state through TanStack Query: one cache for the signed-in session,
// keyed by resource. A GET path is its own key, split into segments with
// the query string last ("/v1/units/BEANR/referrals?limit=500" →
// ["v1", "units", "BEANR", "referrals", { limit: "500" }]), so a screen
// asking for the same document shares one fetch, and after a write the
// resource's path prefix invalidates its list and its records alike.
import { keepPreviousData, QueryClient, type Query, useInfiniteQuery, useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useCallback } from "react";
import { apiKey, type ApiKey } from "./api-key.js";
import { ApiError, get } from "./api.js";

/** Screens that patch a cached list (setQueryData) name it by the same key. */
export { apiKey, type ApiKey } from "./api-key.js";

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

/**
 * GET `path` through the cache, read again `every(data)` ms after each answer while that is a number; `false` stops
 * (e.g. once a count of work in progress reaches 0). Not read again in a background tab.
 */
export function useApiPolled<T>(path: string, every: (data: T) => number | false): UseQueryResult<T, Error> {
  return useQuery<T, Error>({
    queryKey: apiKey(path),
    queryFn: () => get<T>(path),
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
    queryKey: apiKey(key),
    queryFn: ({ pageParam }) => get<T>(pagePath(pageParam as string | null)),
    initialPageParam: null,
    getNextPageParam: nextCursor,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
    enabled: options.enabled ?? true,
  });
}

/** Starts reading `path` into the cache before the screen that shows it mounts (its `useApi` then finds it). */
export function prefetchApi(client: QueryClient, path: string): void {
  void client.prefetchQuery({ queryKey: apiKey(path), queryFn: () => get(path) });
  markPrefetched(client, path);
}

function markPrefetched(client: QueryClient, path: string): void {
  const query = client.getQueryCache().find({ queryKey: apiKey(path), exact: true });
  if (query) prefetched.add(query);
}

/** The first page of a `useApiPages` list, read ahead of its screen (same key and page path). */
export function prefetchApiPages<T extends Paged>(client: QueryClient, key: string, pagePath: (cursor: string | null) => string): void {
  void client.prefetchInfiniteQuery<T, Error, T, ApiKey, string | null>({
    queryKey: apiKey(key),
    queryFn: ({ pageParam }) => get<T>(pagePath(pageParam)),
    initialPageParam: null,
    getNextPageParam: nextCursor,
  });
  markPrefetched(client, key);
}

/** How long a document read outside render (useFetchApi) is taken as fresh: a version compared twice is fetched once. */
const DOCUMENT_FRESH_MS = 60_000;

/** Reads `path` through the cache outside render (a button's action): a document read in the last minute is not fetched again. */
export function useFetchApi(): <T>(path: string) => Promise<T> {
  const client = useQueryClient();
  return useCallback(<T,>(path: string) => client.fetchQuery<T>({ queryKey: apiKey(path), queryFn: () => get<T>(path), staleTime: DOCUMENT_FRESH_MS }), [client]);
}

/**
 * After a write: every cached read under these API paths is stale and read
 * again where it is shown (e.g. "/v1/units/BEANR/shipments/ID" after an
 * inspection, "/v1/units/BEANR/referrals" after a referral).
 */
export function useInvalidate(): (...paths: string[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(async (...paths: string[]) => {
    await Promise.all(paths.map((path) => client.invalidateQueries({ queryKey: apiKey(path) })));
  }, [client]);
}
