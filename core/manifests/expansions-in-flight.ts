// Expansions a process runs after answering (staged-manifests.ts) are not
// awaited by their request. Closing the process's services waits for them
// first, so a shutdown finishes the part being written instead of cutting its
// connection mid-transaction and logging errors (the delayed fallback job
// would still finish it, but later). No dependencies: core/services.ts
// imports it.
const inFlight = new Set<Promise<unknown>>();

export function trackExpansion(work: Promise<unknown>): void {
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
}

/** Resolves once every expansion started in this process so far has ended (well or not). */
export async function expansionsSettled(): Promise<void> {
  await Promise.allSettled([...inFlight]);
}
