#!/usr/bin/env bash
# Runs a bare-metal image that must fail with an undefined-behaviour trap
# (percpu_ub_trap_test in system_test.bzl): passes only if system_test.sh
# fails and the console names the trap and the CPU it happened on.
#
#   expect_trap.sh SYSTEM_TEST_SH EMULATOR IMAGE CPUS TIMEOUT
set -uo pipefail
runner=$1
shift
"$runner" "$@"
status=$?
console=${TEST_TMPDIR:?}/console.txt
if ((status == 0)); then
	echo "expect_trap: FAIL: the image passed"
	exit 1
fi
for want in "undefined-behaviour trap" "on CPU 0"; do
	if ! grep -q "$want" "$console"; then
		echo "expect_trap: FAIL: no '$want' on the console"
		exit 1
	fi
done
echo "expect_trap: PASS: the trap failed the run and was reported"
