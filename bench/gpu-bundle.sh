#!/usr/bin/env bash
# Packs the device checks for a machine that has an NVIDIA GPU and many cores but neither
# node_modules nor network (the device tool's machines). Output: .gpu/ (git-ignored, under 64 MiB):
#   harness.mjs        bench/gpu-harness.ts: runner protocol + the real agent, GPU jobs (see there)
#   runner.mjs         the runner agent (runner/cli.ts)
#   bench-runner.mjs   bench/runner.ts, with runner-claimer.mjs and runner-serve.mjs, its runner and server processes
#   node.xz            this machine's node binary
#   pg.tar.xz          this machine's PostgreSQL 15 server with its shared libraries (glibc included,
#                      started through the packed ld.so) and a fresh trust-auth cluster on 127.0.0.1:5433
#   ort.tar.xz         onnxruntime-node and onnxruntime-common, for bench part (d)
# Run them there with bench/gpu-device.sh. PGlite's wasm stays out (the checks use the packed PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf .gpu/*.mjs && mkdir -p .gpu
esbuild=node_modules/.bin/esbuild
[[ -x $esbuild ]] || esbuild="node node_modules/esbuild/bin/esbuild"
common=(--bundle --platform=node --format=esm --target=node20 --log-level=warning --external:onnxruntime-node --external:pg-native
  "--banner:js=import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url); const __dirname = import.meta.dirname;")
$esbuild bench/gpu-harness.ts "${common[@]}" --outfile=.gpu/harness.mjs
$esbuild runner/cli.ts "${common[@]}" --outfile=.gpu/runner.mjs
$esbuild bench/runner.ts "${common[@]}" --outfile=.gpu/bench-runner.mjs
$esbuild bench/runner-claimer.ts "${common[@]}" --outfile=.gpu/runner-claimer.mjs
$esbuild bench/runner-serve.ts "${common[@]}" --outfile=.gpu/runner-serve.mjs
[[ -f .gpu/node.xz ]] || xz -T0 -6 -c "$(command -v node)" > .gpu/node.xz

PG=/usr/lib/postgresql/15
if [[ ! -f .gpu/pg.tar.xz && -x $PG/bin/postgres ]]; then
  tmp=$(mktemp -d) && chmod 755 "$tmp"
  mkdir -p "$tmp/pack/usr/lib/postgresql/15/bin" "$tmp/pack/usr/share/postgresql" "$tmp/pack/libs"
  cp $PG/bin/postgres "$tmp/pack/usr/lib/postgresql/15/bin/"
  cp -r $PG/lib "$tmp/pack/usr/lib/postgresql/15/" && rm -rf "$tmp/pack/usr/lib/postgresql/15/lib/"{bitcode,llvmjit*}
  cp -r /usr/share/postgresql/15 "$tmp/pack/usr/share/postgresql/"
  for lib in $(ldd $PG/bin/postgres | grep -o '/[^ ]*'); do cp -L "$lib" "$tmp/pack/libs/"; done
  chown postgres "$tmp"
  su postgres -s /bin/bash -c "$PG/bin/initdb -D $tmp/data -A trust -U postgres --no-sync -E UTF8 --locale=C" >/dev/null
  cp -a "$tmp/data" "$tmp/pack/data"
  printf "%s\n" "listen_addresses = '127.0.0.1'" "port = 5433" "unix_socket_directories = ''" "timezone = 'UTC'" \
    "log_timezone = 'UTC'" "max_connections = 200" "jit = off" >> "$tmp/pack/data/postgresql.conf"
  tar -C "$tmp/pack" -cf - . | xz -T0 -6 > .gpu/pg.tar.xz
  rm -rf "$tmp"
fi
# onnxruntime-node (CPU build for linux-x64) for bench part (d); too big to travel with pg.tar.xz
# as well (64 MiB), so a device run carries one or the other
[[ -f .gpu/ort.tar.xz ]] || tar -C node_modules -cf - onnxruntime-node/package.json onnxruntime-node/dist \
  onnxruntime-node/bin/napi-v6/linux/x64 onnxruntime-common | xz -T0 -6 > .gpu/ort.tar.xz
du -sh .gpu/*
