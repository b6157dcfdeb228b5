#!/usr/bin/env bash
# percpu_verdict (verdict.sh) on made-up console logs: only an explicit,
# complete pass passes.
set -uo pipefail
source tools/emu/verdict.sh

log=${TEST_TMPDIR:-/tmp}/console.txt
passed=0
failed=0

# expect pass|fail DESCRIPTION LOG-TEXT STATUS PASS_STATUS CPUS [TOLERATED...]
expect() {
	local want=$1 what=$2 text=$3
	shift 3
	printf '%b' "$text" >"$log"
	if percpu_verdict "$log" "$@" >/dev/null; then got=pass; else got=fail; fi
	if [[ $got == "$want" ]]; then
		passed=$((passed + 1))
	else
		echo "WRONG: $what: got $got, want $want"
		failed=$((failed + 1))
	fi
}

ok='x\nPERCPU-CPUS: 4\nPERCPU-VERDICT: PASS\n'
expect pass "pass verdict, all CPUs, pass status" "$ok" 1 1 4
expect fail "pass verdict but exit status 0 (QEMU triple fault)" "$ok" 0 1 4
expect fail "pass verdict but killed by timeout" "$ok" 124 1 4
expect pass "tolerated status after a pass verdict" "$ok" 139 0 4 139
expect fail "tolerated status without a verdict" 'x\n' 139 0 4 139
expect fail "no verdict" 'PERCPU-CPUS: 4\n' 1 1 4
expect fail "empty console" '' 1 1 4
expect fail "fail verdict" 'PERCPU-CPUS: 4\nPERCPU-VERDICT: FAIL 1\n' 1 1 4
expect fail "two verdicts" "${ok}PERCPU-VERDICT: FAIL 3\n" 1 1 4
expect fail "pass verdict, too few CPUs" "$ok" 1 1 8
expect fail "pass verdict, no CPU count" 'PERCPU-VERDICT: PASS\n' 1 1 1
expect fail "verdict not at line start" 'x PERCPU-VERDICT: PASS\nPERCPU-CPUS: 1\n' 1 1 1

echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
