import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { GitHubMark } from "@/components/brand/logo";
import { buttonClass } from "@/components/ui/button";
import { auth, githubEnabled, signIn } from "@/server/auth";
import { safeCallbackPath } from "@/server/auth/callback-url";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if ((await auth())?.user?.id) redirect(callbackPath);

  async function signInWithGitHub() {
    "use server";
    await signIn("github", { redirectTo: callbackPath });
  }

  return (
    <>
      <h1 className="text-lg font-semibold">Sign in to Runboard</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">Welcome back. Use your email and password.</p>
      {githubEnabled() ? (
        <>
          <form action={signInWithGitHub}>
            <button type="submit" className={buttonClass({ variant: "secondary" }) + " w-full"}>
              <GitHubMark />
              Sign in with GitHub
            </button>
          </form>
          <div className="my-5 flex items-center gap-3 text-xs text-zinc-500">
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
            or
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          </div>
        </>
      ) : null}
      <SignInForm callbackPath={callbackPath} initialError={typeof params.error === "string" ? params.error : null} />
    </>
  );
}
