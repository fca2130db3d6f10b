#!/usr/bin/env bash
# Builds the addon with -fsanitize=address,undefined into build/asan/ (CMake option KINDLING_SANITIZE;
# build/ is git-ignored) and runs the vitest suite against it with libasan preloaded into every node
# process (Node itself is not instrumented, so the runtime must come first). Leak detection is off:
# Node leaks by design.
# Any ASan or UBSan report aborts the process at fault, which fails its test: a green run means none.
set -euo pipefail
cd "$(dirname "$0")/.."

npx cmake-js compile --out build/asan --CDKINDLING_SANITIZE=ON

libasan="$(gcc -print-file-name=libasan.so)"
if [ ! -e "$libasan" ]; then
  echo "test-native-asan: libasan.so not found (gcc -print-file-name=libasan.so gave '$libasan')" >&2
  exit 1
fi

export KINDLING_NATIVE_BINARY="$PWD/build/asan/Release/kindling_native.node"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:halt_on_error=1:detect_stack_use_after_return=0:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:${UBSAN_OPTIONS:-}"

# Prove the preload works before trusting a green run: the ASan build refuses to load without it.
LD_PRELOAD="$libasan" node -e "
  const m = require(process.env.KINDLING_NATIVE_BINARY);
  if (typeof m.sumInt64 !== 'function') process.exit(1);
  console.log('test-native-asan: loaded', process.env.KINDLING_NATIVE_BINARY);"

LD_PRELOAD="$libasan" npx vitest run "$@"
