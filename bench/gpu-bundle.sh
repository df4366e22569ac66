#!/usr/bin/env bash
# Packs the GPU check for a machine that has an NVIDIA GPU but neither node_modules nor network:
# bench/gpu-harness.ts and the runner agent bundled with esbuild, PGlite's wasm beside them, and
# this machine's node binary (xz). Output: .gpu/ (git-ignored). On the GPU machine:
#   xz -dc .gpu/node.xz > /tmp/node && chmod +x /tmp/node && /tmp/node .gpu/harness.mjs .gpu/runner.mjs
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .gpu
esbuild=node_modules/.bin/esbuild
[[ -x $esbuild ]] || esbuild="node node_modules/esbuild/bin/esbuild"
common=(--bundle --platform=node --format=esm --target=node20 --log-level=warning "--banner:js=import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);")
$esbuild bench/gpu-harness.ts "${common[@]}" --outfile=.gpu/harness.mjs
$esbuild runner/cli.ts "${common[@]}" --outfile=.gpu/runner.mjs
cp node_modules/@electric-sql/pglite/dist/*.wasm node_modules/@electric-sql/pglite/dist/*.data .gpu/
[[ -f .gpu/node.xz ]] || xz -T0 -6 -c "$(command -v node)" > .gpu/node.xz
du -sh .gpu
