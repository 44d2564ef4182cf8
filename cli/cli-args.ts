// Flags parsing shared by the CLI commands: `--name value`, repeatable,
// `--flag` alone is "true". Errors name the flag.
import type { z } from "zod";

export class CliError extends Error {
  override readonly name = "CliError";
}

export function parseFlags(args: string[]): { positional: string[]; flags: Record<string, string[]> } {
  const positional: string[] = [];
  const flags: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    const next = args[i + 1];
    const value = inline ?? (next !== undefined && !next.startsWith("--") ? (i += 1, next) : "true");
    (flags[name] ??= []).push(value);
  }
  return { positional, flags };
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, label?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return `  ${label ?? ""}${label && path ? " " : ""}${path ? `--${path.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : ""}: ${issue.message}`;
  });
  throw new CliError(`invalid arguments:\n${lines.join("\n")}`);
}
