// Where and how a process logs. JSON lines on stdout stay the default for
// production (a collector reads them); a person at a terminal gets readable
// lines, and LOG_FILE sends everything to a file instead, so `npm start`'s
// own output (the URL and the demo sign-in banner) is not buried in logs.
export type LogFormat = "auto" | "json" | "pretty";

export interface LogDestination {
  format: "json" | "pretty";
  /** A file path to append to, or stdout. */
  target: { file: string } | "stdout";
}

/** Pure choice, so it is testable without a terminal: `auto` means pretty on a TTY, JSON otherwise. */
export function chooseLogDestination(options: { format: LogFormat; file?: string; stdoutIsTty: boolean }): LogDestination {
  if (options.file) return { format: options.format === "pretty" ? "pretty" : "json", target: { file: options.file } };
  const format = options.format === "auto" ? (options.stdoutIsTty ? "pretty" : "json") : options.format;
  return { format, target: "stdout" };
}
