"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import { EmptyNote, SectionHeading } from "@/components/shell/section-heading";
import { buttonClass } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc";
import { modelsBase } from "./format";
import { ModelsTable } from "./models-list";

/** The Pipeline page's models section: the most recently changed registered models. */
export function ModelsSection({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions({ org, key: projectKey }));
  return (
    <section aria-labelledby="models-section-heading">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <SectionHeading id="models-section-heading" title="Models">
          Registered models: versions from run artifacts, aliases, stages and lineage.
        </SectionHeading>
        <Link href={modelsBase(org, projectKey)} className={buttonClass({ size: "sm" }) + " ml-auto"}>
          All models
          <ArrowRight className="size-4" aria-hidden />
        </Link>
      </div>
      {models.isPending ? (
        <Skeleton className="h-24" />
      ) : !models.data?.length ? (
        <EmptyNote>
          No registered models yet. Register one with mlflow.register_model(&quot;runs:/&lt;run id&gt;/model&quot;, &quot;name&quot;).
        </EmptyNote>
      ) : (
        <ModelsTable org={org} projectKey={projectKey} models={models.data.slice(0, 5)} />
      )}
    </section>
  );
}
