#!/usr/bin/env bash
# Runs an hv_demo image that is broken on purpose and passes only if the demo
# runs to its table and reports the expected check as failed.
#
#   expect_failure.sh SYSTEM_TEST_SH IMAGE CPUS 'TEXT OF THE EXPECTED FAIL LINE'
set -uo pipefail

runner=$1 image=$2 cpus=$3 expected=$4

out=$("$runner" qemu-aarch64-el2 "$image" "$cpus" 30)
status=$?
echo "$out"
if ((status == 0)); then
	echo "expect_failure: FAIL: the broken image passed"
	exit 1
fi
if ! grep -q '^PERCPU-VERDICT: FAIL' <<<"$out"; then
	echo "expect_failure: FAIL: no FAIL verdict (crash or hang instead of a failed check)"
	exit 1
fi
if ! grep -qF -- "$expected" <<<"$out"; then
	echo "expect_failure: FAIL: no line containing '$expected'"
	exit 1
fi
echo "expect_failure: PASS: the checks caught the breakage"
