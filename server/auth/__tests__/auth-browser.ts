import { NextRequest } from "next/server";
import type { Session } from "next-auth";
import superjson from "superjson";
import type { Database } from "@/server/services/domain";
import { auth, handlers } from "@/server/auth";
import { handleRestRequest } from "@/server/http/rest";
import { PEER_HEADER } from "@/server/http/client-address";
import { buildContext } from "@/server/trpc/context";
import { handleTrpcRequest } from "@/server/http/trpc";

const ORIGIN = "http://localhost";

/** The server's session lookup for a request, as route handlers do it (`auth()` reads the cookie). */
const sessionOf = (req: Request) =>
  (auth as unknown as (a: { req: Request; res: Response }) => Promise<Session | null>)({ req, res: new Response() });

/** Points the app's process database (getDb) at the test file's database: the Auth.js callbacks use it. */
export function useProcessDatabase(database: Database) {
  (globalThis as unknown as { __runboardDb?: Promise<Database> }).__runboardDb = Promise.resolve(database);
}

/**
 * A browser for the real Auth.js handlers and API adapters: a cookie jar and a source address.
 * `copy()` gives another browser with the same cookies, as an attacker with a stolen cookie.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly database: Pick<Database, "db">,
    readonly ip = "198.51.100.10",
  ) {}

  copy(ip = "203.0.113.66"): Browser {
    const other = new Browser(this.database, ip);
    for (const [k, v] of this.cookies) other.cookies.set(k, v);
    return other;
  }

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { host: "localhost", origin: ORIGIN, "x-forwarded-proto": "http", [PEER_HEADER]: this.ip, ...(cookie ? { cookie } : {}), ...extra };
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === "" || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  private async authForm(action: string, fields: Record<string, string>) {
    const csrf = this.keep(await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: this.headers() })));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const body = new URLSearchParams({ ...fields, csrfToken }).toString();
    const req = new NextRequest(`${ORIGIN}/api/auth/${action}`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" }),
      body,
    });
    return this.keep(await handlers.POST(req));
  }

  /** Signs in with the form's request; answers whether a session cookie came back, and the error code otherwise. */
  async signIn(email: string, password: string) {
    const res = await this.authForm("callback/credentials", { email, password });
    const { url } = (await res.json()) as { url: string };
    const code = new URL(url).searchParams.get("code");
    return { ok: !code && this.cookies.has("authjs.session-token"), code, retryAfter: res.headers.get("retry-after") };
  }

  async signOut() {
    await this.authForm("signout", {});
  }

  async rest(method: string, path: string, body?: unknown) {
    const req = new Request(`${ORIGIN}/api/v1${path}`, {
      method,
      headers: this.headers(body === undefined ? {} : { "content-type": "application/json" }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const res = await handleRestRequest(req, (r) => buildContext({ db: this.database.db, req: r, getSession: () => sessionOf(r) }));
    return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
  }

  async mutation(path: string, input: unknown) {
    const req = new Request(`${ORIGIN}/api/trpc/${path}`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify(superjson.serialize(input)),
    });
    const res = await handleTrpcRequest(req, (r) => buildContext({ db: this.database.db, req: r, getSession: () => sessionOf(r) }));
    return { status: res.status, body: (await res.json()) as { error?: { json: { message: string } } } };
  }
}
