import { redirect } from "next/navigation";
import { connection } from "next/server";
import { auth } from "@/server/auth";
import { getDb } from "@/server/services/database";
import { listMyOrgs } from "@/server/services/orgs/list-my-orgs";

export default async function Home() {
  await connection();
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in");
  const orgs = await listMyOrgs({ ctx: { db: await getDb(), actor: { userId: session.user.id } } });
  redirect(orgs[0] ? `/${orgs[0].slug}` : "/onboarding");
}
