import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { auth } from "@/server/auth";
import { safeCallbackPath } from "@/server/auth/callback-url";
import { getDb } from "@/server/services/database";
import { NotFoundError } from "@/server/services/errors";
import { resolveOrg } from "@/server/services/orgs/resolve-org";
import { getProject } from "@/server/services/projects/get-project";

export const getSessionUser = cache(async () => {
  await connection();
  const user = (await auth())?.user;
  return user?.id ? { id: user.id, name: user.name ?? "", email: user.email ?? "" } : null;
});

/** The signed-in caller inside organization `slug`; not a member (or no such org) → 404. */
export const getOrgPage = cache(async (slug: string) => {
  const user = await getSessionUser();
  if (!user) {
    const requested = safeCallbackPath((await headers()).get("x-runboard-path") ?? `/${slug}`);
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(requested)}`);
  }
  try {
    const ctx = await resolveOrg(await getDb(), { userId: user.id, slug });
    return { user, ctx };
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
});

/** One project of the organization by its key from the URL; unknown key → 404. */
export const getProjectPage = cache(async (slug: string, key: string) => {
  const { user, ctx } = await getOrgPage(slug);
  try {
    const project = await getProject({ ctx, input: { key: decodeURIComponent(key).toUpperCase() } });
    return { user, ctx, project };
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
});
