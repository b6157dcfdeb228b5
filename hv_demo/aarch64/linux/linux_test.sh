#!/usr/bin/env bash
# Boots hv_demo's Linux image under QEMU with the guest (kernel Image,
# initramfs, device tree) loaded where layout.h says, through
# tools/emu/system_test.sh (or hv_demo/expect_failure.sh for a broken build).
#
#   linux_test.sh pass   IMAGE KERNEL INITRD DTB LAYOUT PCPUS VCPUS
#       passes only on the hypervisor's PASS verdict (PCPUS pCPUs) AND
#       Linux's own marker line from /init ("LINUX-GUEST-MARKER:
#       cpus=VCPUS ... work=ok"; DTB must list VCPUS CPUs).
#   linux_test.sh broken IMAGE KERNEL INITRD DTB LAYOUT PCPUS VCPUS 'EXPECTED'...
#       passes only if the run fails exactly the EXPECTED checks.
set -uo pipefail

if [[ $# -lt 8 ]]; then
	echo "usage: $0 pass|broken IMAGE KERNEL INITRD DTB LAYOUT PCPUS VCPUS [EXPECTED...]" >&2
	exit 2
fi
mode=$1 image=$2 kernel=$3 initrd=$4 dtb=$5 layout=$6 cpus=$7 vcpus=$8
shift 8

# The address layout.h gives NAME.
addr() {
	awk -v n="$1" '$1 == "#define" && $2 == n { print $3 }' "$layout"
}
loaders=()
for f in "$kernel:LINUX_IMAGE_ADDR" "$initrd:LINUX_INITRD_ADDR" "$dtb:LINUX_DTB_ADDR"; do
	a=$(addr "${f##*:}")
	if [[ -z $a ]]; then
		echo "linux_test: FAIL: ${f##*:} not in $layout"
		exit 1
	fi
	loaders+=(-device "loader,file=${f%:*},addr=$a,force-raw=on")
done

if [[ $mode == broken ]]; then
	exec hv_demo/expect_failure.sh qemu-aarch64-el2-linux "$image" "$cpus" "$@" -- "${loaders[@]}"
fi
out=$(tools/emu/system_test.sh qemu-aarch64-el2-linux "$image" "$cpus" 60 "" -- "${loaders[@]}")
status=$?
echo "$out"
if ((status != 0)); then
	exit "$status"
fi
if ! grep -Eq "^LINUX-GUEST-MARKER: cpus=$vcpus .*work=ok" <<<"$out"; then
	echo "linux_test: FAIL: no line 'LINUX-GUEST-MARKER: cpus=$vcpus ... work=ok' from Linux's /init"
	exit 1
fi
echo "linux_test: PASS (Linux reached its marker with $vcpus CPUs on $cpus pCPUs)"
