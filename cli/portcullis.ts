// The Portcullis command line: `npm run -s cli -- <command> [--flags]`.
// Every command uses the same use cases as the service. The file commands
// (profiles build, score) need no database: they are dispatched before the
// admin commands' modules (Prisma, BullMQ) are even loaded, so they start fast.
import { ConfigError } from "../core/config.js";
import { CliError, parseFlags } from "./cli-args.js";
import { FILE_COMMANDS, findFileCommand, runFileCommand } from "./profile-commands.js";

async function usage(): Promise<string> {
  const { ADMIN_COMMANDS } = await import("./admin-commands.js");
  const commands = { ...ADMIN_COMMANDS, ...FILE_COMMANDS };
  return ["usage: npm run -s cli -- <command> [--flags]", "", ...Object.entries(commands).map(([name, c]) => `  ${name} ${c.usage}`)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const { positional, flags } = parseFlags(argv);
  const file = findFileCommand(positional);
  if (file) {
    if (flags.help) {
      console.error(`usage: npm run -s cli -- ${file.name} ${file.command.usage}`);
      return 0;
    }
    await runFileCommand(file.name, file.command, flags);
    return 0;
  }
  const [{ ADMIN_COMMANDS }, { loadConfig }, { createServices }] = await Promise.all([
    import("./admin-commands.js"),
    import("../core/config.js"),
    import("../core/services.js"),
  ]);
  const name = positional.slice(0, 2).join(" ");
  const command = ADMIN_COMMANDS[name];
  if (!command || flags.help) {
    console.error(command ? `usage: npm run -s cli -- ${name} ${command.usage}` : await usage());
    return command ? 0 : 2;
  }
  const services = createServices({ ...loadConfig(), LOG_LEVEL: "warn" }, "cli");
  try {
    console.log(JSON.stringify(await command.run(services, flags, positional.slice(2)), null, 2));
    // A command may print its answer and still report failure (an import with a rejected message).
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } finally {
    await services.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError || error instanceof ConfigError) console.error(error.message);
    else if (error instanceof Error && "details" in error) console.error(`${error.message}\n${JSON.stringify((error as { details: unknown }).details, null, 2)}`);
    else console.error(error);
    process.exit(1);
  },
);
