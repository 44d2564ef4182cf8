// The same GET read once (a container page's alerts) and page by page (the
// queue's search of that container) is two cache entries, each in its own
// shape: once they shared one, the single read's screen ran on { pages } and
// showed "Something went wrong" (c900c2e). A write's invalidation of the path
// still reads both again, and patching the paged list leaves the single one.
import { InfiniteQueryObserver, QueryObserver, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { apiKey } from "../../../web/src/api-key.js";

interface Item {
  id: string;
  alerts: string[];
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

// Loaded by name: the module reads the browser's fetch and sessionStorage, which the root type-check does not know.
const stateModule = "../../../web/src/server-state.js";
const state = (await import(stateModule)) as {
  createQueryClient: () => QueryClient;
  apiQuery: <T>(path: string) => { queryKey: readonly unknown[]; queryFn: () => Promise<T> };
  apiPagesQuery: <T>(key: string, pagePath: (cursor: string | null) => string) => { queryKey: readonly unknown[]; queryFn: (context: { pageParam: unknown }) => Promise<T>; initialPageParam: null; getNextPageParam: (last: T) => string | undefined };
  invalidateApi: (client: QueryClient, ...paths: string[]) => Promise<void>;
  updatePages: <T>(client: QueryClient, key: string, update: (page: T) => T) => void;
};

const search = "/v1/units/BEANR/shipments?containerNumber=MSCU1234565&limit=50";
let reads: string[];
let answered: number;

beforeEach(() => {
  reads = [];
  answered = 0;
  vi.stubGlobal("fetch", (path: string) => {
    reads.push(path);
    answered += 1;
    const page: Page = { items: [{ id: "s-1", alerts: [`seized in ECGYE (answer ${answered})`] }], nextCursor: null };
    return Promise.resolve(new Response(JSON.stringify(page), { status: 200, headers: { "Content-Type": "application/json" } }));
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The queue's paged read, then the container page's single read with its select, both shown (subscribed). */
async function readBothWays(client: QueryClient) {
  const pages = new InfiniteQueryObserver<Page, Error, InfiniteData<Page>>(client, state.apiPagesQuery<Page>(search, () => search));
  const stopPages = pages.subscribe(() => undefined);
  await vi.waitFor(() => expect(pages.getCurrentResult().status).toBe("success"));
  const single = new QueryObserver<Page, Error, string[] | undefined>(client, { ...state.apiQuery<Page>(search), select: (r) => r.items.find((i) => i.id === "s-1")?.alerts });
  const stopSingle = single.subscribe(() => undefined);
  await vi.waitFor(() => expect(single.getCurrentResult().status).not.toBe("pending"));
  return { pages, single, stop: () => (stopPages(), stopSingle()) };
}

describe("a path read once and page by page", () => {
  test("is two cache entries, each in its own shape, and the single read's screen gets its document", async () => {
    const client = state.createQueryClient();
    const { pages, single, stop } = await readBothWays(client);
    expect(single.getCurrentResult().error).toBeNull();
    expect(single.getCurrentResult().data).toEqual(["seized in ECGYE (answer 2)"]);
    expect(pages.getCurrentResult().data?.pages.flatMap((p) => p.items.map((i) => i.alerts))).toEqual([["seized in ECGYE (answer 1)"]]);
    const entries = client.getQueryCache().findAll({ queryKey: apiKey(search) });
    expect(entries.map((q) => Object.keys(q.state.data as object).sort())).toEqual(expect.arrayContaining([["items", "nextCursor"], ["pageParams", "pages"]]));
    expect(entries).toHaveLength(2);
    stop();
  });

  test("an invalidation of the resource's path reads both again", async () => {
    const client = state.createQueryClient();
    const { pages, single, stop } = await readBothWays(client);
    expect(reads).toEqual([search, search]);
    await state.invalidateApi(client, "/v1/units/BEANR/shipments");
    await vi.waitFor(() => expect(reads).toHaveLength(4));
    await vi.waitFor(() => expect(single.getCurrentResult().data?.[0]).toMatch(/answer [34]/));
    expect(pages.getCurrentResult().data?.pages[0]?.items[0]?.alerts[0]).toMatch(/answer [34]/);
    expect(client.getQueryCache().findAll({ queryKey: apiKey(search) }).map((q) => q.state.dataUpdateCount)).toEqual([2, 2]);
    stop();
  });

  test("patching the paged list leaves the single read as it was", async () => {
    const client = state.createQueryClient();
    const { pages, single, stop } = await readBothWays(client);
    state.updatePages<Page>(client, search, (p) => ({ ...p, items: p.items.map((i) => ({ ...i, alerts: [] })) }));
    expect(pages.getCurrentResult().data?.pages[0]?.items[0]?.alerts).toEqual([]);
    expect(single.getCurrentResult().data).toEqual(["seized in ECGYE (answer 2)"]);
    stop();
  });
});
