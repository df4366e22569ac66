import { Skeleton } from "@/components/ui/spinner";

export default function ProjectLoading() {
  return <Skeleton aria-label="Loading" className="h-72" />;
}
