"use client";

import { useEffect } from "react";
import { Spinner } from "@/components/ui/spinner";

/** Sends a signed-out visitor to sign-in, keeping the full path they asked for as the callback. */
export function SignInRedirect() {
  useEffect(() => {
    const back = `${window.location.pathname}${window.location.search}`;
    window.location.replace(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
  }, []);
  return (
    <div className="flex min-h-screen items-center justify-center text-sm text-zinc-500">
      <Spinner className="mr-2" /> Redirecting to sign-in…
    </div>
  );
}
