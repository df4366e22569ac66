import NextAuth, { AuthError, CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { getDb } from "@/server/services/database";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { clientAddress } from "@/server/http/client-address";
import { checkUserSession, createUserSession, revokeUserSession } from "@/server/services/auth/sessions";
import { signInWithPassword } from "@/server/services/auth/sign-in-with-password";
import { GithubLinkRefusedError, upsertGithubUser } from "@/server/services/auth/upsert-github-user";
import { TooManyRequestsError } from "@/server/services/errors";
import { safeCallbackPath } from "./callback-url";
import { readKnownDevice } from "./known-device";
import { signInScope, withSignInScope } from "./sign-in-scope";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** The `user_sessions` row this cookie stands for (password change keeps it, ends the others). */
    sessionId?: string;
  }
}

/** The cookie (a JWT naming a `user_sessions` row) lasts 30 days from sign-in at most; the row ends sooner when unused. */
const SESSION_MAX_AGE_S = 30 * 24 * 3600;

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
/** The code carries the wait in seconds (`too_many_attempts_30`), so the form can say how long. */
class TooManyAttempts extends CredentialsSignin {
  constructor(retryAfterSeconds = 60) {
    super();
    this.code = `too_many_attempts_${retryAfterSeconds}`;
  }
}
/** Auth.js sends this one to /sign-in?error=OAuthAccountNotLinked (a client-safe error type). */
class GithubNotLinked extends AuthError {
  static type = "OAuthAccountNotLinked" as const;
  static kind = "signIn" as const;
}

function config(): NextAuthConfig {
  const e = env();
  const github = e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET;
  return {
    secret: e.AUTH_SECRET,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    // A wrong password is an answer, not a server error: keep it out of the error log.
    logger: {
      error: (error) => (error.name === "CredentialsSignin" ? logger.debug({ err: error.name }, "sign-in refused") : logger.error({ err: error }, "auth error")),
      warn: (code) => logger.warn({ code }, "auth warning"),
      debug: () => undefined,
    },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const source = { ip: clientAddress(request.headers), device: readKnownDevice(request.headers.get("cookie")) };
          try {
            const user = await signInWithPassword({ db: await getDb(), email: credentials.email, password: credentials.password, source });
            if (!user) throw new InvalidCredentials();
            const scope = signInScope();
            if (scope) scope.signedInUserId = user.id;
            return user;
          } catch (err) {
            if (err instanceof TooManyRequestsError) {
              const scope = signInScope();
              if (scope) scope.retryAfterSeconds = err.retryAfterSeconds;
              throw new TooManyAttempts(err.retryAfterSeconds);
            }
            throw err;
          }
        },
      }),
      ...(github ? [GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET })] : []),
    ],
    events: {
      async signOut(message) {
        if ("token" in message) await revokeUserSession(await getDb(), message.token?.sid);
      },
    },
    callbacks: {
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "github" && profile) {
          const linked = await upsertGithubUser(await getDb(), {
            githubId: String(profile.id),
            email: String(profile.email ?? user?.email ?? ""),
            name: String(profile.name ?? profile.login ?? ""),
            image: typeof profile.avatar_url === "string" ? profile.avatar_url : null,
          }).catch((err: unknown) => {
            throw err instanceof GithubLinkRefusedError ? new GithubNotLinked(err.message) : err;
          });
          token.uid = linked.id;
          token.name = linked.name;
          token.email = linked.email;
        } else if (user?.id) {
          token.uid = user.id;
        }
        const db = await getDb();
        if (user && typeof token.uid === "string") {
          token.sid = await createUserSession(db, { userId: token.uid, userAgent: signInScope()?.userAgent });
          return token;
        }
        // Every later read of the cookie: it stands only while its server-side session does.
        return (await checkUserSession(db, { sessionId: token.sid, userId: token.uid })) ? token : null;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        if (typeof token.sid === "string") session.sessionId = token.sid;
        return session;
      },
      // Only same-origin relative paths are followed after sign-in; anything else lands on the home page.
      redirect({ url, baseUrl }) {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || "/" : url;
        return `${baseUrl}${safeCallbackPath(path)}`;
      },
    },
  };
}

const nextAuth = NextAuth(config);
export const { auth, signIn, signOut } = nextAuth;
export const handlers = { GET: withSignInScope(nextAuth.handlers.GET), POST: withSignInScope(nextAuth.handlers.POST) };
export const githubEnabled = () => Boolean(env().AUTH_GITHUB_ID && env().AUTH_GITHUB_SECRET);
