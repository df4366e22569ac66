"use client";

import { useState } from "react";
import Link from "next/link";
import { KeyRound, PlugZap } from "lucide-react";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CopyField } from "./copy-field";

/** How to point MLflow at this project: the tracking URI, a token and a Python snippet, ready to copy. */
export function ConnectButton({ org, projectKey }: { org: string; projectKey: string }) {
  const [open, setOpen] = useState(false);
  // Read while open only: the dialog's content never renders on the server, so there is no hydration mismatch.
  const origin = open ? window.location.origin : "";
  const uri = `${origin}/mlflow/${org}/${projectKey}`;
  const env = `export MLFLOW_TRACKING_URI=${uri}\nexport MLFLOW_TRACKING_TOKEN=<your API token>`;
  const py = [
    "import mlflow",
    "",
    `mlflow.set_tracking_uri("${uri}")  # or MLFLOW_TRACKING_URI`,
    `mlflow.set_experiment("${projectKey.toLowerCase()}-baseline")`,
    "",
    `with mlflow.start_run(tags={"runboard.card": "${projectKey}-1"}):  # links the run to that card`,
    '    mlflow.log_params({"lr": 0.01, "epochs": 10})',
    "    for step in range(10):",
    '        mlflow.log_metric("loss", 1.0 / (step + 1), step=step)',
  ].join("\n");
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        <PlugZap className="size-4" aria-hidden />
        Connect
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Connect MLflow to this project"
        description="Training code written for MLflow logs here unchanged: set two environment variables."
        className="sm:max-w-2xl"
      >
        <div className="space-y-4">
          <CopyField label="MLFLOW_TRACKING_URI" value={uri} />
          <div className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
            <p className="font-mono text-xs font-medium text-zinc-600 dark:text-zinc-400">MLFLOW_TRACKING_TOKEN</p>
            <p className="mt-1 text-zinc-700 dark:text-zinc-300">
              An API token of yours in this organization. It is shown once when you create it; runs are recorded as you.
            </p>
            <Link href={`/${org}/settings/tokens`} className={buttonClass({ size: "sm", variant: "secondary" }) + " mt-2"}>
              <KeyRound className="size-4" aria-hidden />
              Create a token
            </Link>
          </div>
          <CopyField label="Shell" value={env} multiline />
          <CopyField label="Python" value={py} multiline />
        </div>
      </Dialog>
    </>
  );
}
