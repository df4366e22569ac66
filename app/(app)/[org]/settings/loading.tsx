import { Skeleton } from "@/components/ui/spinner";

export default function SettingsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <Skeleton className="h-5 w-40" />
      <Skeleton className="mt-2 h-4 w-96" />
      <Skeleton className="mt-6 h-64" />
    </div>
  );
}
