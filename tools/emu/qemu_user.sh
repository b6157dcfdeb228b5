#!/usr/bin/env bash
# --run_under wrapper: runs aarch64, riscv64 and armv7 Linux binaries under
# qemu-user and anything else (scripts, host tools) directly.
set -euo pipefail
prog=$1
shift
if [[ -f $prog ]]; then
	# ELF e_machine (little-endian, offset 18): 0xb7 aarch64, 0xf3 riscv,
	# 0x28 arm.
	case "$(od -An -tx1 -j18 -N2 "$prog" | tr -d ' ')" in
	b700) exec qemu-aarch64 -L /usr/aarch64-linux-gnu "$prog" "$@" ;;
	f300) exec qemu-riscv64 -L /usr/riscv64-linux-gnu "$prog" "$@" ;;
	2800) exec qemu-arm -L /usr/arm-linux-gnueabihf "$prog" "$@" ;;
	esac
fi
exec "$prog" "$@"
