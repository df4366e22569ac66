import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
import { linkFromMail, secretOf } from "./mail";
import { BoardApi } from "./pages/board-page";

/** The password of every account a workspace signs up. */
export const WORKSPACE_PASSWORD = "e2e-password";

export type Role = "admin" | "manager" | "data_engineer" | "data_scientist" | "developer" | "viewer";
export type User = { email: string; name: string; password: string };
export type Project = { key: string; name: string };
export type Sprint = { id: string; name: string };

/** Signs in through the Auth.js credentials callback; the session cookie lands in the request's cookie jar (a page's context shares it). */
export async function apiSignIn(request: APIRequestContext, email: string, password: string): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
  expect(res.status(), "credentials callback answers with a redirect").toBe(302);
  expect(res.headers().location ?? "", `sign-in as ${email} succeeded`).not.toContain("error");
}

/** Creates an account the way the sign-up form does (tRPC `account.signUp`, superjson body). */
async function signUp(request: APIRequestContext, user: User): Promise<void> {
  await trpcMutation(request, "account.signUp", { email: user.email, name: user.name, password: user.password });
}

/** Calls a tRPC mutation as the browser does (superjson body), with the request's cookies. */
async function trpcMutation(request: APIRequestContext, path: string, input: unknown): Promise<void> {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
}

/** Signs up and follows the verification link from the mail the sign-up sent (what the verify page's button calls). */
export async function signUpVerified(request: APIRequestContext, user: User): Promise<void> {
  await signUp(request, user);
  const link = await linkFromMail(user.email, "/verify-email/", { subject: /Verify your email/ });
  await trpcMutation(request, "account.verifyEmail", { token: secretOf(link) });
}

/** Lowercase letters and digits no other test, worker or run has used. */
function unique(info: TestInfo): string {
  return `w${info.workerIndex}${Date.now().toString(36).slice(-5)}${randomBytes(3).toString("hex")}`;
}

/**
 * A fresh organization for one test, made through the product's own paths: a new account signs up,
 * founds the organization (becoming its admin) and creates a Scrum project with an active sprint
 * over /api/v1. Everything a test writes goes here, never into the seeded acme demo.
 */
export class Workspace {
  private readonly cleanups: (() => Promise<void>)[] = [];
  private members = 0;

  private constructor(
    /** The owner's own API session: unaffected when the test signs its page in as someone else. */
    readonly request: APIRequestContext,
    private readonly info: TestInfo,
    private readonly baseURL: string,
    readonly id: string,
    /** The organization's slug, as in URLs. */
    readonly org: string,
    readonly orgName: string,
    /** The organization's founder and only admin; the test's `page` is signed in as them. */
    readonly owner: User,
    /** A Scrum project with an empty active sprint, "Sprint 1" (columns To do, In progress, In review, Done). */
    readonly project: Project,
    readonly sprint: Sprint,
  ) {}

  static async create(request: APIRequestContext, info: TestInfo, baseURL: string): Promise<Workspace> {
    const id = unique(info);
    const owner: User = { email: `owner-${id}@e2e.test`, name: `Olive Owner ${id}`, password: WORKSPACE_PASSWORD };
    await signUpVerified(request, owner);
    await apiSignIn(request, owner.email, owner.password);
    const org = `e2e-${id}`;
    const orgName = `E2E ${id}`;
    await call(request, "POST", "/orgs", { slug: org, name: orgName });
    const project: Project = { key: "TRAIN", name: "Training pipeline" };
    await call(request, "POST", `/orgs/${org}/projects`, { ...project, boardKind: "scrum" });
    const sprint = await call<Sprint>(request, "POST", `/orgs/${org}/projects/${project.key}/sprints`, { name: "Sprint 1" });
    await call(request, "POST", `/orgs/${org}/sprints/${sprint.id}/start`, {});
    return new Workspace(request, info, baseURL, id, org, orgName, owner, project, { id: sprint.id, name: sprint.name });
  }

  /** Calls /api/v1 as the owner and returns the JSON body; `path` is absolute (`/orgs/…`). */
  api<T = unknown>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, data?: unknown): Promise<T> {
    return call<T>(this.request, method, path, data);
  }

  /** The board of one of the workspace's projects (the default one unless named), through the REST API as the owner. */
  cards(key: string = this.project.key): BoardApi {
    return new BoardApi(this.request, this.org, key);
  }

  /** Another project in the organization; the key is unique to the workspace unless given. */
  async createProject({ key, name, boardKind = "scrum" }: { key?: string; name?: string; boardKind?: "scrum" | "kanban" } = {}): Promise<Project> {
    const k = key ?? `P${this.id.slice(-9).toUpperCase()}`.slice(0, 10);
    const project = { key: k, name: name ?? `Project ${k}` };
    await this.api("POST", `/orgs/${this.org}/projects`, { ...project, boardKind });
    return project;
  }

  /**
   * Another person joins the organization with these roles the way people do: they sign up and
   * verify their address from the mail, the owner invites them over /api/v1, and they accept the
   * mailed invitation signed in as themselves.
   */
  async addMember(roles: Role[], name?: string): Promise<User> {
    const n = ++this.members;
    const user: User = { email: `${roles.join("-").replace(/_/g, "-")}-${n}-${this.id}@e2e.test`, name: name ?? `Member ${n} ${this.id}`, password: WORKSPACE_PASSWORD };
    const own = await playwrightRequest.newContext({ baseURL: this.baseURL });
    try {
      await signUpVerified(own, user);
      await this.api("POST", `/orgs/${this.org}/invitations`, { email: user.email, roles });
      const link = await linkFromMail(user.email, "/invitations/", { subject: new RegExp(`invited you to ${this.orgName}`) });
      await apiSignIn(own, user.email, user.password);
      await trpcMutation(own, "invitations.accept", { token: secretOf(link) });
    } finally {
      await own.dispose();
    }
    return user;
  }

  /** A personal API token (`rb_…`) of the owner in this organization. */
  async createToken(name = `e2e ${this.id}`): Promise<string> {
    const { token } = await this.api<{ token: string }>("POST", `/orgs/${this.org}/tokens`, { name });
    return token;
  }

  /**
   * Registers and starts a real runner process for this organization (`runner/cli.ts`, as in the
   * README) and waits until it is online; it is stopped when the test ends.
   */
  async startRunner(): Promise<void> {
    const { token } = await this.api<{ token: string }>("POST", `/orgs/${this.org}/runner-registration-tokens`, { name: `e2e runner ${this.id}` });
    const workDir = await mkdtemp(path.join(os.tmpdir(), `runboard-e2e-runner-${this.id}-`));
    const tsx = path.join(process.cwd(), "node_modules", "tsx", "dist", "cli.mjs");
    const name = `e2e-${this.id}`;
    const child = spawn(process.execPath, [tsx, "runner/cli.ts", "--url", this.baseURL, "--name", name, "--work-dir", workDir], {
      cwd: process.cwd(),
      env: { ...process.env, RUNBOARD_RUNNER_TOKEN: token },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    this.cleanups.push(async () => {
      await stop(child);
      await rm(workDir, { recursive: true, force: true });
      if (this.info.status !== this.info.expectedStatus) await this.info.attach("runner.log", { body: log, contentType: "text/plain" });
    });
    await expect
      .poll(
        async () => {
          expect(child.exitCode, `the runner exited early:\n${log}`).toBeNull();
          const runners = await this.api<{ name: string; online: boolean }[]>("GET", `/orgs/${this.org}/runners`);
          return runners.some((r) => r.name === name && r.online);
        },
        { message: "the workspace's runner comes online", timeout: 45_000 },
      )
      .toBe(true);
  }

  /** Stops what the workspace started (runners) and drops the owner's API session. */
  async dispose(): Promise<void> {
    for (const cleanup of this.cleanups.reverse()) await cleanup();
    await this.request.dispose();
  }
}

/** Signs a page in as one of the workspace's users (or any account), replacing whoever was signed in. */
export async function signInPage(page: Page, user: Pick<User, "email" | "password">): Promise<void> {
  await page.context().clearCookies();
  await apiSignIn(page.request, user.email, user.password);
}

async function call<T>(request: APIRequestContext, method: string, path: string, data?: unknown): Promise<T> {
  const res = await request.fetch(`/api/v1${path}`, { method, data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

/** SIGTERM (the runner kills its jobs and exits), SIGKILL if it is still there after 10 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
