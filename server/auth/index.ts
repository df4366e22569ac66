import NextAuth, { AuthError, CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import { getDb } from "@/server/services/database";
import { env } from "@/server/env";
import { signInWithPassword } from "@/server/services/auth/sign-in-with-password";
import { GithubLinkRefusedError, upsertGithubUser } from "@/server/services/auth/upsert-github-user";
import { TooManyRequestsError } from "@/server/services/errors";
import { safeCallbackPath } from "./callback-url";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class TooManyAttempts extends CredentialsSignin {
  code = "too_many_attempts";
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
    session: { strategy: "jwt" },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          try {
            const user = await signInWithPassword({ db: await getDb(), email: credentials.email, password: credentials.password });
            if (!user) throw new InvalidCredentials();
            return user;
          } catch (err) {
            if (err instanceof TooManyRequestsError) throw new TooManyAttempts();
            throw err;
          }
        },
      }),
      ...(github ? [GitHub({ clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET })] : []),
    ],
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
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
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

export const { handlers, auth, signIn, signOut } = NextAuth(config);
export const githubEnabled = () => Boolean(env().AUTH_GITHUB_ID && env().AUTH_GITHUB_SECRET);
