#!/usr/bin/env bash
# Runs a bare-metal test image under an emulator (percpu_system_test).
#
#   system_test.sh EMULATOR IMAGE CPUS TIMEOUT
#
# Passes only if the serial output holds exactly one verdict line and it is
# "PERCPU-VERDICT: PASS", AND the emulator exits with the status that means
# pass for it. Anything else fails: a FAIL verdict, no verdict (a hang, a
# crash, a triple fault that exits 0), a timeout, a wrong exit status.
#
# EMULATOR:
#   qemu-aarch64-el2  QEMU virt, virtualization=on: starts at EL2, PSCI by SMC
#   qemu-aarch64-el1  QEMU virt: starts at EL1, PSCI by HVC
#   qemu-riscv64-hs   QEMU virt with the H extension: OpenSBI starts the
#                     image in HS-mode; harts through SBI HSM; exit through
#                     the SiFive test device (status = the image's code)
#   exec              runs IMAGE CPUS itself (tests of this script)
set -uo pipefail

if [[ $# -ne 4 ]]; then
	echo "usage: $0 EMULATOR IMAGE CPUS TIMEOUT" >&2
	exit 2
fi
emulator=$1
image=$2
cpus=$3
limit=$4

# Exit status of a passing run, per emulator.
pass_status=0
case $emulator in
qemu-aarch64-el2 | qemu-aarch64-el1)
	machine=virt
	[[ $emulator == qemu-aarch64-el2 ]] && machine=virt,virtualization=on
	# -semihosting: the image exits through SYS_EXIT with its own status.
	cmd=(qemu-system-aarch64 -M "$machine" -cpu cortex-a57 -smp "$cpus"
		-m 128M -nographic -semihosting -kernel "$image")
	;;
qemu-riscv64-hs)
	cmd=(qemu-system-riscv64 -M virt -cpu rv64,h=true -smp "$cpus"
		-m 128M -nographic -bios default -kernel "$image")
	;;
exec)
	cmd=("$image" "$cpus")
	;;
*)
	echo "system_test: unknown emulator '$emulator'" >&2
	exit 2
	;;
esac

if ! command -v "${cmd[0]}" >/dev/null; then
	echo "system_test: FAIL: ${cmd[0]} not found (run tools/test to install it)"
	exit 1
fi

tmp=${TEST_TMPDIR:-$(mktemp -d)}
log=$tmp/serial.log
echo "system_test: ${cmd[*]} (timeout ${limit}s)"
start=$(date +%s%N)
timeout --kill-after=5 "$limit" "${cmd[@]}" </dev/null >"$log" 2>&1
status=$?
end=$(date +%s%N)
tr -d '\r' <"$log" >"$log.txt"
cat "$log.txt"
echo "system_test: exit status $status after $(((end - start) / 1000000)) ms"

fail() {
	echo "system_test: FAIL: $*"
	exit 1
}

if [[ $status -eq 124 || $status -eq 137 ]]; then
	fail "timed out after ${limit}s"
fi
verdicts=$(grep -c '^PERCPU-VERDICT:' "$log.txt")
if [[ $verdicts -eq 0 ]]; then
	fail "no PERCPU-VERDICT line (crash or hang; exit status $status)"
fi
if [[ $verdicts -ne 1 ]]; then
	fail "$verdicts PERCPU-VERDICT lines, expected exactly one"
fi
if ! grep -qx 'PERCPU-VERDICT: PASS' "$log.txt"; then
	fail "$(grep '^PERCPU-VERDICT:' "$log.txt")"
fi
if [[ $status -ne $pass_status ]]; then
	fail "PASS verdict but exit status $status (pass is $pass_status)"
fi
echo "system_test: PASS ($emulator, $cpus CPUs)"
