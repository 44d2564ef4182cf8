// "Never read a file still being written": a file is ready only once its size
// and modification time have stayed the same for the whole settle interval,
// as seen by this watcher's own scans. A sender that pauses longer than the
// interval mid-file must write under a temporary name (see inbox-file-names).

interface Sighting {
  size: number;
  mtimeMs: number;
  /** When this size and mtime were first seen. */
  since: number;
}

export class SettleTracker {
  private readonly seen = new Map<string, Sighting>();

  constructor(
    private readonly settleMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records a scan's view of a file; true when it has been unchanged for the settle interval. */
  observe(name: string, size: number, mtimeMs: number): boolean {
    const now = this.clock();
    const prior = this.seen.get(name);
    if (!prior || prior.size !== size || prior.mtimeMs !== mtimeMs) {
      this.seen.set(name, { size, mtimeMs, since: now });
      return false;
    }
    return now - prior.since >= this.settleMs;
  }

  /** Stops tracking files that are gone or were claimed. */
  keepOnly(names: ReadonlySet<string>): void {
    for (const name of this.seen.keys()) if (!names.has(name)) this.seen.delete(name);
  }

  forget(name: string): void {
    this.seen.delete(name);
  }

  /** Files seen and not yet claimed: the backlog this watcher reports. */
  get waiting(): number {
    return this.seen.size;
  }
}
