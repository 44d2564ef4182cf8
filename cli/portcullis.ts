// The Portcullis command line: `npm run -s cli -- <command> [--flags]`.
// Every command uses the same use cases as the service.
import { ConfigError, loadConfig } from "../core/config.js";
import { createServices } from "../core/services.js";
import { ADMIN_COMMANDS } from "./admin-commands.js";
import { CliError, parseFlags } from "./cli-args.js";

function usage(): string {
  return ["usage: npm run -s cli -- <command> [--flags]", "", ...Object.entries(ADMIN_COMMANDS).map(([name, c]) => `  ${name} ${c.usage}`)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const { positional, flags } = parseFlags(argv);
  const name = positional.slice(0, 2).join(" ");
  const command = ADMIN_COMMANDS[name];
  if (!command || flags.help) {
    console.error(command ? `usage: npm run -s cli -- ${name} ${command.usage}` : usage());
    return command ? 0 : 2;
  }
  const services = createServices({ ...loadConfig(), LOG_LEVEL: "warn" }, "cli");
  try {
    console.log(JSON.stringify(await command.run(services, flags), null, 2));
    return 0;
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
