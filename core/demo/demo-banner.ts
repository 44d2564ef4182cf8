// What `npm start` prints last, once the API and workers are up: the URL,
// and either the demo users with their one-time passwords and API tokens
// (first start, empty database) or how to reset a password (later starts,
// where the passwords are no longer known: only their hashes are stored).
export interface DemoCredentials {
  username: string;
  roles: string;
  password: string;
  token: string;
}

const RULE = "-".repeat(72);

export const RESET_COMMAND = "npm run -s cli -- users set-password --username <user> --password-stdin";

export function formatFirstStartBanner(url: string, users: readonly DemoCredentials[]): string {
  const width = Math.max(8, ...users.map((u) => u.username.length));
  const rolesWidth = Math.max(5, ...users.map((u) => u.roles.length));
  return [
    RULE,
    `Portcullis is ready at ${url}`,
    "",
    "Demo users (passwords and API tokens are shown only this once; tokens valid 30 days):",
    `  ${"user".padEnd(width)}  ${"roles".padEnd(rolesWidth)}  ${"password".padEnd(16)}  API token`,
    ...users.map((u) => `  ${u.username.padEnd(width)}  ${u.roles.padEnd(rolesWidth)}  ${u.password.padEnd(16)}  ${u.token}`),
    "",
    `Sign in: open ${url} in a browser and enter a user name and password above`,
    `(API: send 'Authorization: Bearer <token>'). Lost one? ${RESET_COMMAND}`,
    RULE,
  ].join("\n");
}

export function formatLaterStartBanner(url: string): string {
  return [
    RULE,
    `Portcullis is ready at ${url}`,
    `Sign in: open ${url} in a browser with your user name and password.`,
    "The demo users' passwords were shown once, at the first start. To set a new one:",
    `  echo '<new password, 12+ characters>' | ${RESET_COMMAND}`,
    RULE,
  ].join("\n");
}
