#!/usr/bin/env bash
# Regenerates the TypeScript types of every .proto under proto/ into packages/proto/src/gen.
# The output is committed; CI checks that regenerating gives no diff.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf packages/proto/src/gen
mapfile -t files < <(cd proto && find netswarm -name '*.proto' | sort)
npx proto-loader-gen-types --longs=String --enums=String --defaults --oneofs --keepCase=false \
  --grpcLib=@grpc/grpc-js --importFileExtension=.js --includeDirs=proto \
  --outDir=packages/proto/src/gen "${files[@]}" >/dev/null
