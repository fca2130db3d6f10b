#!/usr/bin/env bash
# Installs everything Kindling needs on a fresh Debian 12 machine with Node 20 and Python 3.11:
# npm workspaces (package-lock.json), and the Python package with its pinned deps in ./.venv.
# Idempotent: re-running only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_NO_CLOUD=true NX_DAEMON=false
# The native addon needs a C++ toolchain and cmake (present on this machine kind; installed when missing).
if ! command -v cmake >/dev/null || ! command -v g++ >/dev/null; then
  apt-get update -qq && apt-get install -y -qq cmake g++ make
fi
# `npm install`, not `npm ci`: the registry this machine reaches lacks some optional platform packages
# (e.g. @duckdb/node-bindings-darwin-arm64), which npm ci treats as a lockfile mismatch. npm install still
# installs exactly the versions package-lock.json pins.
npm install --no-audit --no-fund
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e 'python[dev]'
