#!/usr/bin/env bash
# Runs an x86_64 boot image (//tools/emu:x86_64.bzl) under QEMU (TCG) or
# Bochs and passes only on an explicit pass (see verdict.sh).
#
#   x86_64_system.sh qemu|bochs IMAGE CPUS MACHINE
#
# MACHINE is QEMU's -machine value ("-" for Bochs). Paths are relative to the
# workspace root (Bazel runs tests there). The emulator runs under `timeout`:
# a hang gives no verdict and fails.
set -euo pipefail

emulator=$1
image=$2
cpus=$3
machine=$4
limit=${PERCPU_EMU_TIMEOUT:-60}
if [[ -n ${TEST_TMPDIR:-} ]]; then
	work=$TEST_TMPDIR
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi
log=$work/console.txt

# shellcheck source=tools/emu/verdict.sh
source tools/emu/verdict.sh

: >"$log"
status=0
case $emulator in
qemu)
	# isa-debug-exit: the image writes 0 (pass) -> status 1; writes 1 -> 3.
	# A triple fault with -no-reboot exits 0: never a pass. One CPU per
	# socket: SeaBIOS lists only a socket's first CPU in the MP table.
	timeout "$limit" qemu-system-x86_64 -accel tcg -machine "$machine" \
		-cpu max -smp "$cpus,sockets=$cpus,cores=1,threads=1" \
		-m 128M -no-reboot -nodefaults \
		-display none -serial "file:$log" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel "$image" </dev/null || status=$?
	percpu_verdict "$log" "$status" 1 "$cpus"
	# Without ACPI the CPUs must have come from the MP table.
	if [[ $machine == *acpi=off* ]] &&
		! grep -q 'CPUs from the MP table' "$log"; then
		echo "FAIL: acpi=off, but the CPUs were not found in the MP table"
		exit 1
	fi
	;;
bochs)
	# The disk is a per-run copy (Bochs locks it), padded to whole
	# cylinders of 16 heads x 63 sectors.
	disk=$work/disk.img
	cylinder=$((16 * 63 * 512))
	cp "$image" "$disk"
	chmod u+w "$disk"
	size=$(stat -c %s "$disk")
	cylinders=$(((size + cylinder - 1) / cylinder))
	truncate -s $((cylinders * cylinder)) "$disk"
	# The debugger prompt comes first ("c") and at the image's magic
	# break on a pass ("quit": exit status 0). A failing image writes
	# "Shutdown" to port 0x8900 instead (exit status 1).
	printf 'c\nquit\n' >"$work/bochs.rc"
	cat >"$work/bochsrc" <<-EOT
		megs: 128
		cpu: model=corei7_skylake_x, count=$cpus, ips=4000000, reset_on_triple_fault=0
		romimage: file=/usr/share/bochs/BIOS-bochs-latest, options=fastboot
		vgaromimage: file=/usr/share/vgabios/vgabios.bin
		ata0-master: type=disk, mode=flat, path=$disk, cylinders=$cylinders, heads=16, spt=63
		boot: disk
		com1: enabled=1, mode=file, dev=$log
		display_library: term
		magic_break: enabled=1
		clock: sync=none
		speaker: enabled=0
		log: $work/bochs.log
		panic: action=fatal
	EOT
	TERM=dumb timeout "$limit" bochs -q -unlock -f "$work/bochsrc" \
		-rc "$work/bochs.rc" </dev/null >"$work/bochs.out" 2>&1 ||
		status=$?
	if ! percpu_verdict "$log" "$status" 0 "$cpus" 139; then
		echo "---- Bochs log (tail) ----"
		tail -n 30 "$work/bochs.log" || true
		exit 1
	fi
	;;
*)
	echo "unknown emulator: $emulator" >&2
	exit 2
	;;
esac
