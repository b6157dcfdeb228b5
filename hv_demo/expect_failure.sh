#!/usr/bin/env bash
# Runs an hv_demo image broken on purpose and passes only if the demo runs to
# its table and fails exactly the expected checks: every failed check line
# ("  [FAIL] ...") starts with one of the EXPECTED texts, and every EXPECTED
# text starts some failed check line, except those marked optional with a
# leading '?' (checks that fail or not depending on when the run stopped).
#
#   expect_failure.sh EMULATOR IMAGE CPUS 'EXPECTED' ['EXPECTED'...] [-- EXTRA...]
#
# EXTRA: passed on to tools/emu/system_test.sh (emulator arguments).
set -uo pipefail

emulator=$1 image=$2 cpus=$3
shift 3
expected=() extra=()
while (($#)); do
	if [[ $1 == -- ]]; then
		extra=("$@")
		break
	fi
	expected+=("$1")
	shift
done
set -- "${expected[@]}"

out=$(tools/emu/system_test.sh "$emulator" "$image" "$cpus" 30 "" "${extra[@]}")
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
failed_checks=$(grep '^  \[FAIL\] ' <<<"$out")
for e in "$@"; do
	[[ $e == \?* ]] && continue
	if ! grep -qF -- "$e" <<<"$failed_checks"; then
		echo "expect_failure: FAIL: no failed check '$e'"
		exit 1
	fi
done
while IFS= read -r line; do
	ok=0
	for e in "$@"; do
		[[ $line == "${e#\?}"* ]] && ok=1
	done
	if ((!ok)); then
		echo "expect_failure: FAIL: unexpected failed check: $line"
		exit 1
	fi
done <<<"$failed_checks"
echo "expect_failure: PASS: the checks caught the breakage"
