#!/usr/bin/env bash
# Checks that system_test.sh passes only an explicit pass: fake "images"
# (shell scripts run with emulator `exec`) print a serial log and exit.
set -uo pipefail

runner=$1
dir=${TEST_TMPDIR:-$(mktemp -d)}
passed=0
failed=0

# expect RESULT NAME SCRIPT-BODY: RESULT is pass or fail.
expect() {
	local want=$1 name=$2 body=$3 got
	printf '#!/usr/bin/env bash\n%s\n' "$body" >"$dir/$name"
	chmod +x "$dir/$name"
	if "$runner" exec "$dir/$name" 4 2 >"$dir/$name.out" 2>&1; then
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

expect pass verdict_pass 'echo "PERCPU-VERDICT: PASS"; exit 0'
expect pass verdict_pass_crlf 'printf "log\r\nPERCPU-VERDICT: PASS\r\n"; exit 0'
expect fail no_verdict_exit0 'echo "all good"; exit 0'
expect fail empty_exit0 'exit 0'
expect fail verdict_fail 'echo "PERCPU-VERDICT: FAIL 1"; exit 1'
expect fail verdict_fail_exit0 'echo "PERCPU-VERDICT: FAIL 1"; exit 0'
expect fail pass_but_exit1 'echo "PERCPU-VERDICT: PASS"; exit 1'
expect fail pass_but_crash 'echo "PERCPU-VERDICT: PASS"; kill -SEGV $$'
expect fail two_verdicts 'echo "PERCPU-VERDICT: PASS"; echo "PERCPU-VERDICT: FAIL 2"'
expect fail pass_not_whole_line 'echo "PERCPU-VERDICT: PASSED"'
expect fail pass_in_middle 'echo "x PERCPU-VERDICT: PASS"'
expect fail hang 'echo "booting"; exec sleep 30'
expect fail hang_after_pass 'echo "PERCPU-VERDICT: PASS"; exec sleep 30'

echo "system_test selftest: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
