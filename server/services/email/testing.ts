import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** The first http(s) link in a mail's text whose path starts with `pathPrefix`. */
export function linkIn(mail: ReceivedMail, pathPrefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => new URL(l).pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`no ${pathPrefix} link in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}

/**
 * A local SMTP sink on 127.0.0.1 (any free port) for tests: it accepts every mail without
 * authentication or TLS and keeps it; `next(to)` waits for the next mail to an address.
 */
export async function startMailSink(port = 0) {
  const mails: ReceivedMail[] = [];
  const waiters: { to: string; taken: number; resolve: (m: ReceivedMail) => void }[] = [];
  const taken = new Map<string, number>();
  const forAddress = (to: string) => mails.filter((m) => m.to.includes(to.toLowerCase()));

  function settle() {
    for (const w of [...waiters]) {
      const mail = forAddress(w.to)[w.taken];
      if (!mail) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(mail);
    }
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          mails.push({ to, subject: parsed.subject ?? "", text: parsed.text ?? "" });
          settle();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === "object" && address ? address.port : port;

  return {
    url: `smtp://127.0.0.1:${bound}`,
    port: bound,
    mails,
    /** Every mail received for `to`, oldest first. */
    mailsTo: forAddress,
    /** The next mail to `to` not yet returned by `next` (waits up to `timeoutMs`). */
    next(to: string, timeoutMs = 10_000): Promise<ReceivedMail> {
      const key = to.toLowerCase();
      const index = taken.get(key) ?? 0;
      taken.set(key, index + 1);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ to: key, taken: index, resolve: (m) => (clearTimeout(timer), resolve(m)) });
        settle();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type MailSink = Awaited<ReturnType<typeof startMailSink>>;
