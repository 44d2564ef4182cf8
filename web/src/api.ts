// The only way to data: the API, with the session token as a Bearer header.
// The token lives in sessionStorage (gone when the tab closes).
const STORAGE_KEY = "portcullis.session";

export interface Session {
  token: string;
  username: string;
  expiresAt: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return new Date(session.expiresAt).getTime() > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
}

let onUnauthenticated: () => void = () => undefined;
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: string; message?: string; errors?: { path: string; message: string }[] };
    return new ApiError(res.status, body.error ?? "error", body.message ?? res.statusText, body.errors ?? []);
  } catch {
    return new ApiError(res.status, "error", res.statusText);
  }
}

/** `contentType` sends `body` as it is (a file); otherwise it is sent as JSON. */
export async function request(method: string, path: string, body?: unknown, contentType?: string): Promise<Response> {
  const session = loadSession();
  const headers: Record<string, string> = { Accept: "application/json" };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers["Content-Type"] = contentType ?? "application/json";
  const payload = body === undefined ? null : contentType ? (body as BodyInit) : JSON.stringify(body);
  const res = await fetch(path, { method, headers, body: payload });
  if (res.status === 401 && session) {
    saveSession(null);
    onUnauthenticated();
  }
  if (!res.ok) throw await toError(res);
  return res;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await request(method, path, body);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Posts a file as its raw body (e.g. text/csv). */
export async function upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const res = await request("POST", path, file, contentType);
  return (await res.json()) as T;
}

/** Whatever was thrown, as an Error to show (ErrorMessage). */
export const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body ?? {});

/** What the sign-in answers besides the session: who signed in and their units, as GET /v1/me and /v1/units would. */
export interface SignedIn {
  session: Session;
  me: Me;
  units: UnitItem[];
}

export async function signIn(username: string, password: string): Promise<SignedIn> {
  const res = await fetch("/v1/session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw await toError(res);
  const answer = (await res.json()) as Session & { me: Me; units: UnitItem[] };
  // Only the token is kept in the tab's storage; who the user is is read again after a reload.
  const session: Session = { token: answer.token, username: answer.username, expiresAt: answer.expiresAt };
  saveSession(session);
  return { session, me: answer.me, units: answer.units };
}

export async function signOut(): Promise<void> {
  try {
    await request("DELETE", "/v1/session");
  } finally {
    saveSession(null);
  }
}

/** Downloads an authenticated CSV (a plain link cannot carry the Bearer header). */
export async function downloadCsv(path: string, filename: string): Promise<void> {
  const res = await request("GET", path);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** API types used by the screens (the subset they read). */
export interface Me {
  username: string;
  displayName: string;
  /** Signed in with a one-time password: the user chooses their own first. */
  passwordChangeRequired?: boolean;
  agency: { code: string; name: string };
  memberships: { role: "officer" | "analyst" | "manager" | "admin"; unitCode: string | null; programme: string | null; country: string | null }[];
}
export interface UnitItem {
  code: string;
  name: string;
  yourRoles: string[];
}
