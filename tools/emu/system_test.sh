#!/usr/bin/env bash
# Runs a bare-metal image under an emulator (percpu_system_test in
# system_test.bzl; bazel run of hv_demo) and passes only on an explicit pass.
#
#   system_test.sh EMULATOR IMAGE CPUS TIMEOUT [MACHINE] [-- EXTRA...]
#
# EXTRA: more emulator arguments (QEMU only), e.g. -device loader,... for
# files the image expects in memory.
#
# Passes only if the console output holds exactly one verdict line and it is
# "PERCPU-VERDICT: PASS", holds "PERCPU-CPUS: CPUS" (every CPU the emulator
# was given ran the image), AND the emulator exits with the status that means
# pass for it. Anything else fails: a FAIL verdict, no verdict (a hang, a
# crash, a triple fault that exits 0), too few CPUs, a timeout, a wrong exit
# status. Paths are relative to the workspace root (Bazel runs tests there).
#
# EMULATOR:
#   qemu-aarch64-el2  QEMU virt, virtualization=on: starts at EL2, PSCI by SMC;
#                     semihosting SYS_EXIT: status = the image's code
#   qemu-aarch64-el1  QEMU virt: starts at EL1, PSCI by HVC (both: MACHINE
#                     adds virt options, e.g. gic-version=3: up to 512 CPUs)
#   qemu-aarch64-el2-linux  as qemu-aarch64-el2 with a Cortex-A57 and 512 MiB
#                     (hv_demo's Linux guest)
#   qemu-arm-hyp      QEMU virt (32-bit, Cortex-A15), virtualization=on:
#                     starts in HYP mode, PSCI by SMC; semihosting
#                     SYS_EXIT_EXTENDED: status = the image's code
#   qemu-arm-svc      QEMU virt (32-bit, Cortex-A15): starts in SVC mode
#                     (PL1), PSCI by HVC (both: MACHINE adds virt options,
#                     e.g. gic-version=3: up to 123 CPUs)
#   qemu-riscv64-hs   QEMU virt with the H extension: OpenSBI starts the
#                     image in HS-mode; harts through SBI HSM; exit through
#                     the SiFive test device (status = the image's code).
#                     EXTRA `-bios FILE` replaces OpenSBI (QEMU takes the
#                     last -bios): the board's own firmware
#   qemu-x86_64       QEMU (TCG) -machine MACHINE (default pc), multiboot;
#                     isa-debug-exit: a pass writes 0 -> status 1. With
#                     acpi=off the CPUs must come from the MP table.
#   bochs-x86_64      Bochs from a disk image; a pass quits at the image's
#                     magic break (status 0). Bochs sometimes crashes while
#                     shutting down after a pass: status 139 then only warns.
#                     CPU model corei7_skylake_x (Intel VMX)
#   bochs-x86_64-ryzen  as bochs-x86_64 with CPU model ryzen (AMD SVM with
#                     nested paging and NRIPS)
#   exec              runs IMAGE CPUS itself (tests of this script); pass
#                     status $SYSTEM_TEST_PASS_STATUS (0), tolerated after a
#                     pass: $SYSTEM_TEST_TOLERATED (none)
set -uo pipefail

extra=()
for ((i = 1; i <= $#; i++)); do
	if [[ ${!i} == -- ]]; then
		extra=("${@:i+1}")
		set -- "${@:1:i-1}"
		break
	fi
done
if [[ $# -lt 4 || $# -gt 5 ]]; then
	echo "usage: $0 EMULATOR IMAGE CPUS TIMEOUT [MACHINE] [-- EXTRA...]" >&2
	exit 2
fi
emulator=$1 image=$2 cpus=$3 limit=$4 machine=${5-}

if [[ -n ${TEST_TMPDIR:-} ]]; then
	work=$TEST_TMPDIR
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi
log=$work/console.txt

# QEMU runs every CPU on a thread of its own (MTTCG), which is what races
# need; past 16 CPUs on a 2-core host the threads starve each other while
# they spin, so one thread runs them in turn (a spinning CPU's yield passes
# the turn on): 256 CPUs 2.6 s instead of over 60.
accel=tcg
((cpus > 16)) && accel=tcg,thread=single

# Exit status of a passing run, and statuses only warned about after a pass.
pass_status=0
tolerated=()
case $emulator in
qemu-aarch64-el2 | qemu-aarch64-el1 | qemu-aarch64-el2-linux)
	m=virt,virtualization=on cpu=max mem=128M
	[[ $emulator == qemu-aarch64-el1 ]] && m=virt
	# MACHINE: more virt options, e.g. gic-version=3 for over 8 CPUs.
	[[ -n $machine ]] && m=$m,$machine
	[[ $emulator == qemu-aarch64-el2-linux ]] && cpu=cortex-a57 mem=512M
	# -semihosting: the image exits through SYS_EXIT with its own status.
	cmd=(qemu-system-aarch64 -accel "$accel" -M "$m" -cpu "$cpu" -smp "$cpus"
		-m "$mem" -nographic -semihosting -kernel "$image")
	;;
qemu-arm-hyp | qemu-arm-svc)
	m=virt
	[[ $emulator == qemu-arm-hyp ]] && m=virt,virtualization=on
	[[ -n $machine ]] && m=$m,$machine
	cmd=(qemu-system-arm -accel "$accel" -M "$m" -cpu cortex-a15 -smp "$cpus"
		-m 128M -nographic -semihosting -kernel "$image")
	;;
qemu-riscv64-hs)
	cmd=(qemu-system-riscv64 -accel "$accel" -M virt -cpu rv64,h=true -smp "$cpus"
		-m 128M -nographic -bios default -kernel "$image")
	;;
qemu-x86_64)
	# A triple fault with -no-reboot exits 0: never a pass. One CPU per
	# socket: SeaBIOS lists only a socket's first CPU in the MP table.
	pass_status=1
	cmd=(qemu-system-x86_64 -accel "$accel" -machine "${machine:-pc}" -cpu max
		-smp "$cpus,sockets=$cpus,cores=1,threads=1" -m 128M -no-reboot
		-nodefaults -display none -serial stdio
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$image")
	;;
bochs-x86_64 | bochs-x86_64-ryzen)
	tolerated=(139)
	model=corei7_skylake_x
	[[ $emulator == bochs-x86_64-ryzen ]] && model=ryzen
	# The disk is a per-run copy (Bochs locks it), padded to whole
	# cylinders of 16 heads x 63 sectors.
	disk=$work/disk.img
	cylinder=$((16 * 63 * 512))
	cp "$image" "$disk"
	chmod u+w "$disk"
	cylinders=$((($(stat -c %s "$disk") + cylinder - 1) / cylinder))
	truncate -s $((cylinders * cylinder)) "$disk"
	# The debugger prompt comes first ("c") and at the image's magic
	# break on a pass ("quit": exit status 0). A failing image writes
	# "Shutdown" to port 0x8900 instead (exit status 1).
	printf 'c\nquit\n' >"$work/bochs.rc"
	cat >"$work/bochsrc" <<-EOT
		megs: 128
		cpu: model=$model, count=$cpus, ips=4000000, reset_on_triple_fault=0
		romimage: file=/usr/share/bochs/BIOS-bochs-latest, options=fastboot
		vgaromimage: file=/usr/share/vgabios/vgabios.bin
		ata0-master: type=disk, mode=flat, path=$disk, cylinders=$cylinders, heads=16, spt=63
		boot: disk
		com1: enabled=1, mode=file, dev=$work/serial.log
		display_library: term
		magic_break: enabled=1
		clock: sync=none
		speaker: enabled=0
		log: $work/bochs.log
		panic: action=fatal
	EOT
	cmd=(env TERM=dumb bochs -q -unlock -f "$work/bochsrc" -rc "$work/bochs.rc")
	;;
exec)
	pass_status=${SYSTEM_TEST_PASS_STATUS:-0}
	read -ra tolerated <<<"${SYSTEM_TEST_TOLERATED:-}"
	cmd=("$image" "$cpus")
	;;
*)
	echo "system_test: unknown emulator '$emulator'" >&2
	exit 2
	;;
esac

if ((${#extra[@]})); then
	if [[ ${cmd[0]} != qemu-* ]]; then
		echo "system_test: extra arguments are for QEMU only" >&2
		exit 2
	fi
	cmd+=("${extra[@]}")
fi

if [[ ${cmd[0]} != env ]] && ! command -v "${cmd[0]}" >/dev/null; then
	echo "system_test: FAIL: ${cmd[0]} not found (run tools/test to install it)"
	exit 1
fi

echo "system_test: ${cmd[*]} (timeout ${limit}s)"
start=$(date +%s%N)
# SIGKILL 5 s after SIGTERM: Bochs ignores SIGTERM.
timeout --kill-after=5 "$limit" "${cmd[@]}" </dev/null >"$work/out.log" 2>&1
status=$?
end=$(date +%s%N)
if [[ $emulator == bochs-x86_64* ]]; then
	tr -d '\r' <"$work/serial.log" >"$log"
else
	tr -d '\r' <"$work/out.log" >"$log"
fi
echo "---- console ----"
cat "$log"
echo "---- end of console: exit status $status after $(((end - start) / 1000000)) ms ----"

fail() {
	echo "system_test: FAIL: $*"
	if [[ -f $work/bochs.log ]]; then
		echo "---- Bochs log (tail) ----"
		tail -n 30 "$work/bochs.log"
	fi
	exit 1
}

if [[ $status -eq 124 || $status -eq 137 ]]; then
	fail "timed out after ${limit}s"
fi
verdicts=$(grep -c '^PERCPU-VERDICT:' "$log")
if [[ $verdicts -eq 0 ]]; then
	fail "no PERCPU-VERDICT line (crash or hang; exit status $status)"
fi
if [[ $verdicts -ne 1 ]]; then
	fail "$verdicts PERCPU-VERDICT lines, expected exactly one"
fi
if ! grep -qx 'PERCPU-VERDICT: PASS' "$log"; then
	fail "$(grep '^PERCPU-VERDICT:' "$log")"
fi
if ! grep -qx "PERCPU-CPUS: $cpus" "$log"; then
	fail "no line 'PERCPU-CPUS: $cpus': the image did not run on all $cpus CPUs"
fi
if [[ $emulator == qemu-x86_64 && $machine == *acpi=off* ]] &&
	! grep -q 'CPUs from the MP table' "$log"; then
	fail "acpi=off, but the CPUs were not found in the MP table"
fi
if [[ $status -ne $pass_status ]]; then
	for t in "${tolerated[@]}"; do
		if [[ $status -eq $t ]]; then
			echo "system_test: PASS ($emulator, $cpus CPUs; WARNING: exit status $status after the verdict)"
			exit 0
		fi
	done
	fail "PASS verdict but exit status $status (pass is $pass_status)"
fi
echo "system_test: PASS ($emulator, $cpus CPUs)"
