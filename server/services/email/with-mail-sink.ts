import { afterAll, beforeAll } from "vitest";
import { reloadEnv } from "@/server/env";
import { startMailSink, type MailSink } from "./testing";

/**
 * A local SMTP sink for the calling test file: started in a `beforeAll`, with SMTP_URL pointing the
 * app's mailer at it, and closed (SMTP_URL restored) in an `afterAll`. Read `sink()` inside tests.
 */
export function withMailSink(): () => MailSink {
  let sink: MailSink | undefined;
  const previous = process.env.SMTP_URL;
  beforeAll(async () => {
    sink = await startMailSink();
    process.env.SMTP_URL = sink.url;
    reloadEnv();
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = previous;
    reloadEnv();
    await sink?.close();
  });
  return () => {
    if (!sink) throw new Error("withMailSink: the sink runs only inside the test file's hooks and tests");
    return sink;
  };
}
