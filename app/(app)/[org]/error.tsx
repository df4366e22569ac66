"use client";

import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function OrgError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      icon={TriangleAlert}
      title="This page could not be loaded"
      action={<Button onClick={reset}>Try again</Button>}
    >
      Something went wrong on our side{error.digest ? ` (reference ${error.digest})` : ""}. Try again in a moment.
    </EmptyState>
  );
}
