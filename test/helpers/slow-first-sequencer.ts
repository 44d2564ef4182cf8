// The order the suite's files start in. vitest hands files to its 2 workers
// one at a time in this order, so the run ends when the last long file
// ends: long files must start first. With a cache of earlier runs
// (node_modules/.vite/vitest) vitest's own order is already longest first;
// without one (a fresh checkout, CI) it is largest file first, which put
// short unit files with big fixtures ahead of minute-long browser files and
// left one worker idle at the end. Then the files known to be slow (browser
// tests, own databases, large seeds) start first, in vitest's order.
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Files (relative to the root, forward slashes) or folders ending in "/" that take tens of seconds each. */
export const SLOW_FILES = [
  "test/e2e/",
  "test/integration/hostile-input-fuzz.test.ts",
  "test/workers/build-from-own-records.test.ts",
  "test/integration/demo-sign-in.test.ts",
  "test/faults/",
];

const relativeOf = (root: string, file: string) => path.relative(root, file).split(path.sep).join("/");

export const isSlow = (relative: string) => SLOW_FILES.some((slow) => (slow.endsWith("/") ? relative.startsWith(slow) : relative === slow));

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const cached = (spec: TestSpecification) => this.ctx.cache.getFileTestResults(`${spec.project.name}:${relativeOf(root, spec.moduleId)}`) !== undefined;
    if (sorted.every(cached)) return sorted;
    const slow = sorted.filter((spec) => isSlow(relativeOf(root, spec.moduleId)));
    return [...slow, ...sorted.filter((spec) => !slow.includes(spec))];
  }
}
