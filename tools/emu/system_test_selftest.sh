#!/usr/bin/env bash
# Checks that system_test.sh passes only an explicit, complete pass: fake
# "images" (shell scripts run with emulator `exec`) print a console log and
# exit.
set -uo pipefail

runner=$1
dir=${TEST_TMPDIR:-$(mktemp -d)}
passed=0
failed=0

# expect pass|fail NAME SCRIPT-BODY [PASS_STATUS [TOLERATED]]: the fake image
# runs with 4 CPUs and a 2 s timeout.
expect() {
	local want=$1 name=$2 body=$3 got
	printf '#!/usr/bin/env bash\n%s\n' "$body" >"$dir/$name"
	chmod +x "$dir/$name"
	if SYSTEM_TEST_PASS_STATUS=${4:-0} SYSTEM_TEST_TOLERATED=${5:-} \
		"$runner" exec "$dir/$name" 4 2 >"$dir/$name.out" 2>&1; then
		got=pass
	else
		got=fail
	fi
	if [[ $got == "$want" ]]; then
		passed=$((passed + 1))
		echo "ok: $name -> $got"
	else
		failed=$((failed + 1))
		echo "WRONG: $name -> $got, expected $want"
		cat "$dir/$name.out"
	fi
}

ok='echo "PERCPU-CPUS: 4"; echo "PERCPU-VERDICT: PASS"'
expect pass verdict_pass "$ok; exit 0"
expect pass verdict_pass_crlf 'printf "log\r\nPERCPU-CPUS: 4\r\nPERCPU-VERDICT: PASS\r\n"; exit 0'
expect fail no_verdict_exit0 'echo "PERCPU-CPUS: 4"; echo "all good"; exit 0'
expect fail empty_exit0 'exit 0'
expect fail verdict_fail 'echo "PERCPU-CPUS: 4"; echo "PERCPU-VERDICT: FAIL 1"; exit 1'
expect fail verdict_fail_exit0 'echo "PERCPU-CPUS: 4"; echo "PERCPU-VERDICT: FAIL 1"; exit 0'
expect fail pass_but_exit1 "$ok; exit 1"
expect fail pass_but_crash "$ok; kill -SEGV \$\$"
expect fail two_verdicts "$ok; echo 'PERCPU-VERDICT: FAIL 2'"
expect fail pass_not_whole_line 'echo "PERCPU-CPUS: 4"; echo "PERCPU-VERDICT: PASSED"'
expect fail pass_in_middle 'echo "PERCPU-CPUS: 4"; echo "x PERCPU-VERDICT: PASS"'
expect fail hang 'echo "booting"; exec sleep 30'
expect fail hang_after_pass "$ok; exec sleep 30"
expect fail too_few_cpus 'echo "PERCPU-CPUS: 2"; echo "PERCPU-VERDICT: PASS"'
expect fail no_cpu_count 'echo "PERCPU-VERDICT: PASS"'
# An emulator whose pass status is not 0 (QEMU x86_64's isa-debug-exit).
expect pass pass_status_1 "$ok; exit 1" 1
expect fail pass_status_1_but_0 "$ok; exit 0" 1
# A status tolerated after a pass only (Bochs crashing on its way out).
expect pass tolerated_after_pass "$ok; kill -SEGV \$\$" 0 139
expect fail tolerated_without_verdict "echo 'PERCPU-CPUS: 4'; kill -SEGV \$\$" 0 139
expect fail tolerated_after_fail "echo 'PERCPU-CPUS: 4'; echo 'PERCPU-VERDICT: FAIL 1'; kill -SEGV \$\$" 0 139

echo "system_test selftest: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
