#!/usr/bin/env bash
# --run_under wrapper: runs aarch64 Linux binaries under qemu-aarch64 and
# anything else (scripts, host tools) directly.
set -euo pipefail
prog=$1
shift
if [[ -f $prog ]] && [[ "$(od -An -tx1 -j18 -N2 "$prog" | tr -d ' ')" == "b700" ]]; then
	exec qemu-aarch64 -L /usr/aarch64-linux-gnu "$prog" "$@"
fi
exec "$prog" "$@"
