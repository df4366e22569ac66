#!/usr/bin/env bash
# GPU runner check: on a machine with an NVIDIA GPU and a checkout with node_modules, starts Runboard
# (npm start, temporary data dir) and one runner, queues a `command` job asking for 1 GPU, waits for
# it and prints the job, its logs and the GPUs the runner reported.
#   bash bench/gpu-check.sh            (PORT=3311 by default; builds the app on first start)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-3311}"
GPUS="${GPUS:-1}"   # GPUS=0 checks the loop on a CPU-only machine (nvidia-smi -L then fails in the job)
LABELS='"gpu"'; [[ "$GPUS" == 0 ]] && LABELS=''
URL="http://127.0.0.1:$PORT"
DATA="$(mktemp -d /tmp/runboard-gpu-check.XXXXXX)"
SERVER_LOG="$DATA/server.log"
RUNNER_LOG="$DATA/runner.log"
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);const r=('"$1"');console.log(typeof r==="string"?r:JSON.stringify(r,null,2))})'; }

cleanup() {
  [[ -n "${RUNNER_PID:-}" ]] && kill "$RUNNER_PID" 2>/dev/null || true
  [[ -n "${SERVER_PID:-}" ]] && kill "$SERVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "data dir (logs): $DATA"
}
trap cleanup EXIT

command -v nvidia-smi >/dev/null && nvidia-smi -L || echo "WARNING: nvidia-smi not found: the runner will be CPU-only and the job will stay queued"

echo "== starting Runboard on $URL (data dir $DATA)"
# node, not npm, so that $! is the process that stops the server (and only it) on SIGTERM
RUNBOARD_DATA_DIR="$DATA" RUNBOARD_LOCAL_RUNNER=0 HOST=127.0.0.1 PORT="$PORT" node scripts/start.mjs >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  [[ -f "$DATA/demo.json" ]] && curl -sf "$URL/api/health" >/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG"; exit 1; }
  sleep 1
done
curl -sf "$URL/api/health" >/dev/null || { echo "server did not start"; tail -50 "$SERVER_LOG"; exit 1; }
ORG="$(json v.org <"$DATA/demo.json")"
PROJECT="$(json v.project <"$DATA/demo.json")"
API_TOKEN="$(json v.apiToken <"$DATA/demo.json")"
REG_TOKEN="$(json v.runnerToken <"$DATA/demo.json")"

echo "== starting a runner"
RUNBOARD_RUNNER_TOKEN="$REG_TOKEN" node node_modules/tsx/dist/cli.mjs runner/cli.ts --url "$URL" --name gpu-check --labels "${LABELS//\"/}" --work-dir "$DATA/runner" >"$RUNNER_LOG" 2>&1 &
RUNNER_PID=$!

echo "== queueing a job asking for $GPUS GPU(s)"
BODY='{"spec":{"kind":"command","command":"nvidia-smi -L; echo CUDA_VISIBLE_DEVICES=$CUDA_VISIBLE_DEVICES; echo MLFLOW_RUN_ID=$MLFLOW_RUN_ID; sleep 3; echo \"::metric name=gpu_check step=1 value=1\""},"gpus":'"$GPUS"',"labels":['"$LABELS"'],"timeoutSeconds":300}'
JOB="$(curl -sf -X POST "$URL/api/v1/orgs/$ORG/projects/$PROJECT/jobs" -H "Authorization: Bearer $API_TOKEN" -H 'content-type: application/json' -d "$BODY")"
JOB_ID="$(json v.id <<<"$JOB")"
echo "job $JOB_ID"

STATE=queued
for _ in $(seq 1 120); do
  JOB="$(curl -sf "$URL/api/v1/orgs/$ORG/jobs/$JOB_ID" -H "Authorization: Bearer $API_TOKEN")"
  STATE="$(json v.state <<<"$JOB")"
  [[ "$STATE" == succeeded || "$STATE" == failed || "$STATE" == cancelled ]] && break
  sleep 1
done

echo "== job"; json v <<<"$JOB"
echo "== logs"; curl -sf "$URL/api/v1/orgs/$ORG/jobs/$JOB_ID/logs" -H "Authorization: Bearer $API_TOKEN" | json 'v.lines.map(l=>`[${l.stream}] ${l.text.trimEnd()}`).join("\n")'
echo "== runner's GPUs"; curl -sf "$URL/api/v1/orgs/$ORG/runners" -H "Authorization: Bearer $API_TOKEN" | json 'v.map(r=>({name:r.name,online:r.online,labels:r.labels,cpus:r.resources.cpus,gpus:r.resources.gpus}))'
echo "== runner log"; tail -20 "$RUNNER_LOG"
[[ "$STATE" == succeeded ]] && echo "OK: job succeeded" || { echo "FAILED: job state $STATE"; exit 1; }
