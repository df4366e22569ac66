import { AsyncLocalStorage } from "node:async_hooks";
import { knownDeviceCookie, readKnownDevice } from "./known-device";

/**
 * What Auth.js callbacks learn during one /api/auth request and cannot put on the response
 * themselves: the account that signed in (to remember the browser) and how long a throttled
 * caller must wait. The route handlers run inside this scope (`withSignInScope`).
 */
export interface SignInScope {
  userAgent: string | null;
  signedInUserId?: string;
  retryAfterSeconds?: number;
}

const storage = new AsyncLocalStorage<SignInScope>();

export function signInScope(): SignInScope | undefined {
  return storage.getStore();
}

export function withSignInScope<R extends Request>(handler: (req: R) => Promise<Response>) {
  return async (req: R): Promise<Response> => {
    const scope: SignInScope = { userAgent: req.headers.get("user-agent") };
    const res = await storage.run(scope, () => handler(req));
    if (!scope.signedInUserId && scope.retryAfterSeconds === undefined) return res;
    const headers = new Headers(res.headers);
    if (scope.signedInUserId) {
      const secure = new URL(req.url).protocol === "https:" || req.headers.get("x-forwarded-proto") === "https";
      headers.append("set-cookie", knownDeviceCookie(readKnownDevice(req.headers.get("cookie")), scope.signedInUserId, secure));
    }
    if (scope.retryAfterSeconds !== undefined) headers.set("retry-after", String(scope.retryAfterSeconds));
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
}
