#!/usr/bin/env bash
# Runs on the device machine, from the repository root, with what of .gpu/ (bench/gpu-bundle.sh) came:
#   with pg.tar.xz: starts the packed PostgreSQL on 127.0.0.1:5433 (as nobody when root: postgres
#     refuses root), then the GPU check (bench/gpu-harness.ts) and bench/runner.ts parts (a) and (b)
#     against it: pickup latency and claims/s with 10 runner processes (CLAIM_SERVERS="1 2 …" repeats
#     (b) through that many protocol server processes);
#   with ort.tar.xz: bench/runner.ts part (d), the onnxruntime-node overhead.
set -uo pipefail
cd "$(dirname "$0")/.."
nproc; grep -m1 "model name" /proc/cpuinfo; nvidia-smi -L || true
xz -dc .gpu/node.xz > /tmp/node && chmod +x /tmp/node
if [[ -f .gpu/ort.tar.xz ]]; then
  mkdir -p .gpu/node_modules && tar -xJf .gpu/ort.tar.xz -C .gpu/node_modules
  echo "== evaluate overhead"
  timeout 240 /tmp/node .gpu/bench-runner.mjs --parts d
fi
[[ -f .gpu/pg.tar.xz ]] || exit 0
rm -rf /tmp/pg && mkdir -p /tmp/pg && tar -xJf .gpu/pg.tar.xz -C /tmp/pg
chmod 700 /tmp/pg/data
as=()
if [[ $(id -u) == 0 ]]; then chown -R 65534:65534 /tmp/pg/data && as=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
"${as[@]}" /tmp/pg/libs/ld-linux-x86-64.so.2 --library-path /tmp/pg/libs /tmp/pg/usr/lib/postgresql/15/bin/postgres -D /tmp/pg/data >/tmp/pg/log 2>&1 &
for _ in $(seq 50); do grep -q "ready to accept" /tmp/pg/log && break; sleep 0.2; done
cat /tmp/pg/log
export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5433/postgres
echo "== GPU check"
timeout 240 /tmp/node .gpu/harness.mjs .gpu/runner.mjs
echo "== runner bench on PostgreSQL"
export BENCH_CLAIMER=.gpu/runner-claimer.mjs BENCH_SERVER=.gpu/runner-serve.mjs
timeout 240 /tmp/node .gpu/bench-runner.mjs --db postgres --parts ab
for servers in ${CLAIM_SERVERS:-}; do
  timeout 120 /tmp/node .gpu/bench-runner.mjs --db postgres --parts b --servers "$servers" | grep claims:
done
pkill -f /tmp/pg/usr/lib/postgresql
