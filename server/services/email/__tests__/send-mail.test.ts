import { afterEach, describe, expect, it, vi } from "vitest";
import { appUrl, reloadEnv } from "@/server/env";
import { logger } from "@/server/logger";
import { parseEnv } from "@/env.mjs";
import { sendMail } from "../send-mail";
import { startMailSink } from "../testing";

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["SMTP_URL", "AUTH_URL", "HOST", "PORT"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  reloadEnv();
  vi.restoreAllMocks();
});

describe("mail", () => {
  it("logs the link for an admin when SMTP_URL is unset", async () => {
    delete process.env.SMTP_URL;
    reloadEnv();
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    const mail = { to: "a@example.test", subject: "Hi", text: "open https://x/y", link: "https://x/y" };
    await expect(sendMail(mail)).resolves.toEqual({ sent: false });
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ mailTo: "a@example.test", link: "https://x/y" }), expect.stringMatching(/SMTP_URL is unset/));
  });

  it("sends through SMTP_URL, and reports (does not throw) when the server is down", async () => {
    const sink = await startMailSink();
    process.env.SMTP_URL = sink.url;
    reloadEnv();
    await expect(sendMail({ to: "b@example.test", subject: "Hello", text: "body https://x/z", link: "https://x/z" })).resolves.toEqual({ sent: true });
    expect(await sink.next("b@example.test")).toMatchObject({ subject: "Hello", text: expect.stringContaining("https://x/z") });
    await sink.close();
    vi.spyOn(logger, "error").mockImplementation(() => undefined);
    await expect(sendMail({ to: "b@example.test", subject: "Again", text: "-", link: "-" })).resolves.toEqual({ sent: false });
  });

  it("builds links from AUTH_URL, else from HOST and PORT, never from a request", () => {
    process.env.AUTH_URL = "https://runboard.example.com/base";
    reloadEnv();
    expect(appUrl("/invitations/abc")).toBe("https://runboard.example.com/base/invitations/abc");
    delete process.env.AUTH_URL;
    process.env.HOST = "0.0.0.0";
    process.env.PORT = "3100";
    reloadEnv();
    expect(appUrl("/verify-email/x")).toBe("http://localhost:3100/verify-email/x");
    expect(() => parseEnv({ SMTP_URL: "http://mail" })).toThrow(/SMTP_URL: must start with smtp:\/\/ or smtps:\/\//);
    expect(() => parseEnv({ AUTH_URL: "javascript:alert(1)" })).toThrow(/AUTH_URL/);
  });
});
