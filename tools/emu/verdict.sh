# Sourced by the system-test runners: the pass/fail decision, shared.
#
# percpu_verdict LOG STATUS PASS_STATUS CPUS [TOLERATED_STATUS...]
#   LOG: the image's console output. Passes only if it holds exactly one
#   verdict line, "PERCPU-VERDICT: PASS", and "PERCPU-CPUS: CPUS" (every CPU
#   the emulator was given ran the tests), and the emulator exited with
#   PASS_STATUS. A TOLERATED_STATUS after a PASS verdict only warns (Bochs
#   sometimes crashes while shutting down after the image finished).
percpu_verdict() {
	local log=$1 status=$2 want=$3 cpus=$4
	shift 4
	echo "---- console ----"
	cat "$log"
	echo "---- end of console (emulator exit status $status) ----"
	if [[ $(grep -c '^PERCPU-VERDICT:' "$log") != 1 ]]; then
		echo "FAIL: expected exactly one PERCPU-VERDICT line"
		return 1
	fi
	if ! grep -qx 'PERCPU-VERDICT: PASS' "$log"; then
		echo "FAIL: the image reported failure"
		return 1
	fi
	if ! grep -qx "PERCPU-CPUS: $cpus" "$log"; then
		echo "FAIL: the image did not run on all $cpus CPUs"
		return 1
	fi
	if [[ $status == "$want" ]]; then
		echo "PASS"
		return 0
	fi
	local t
	for t in "$@"; do
		if [[ $status == "$t" ]]; then
			echo "PASS (WARNING: emulator exit status $status after the verdict)"
			return 0
		fi
	done
	echo "FAIL: emulator exit status $status, want $want"
	return 1
}
