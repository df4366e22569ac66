import type { ReactNode } from "react";
import { Logo } from "@/components/brand/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-zinc-50 px-4 py-12 dark:bg-zinc-950">
      <Logo className="mb-8 text-lg" />
      <div className="w-full max-w-sm rounded-xl border border-zinc-200 bg-white p-7 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        {children}
      </div>
      <p className="mt-8 text-xs text-zinc-500">Agile boards joined to the ML pipeline.</p>
    </main>
  );
}
