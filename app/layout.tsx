import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppProviders } from "@/components/providers/app-providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Runboard", template: "%s · Runboard" },
  description: "Agile boards joined to the ML pipeline.",
};

/**
 * Reads the request's CSP nonce (set by proxy.ts), which makes every page render per request: a
 * prerendered page would carry scripts without this response's nonce, and the CSP would block them.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <AppProviders nonce={nonce}>{children}</AppProviders>
      </body>
    </html>
  );
}
