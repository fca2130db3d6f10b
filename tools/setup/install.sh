#!/usr/bin/env bash
# Installs everything Kindling needs on a fresh Debian 12 machine with Node 20 and Python 3.11.
# Idempotent: re-running only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NX_NO_CLOUD=true NX_DAEMON=false
npm ci --no-audit --no-fund
