import type { Metadata } from "next";
import { PasswordPanel } from "@/components/settings/password-panel";
import { getOrgPage } from "../../org-page";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  await getOrgPage((await params).org);
  return <PasswordPanel />;
}
