// Runs the command line as a user does (`npm run -s cli -- ...`, which is
// `tsx cli/portcullis.ts ...`) in a child process and collects what it
// printed. It starts node directly, on the run's transpiled sources or with
// tsx's loader (child-entry.ts): npm, its shell and tsx's own launcher process
// cost a second or more per command on 2 busy cores and change nothing the
// command does.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { childEntry } from "./child-entry.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...childEntry("cli/portcullis.ts"), ...args], { cwd: root, env: { ...process.env, ...options.env } });
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
