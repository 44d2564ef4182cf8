// The time a long job has left, estimated in the browser from its progress.

/**
 * Seconds left at the pace seen so far: from the first sample this screen saw
 * (a job may have started before it was opened), null until the job has moved.
 */
export function secondsLeft(first: { at: number; progress: number }, now: { at: number; progress: number }): number | null {
  const done = now.progress - first.progress;
  const elapsed = now.at - first.at;
  if (done <= 0.005 || elapsed < 1_000 || now.progress >= 1) return null;
  return Math.ceil(((1 - now.progress) * elapsed) / done / 1_000);
}
