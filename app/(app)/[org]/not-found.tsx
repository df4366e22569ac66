import Link from "next/link";
import { SearchX } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function OrgNotFound() {
  return (
    <EmptyState
      icon={SearchX}
      title="Not found"
      action={
        <Link href="/" className={buttonClass()}>
          Go home
        </Link>
      }
    >
      There is nothing here, or you do not have access to it. Check the project key in the address.
    </EmptyState>
  );
}
