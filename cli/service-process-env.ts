// How `npm start` runs the API and worker processes it forks (the load
// benchmark spawns them the same way, to measure what production runs).
//
// The young generation is fixed at its largest size (SERVICE_NODE_FLAGS): V8
// otherwise grows its semi-spaces when the allocation rate rises and shrinks
// them when it falls, and that memory counts in RSS, not in the heap used
// after a GC. In a 5-minute load run (bench/load-ingest-and-query.ts) a
// worker's RSS after GC rose 131 -> 153 MB (+16.5 %) in one minute with its
// heap used flat, its new space 12 -> 32 MB: the same swing made the API read
// +24 % in one run and +4.9 % in the next (issue 17 point 6). With the
// minimum at the maximum it can no longer shrink to 1 MB semi-spaces; V8
// still uncommits the idle half (32 -> 16 MB) when a process has little to
// do, as the workers did between bursts in the second run with these flags:
// the swing is halved, not gone (RSS after GC, second to last minute: API
// -9.3 % and -4.9 %, workers -9.1 %, -1.9 %, +9.7 %, -2.2 %, at load 16-26).
//
// MALLOC_ARENA_MAX=2: glibc's malloc gives threads that allocate (V8's GC
// helpers, libuv's pool) arenas of their own, up to 8 per core, and keeps
// what they freed. Two arenas kept the API's memory outside the V8 heap at
// 97-104 MB under the same load, against 115-127 MB with glibc's default. A
// value already set in the environment wins, so an operator can change it.
//
// MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_: blocks up to 64 MB come
// from the arenas, and up to 128 MB freed at an arena's top is kept for the
// next request instead of going back to the kernel. A page touched for the
// first time costs some 10-15 us on the virtual machines we measure on: the
// 15 MB body of a 15,000-container manifest, read into a fresh mmap'd block
// by each request, cost it ~3,800 page faults (bench/ingest-end-to-end.ts
// prints the API's faults until the answer: 18,864 -> 15,054 with these).
export const SERVICE_PROCESS_DEFAULTS: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: "2",
  MALLOC_MMAP_THRESHOLD_: String(64 * 1024 * 1024),
  MALLOC_TRIM_THRESHOLD_: String(128 * 1024 * 1024),
};

/** The young generation's two semi-spaces, 16 MB each (V8's own maximum for these heaps), from the start. */
export const SERVICE_NODE_FLAGS: readonly string[] = ["--min-semi-space-size=16", "--max-semi-space-size=16"];

/**
 * The parent's environment for an API or worker process: the service defaults for whatever it does not set
 * itself, and without DATABASE_ADMIN_URL (they connect as the application role and never see the admin URL).
 */
export function serviceProcessEnv(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_ADMIN_URL: _admin, ...env } = parent;
  return { ...SERVICE_PROCESS_DEFAULTS, ...env };
}

/** Node's flags for an API or worker process: the parent's own (e.g. tsx's loader) and SERVICE_NODE_FLAGS. */
export function serviceExecArgv(parentExecArgv: readonly string[]): string[] {
  return [...parentExecArgv, ...SERVICE_NODE_FLAGS];
}
