// CPU time read from /proc (Linux; clock ticks of 10 ms) for the benches that
// weigh a run by the CPU it used, steadier than wall time on shared cores:
// worker processes by pid, and the bench database's backends.
import { readFileSync } from "node:fs";
import type { Services } from "../core/services.js";

/** The fields of /proc/<pid>/stat after the command name (state first), or undefined once the process is gone. */
function statFields(pid: number | undefined): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** User + system CPU of a process so far, in ms; 0 once it is gone. */
export function cpuMsOfPid(pid: number | undefined): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : 0;
}

/**
 * Minor page faults of a process so far (first touches of memory it was given): on these virtual machines each
 * costs some 10-15 us, so a path that allocates fresh 15 MB blocks pays tens of ms in the kernel for each.
 */
export function minorFaultsOfPid(pid: number | undefined): number {
  const fields = statFields(pid);
  return fields ? Number(fields[7]) : 0;
}

/** CPU so far of each backend of the bench database (the workers' and the bench's connections), by pid. */
export async function backendCpu(services: Pick<Services, "pool">): Promise<Map<number, number>> {
  const backends = await services.pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()");
  return new Map(backends.rows.map(({ pid }) => [pid, cpuMsOfPid(pid)]));
}

/** Database CPU between two snapshots: a backend that started in between counts from 0; one that ended in between is lost (pools keep theirs). */
export function backendCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return ms;
}
