// How tests start the product's own processes (the command line, a worker, the API): node's arguments for a
// source entry such as "cli/portcullis.ts". With the run's transpiled JavaScript (TEST_CHILD_JS_DIR, written by
// test/global-setup.ts from the same sources when the run starts), node runs that file as the built image runs
// dist/; without it (TEST_CHILDREN_TSX=1, or a file run outside the global setup), through tsx as `npm run cli`
// does. tsx transforms each source file with esbuild when it loads; the run does the same once for all children.
// A child through tsx spent about 2.0 s of CPU in starting (its loader resolving and looking up each module
// in its cache) against 1.0 s from the transpiled files, and the suite starts some forty children.
import path from "node:path";

export function childEntry(entry: string): string[] {
  const dir = process.env.TEST_CHILD_JS_DIR;
  return dir ? [path.join(dir, entry.replace(/\.ts$/, ".js"))] : ["--import", "tsx", entry];
}
