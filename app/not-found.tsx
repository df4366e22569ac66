import Link from "next/link";
import { Logo } from "@/components/brand/logo";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center">
      <Logo className="mb-4" />
      <p className="font-mono text-sm text-zinc-500">404</p>
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="max-w-sm text-sm text-zinc-600 dark:text-zinc-400">
        This page does not exist, or it belongs to an organization you are not a member of.
      </p>
      <Link href="/" className={buttonClass({ variant: "primary" })}>
        Go to Runboard
      </Link>
    </main>
  );
}
