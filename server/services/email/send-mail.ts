import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/server/env";
import { logger } from "@/server/logger";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The one link the mail is about, logged instead of sent when no SMTP server is configured. */
  link: string;
}

const g = globalThis as unknown as { __runboardMailer?: { url: string; transport: Transporter } };

function transportFor(url: string): Transporter {
  // Bounded waits: a mail server that hangs must not hold a sign-up for nodemailer's default minutes.
  // Options in the URL's query (`?socketTimeout=60000`) take precedence.
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };
  if (g.__runboardMailer?.url !== url) g.__runboardMailer = { url, transport: nodemailer.createTransport({ url, ...timeouts }) };
  return g.__runboardMailer.transport;
}

/**
 * Sends a mail through SMTP_URL, or, when none is set, logs its link so an admin can pass it on.
 * Never throws: a mail server that is down must not fail the sign-up or invitation that wanted the
 * mail; the failure is logged and the person can ask for the mail again.
 */
export async function sendMail(mail: Mail): Promise<{ sent: boolean }> {
  const e = env();
  if (!e.SMTP_URL) {
    logger.info({ mailTo: mail.to, subject: mail.subject, link: mail.link }, "mail not sent (SMTP_URL is unset): pass this link on");
    return { sent: false };
  }
  try {
    await transportFor(e.SMTP_URL).sendMail({ from: e.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return { sent: true };
  } catch (err) {
    logger.error({ err: err instanceof Error ? { message: err.message, code: (err as { code?: unknown }).code } : err, mailTo: mail.to, subject: mail.subject }, "mail not sent: the SMTP server refused it");
    return { sent: false };
  }
}
