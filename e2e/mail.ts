import { expect } from "@playwright/test";
import { mailSinkPorts } from "./mail-ports";

export type Mail = { to: string[]; subject: string; text: string };

/** Every mail the app sent to `to` so far, oldest first (from the sink that e2e/mail-sink.ts runs). */
export async function mailsTo(to: string): Promise<Mail[]> {
  const res = await fetch(`http://127.0.0.1:${mailSinkPorts().http}/mails?to=${encodeURIComponent(to)}`);
  return (await res.json()) as Mail[];
}

/**
 * Waits for the `n`-th mail (1-based) to `to` whose subject matches, and returns its first link
 * whose path starts with `pathPrefix` (`/verify-email/`, `/invitations/`).
 */
export async function linkFromMail(to: string, pathPrefix: string, { subject = /./, n = 1 }: { subject?: RegExp; n?: number } = {}): Promise<string> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailsTo(to)).filter((m) => subject.test(m.subject))[n - 1];
        return Boolean(found);
      },
      { message: `mail #${n} to ${to} (${subject})`, timeout: 20_000 },
    )
    .toBe(true);
  const link = found!.text.match(/https?:\/\/\S+/g)?.find((l) => new URL(l).pathname.startsWith(pathPrefix));
  expect(link, `a ${pathPrefix} link in "${found!.subject}"`).toBeTruthy();
  return link!;
}

/** The secret at the end of a mailed link. */
export const secretOf = (link: string) => new URL(link).pathname.split("/").pop()!;
