#!/usr/bin/env bash
# Runs an hv_demo image built with a fault injected on purpose and passes only
# if the demo completes and reports exactly the expected failed check.
#
#   expect_failure.sh IMAGE CPUS 'EXPECTED CHECK LINE'
set -uo pipefail

image=$1
cpus=$2
expected=$3

if out=$(tools/emu/x86_64_system.sh bochs "$image" "$cpus" -); then
	echo "$out"
	echo "FAIL: the image with the injected fault passed"
	exit 1
fi
echo "$out"
if ! grep -qxF -- "$expected" <<<"$out"; then
	echo "FAIL: no line '$expected'"
	exit 1
fi
if [[ $(grep -c '^  \[FAIL\]' <<<"$out") != 1 ]]; then
	echo "FAIL: expected exactly one failed check"
	exit 1
fi
echo "PASS: the injected fault was detected"
