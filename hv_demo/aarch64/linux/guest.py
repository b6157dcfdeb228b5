#!/usr/bin/env python3
"""Build-time generator of hv_demo's Linux guest files (python3, stdlib only).

    guest.py cpio OUT [--file DEST=SRC[:MODE]] [--dir DEST[:MODE]]
                      [--symlink DEST=TARGET] [--chardev DEST=MAJOR,MINOR[:MODE]] ...
        Writes an uncompressed newc cpio archive (a Linux initramfs) with those
        entries. Missing parent directories are added; entries are sorted by
        path (a directory before its contents); owner root, mtime 0, so the
        archive depends on the inputs only.

    guest.py dts OUT --layout layout.h --cpus N --initrd FILE [--image FILE]
        Writes the guest's device tree source for dtc: RAM, PSCI (HVC), N CPUs,
        arch timer, GICv2 distributor and CPU interface (nothing that suggests
        virtualization support), PL011 console, and the initramfs's place in
        /chosen. The addresses are the #define lines of layout.h. With --image
        (the kernel Image), also checks that the kernel, the initramfs and the
        device tree do not overlap.
"""
import argparse
import os
import re
import stat
import sys

# --- cpio (newc) ------------------------------------------------------------


def _parse_mode(text, default):
    """'0755' -> 0o755; None -> default."""
    if text is None:
        return default
    if not re.fullmatch(r"[0-7]{3,4}", text):
        raise ValueError("bad mode %r (octal, e.g. 0755)" % text)
    return int(text, 8)


def _split_mode(spec):
    """'a:0755' -> ('a', '0755'); 'a' -> ('a', None)."""
    head, sep, tail = spec.rpartition(":")
    if sep and re.fullmatch(r"[0-7]{3,4}", tail):
        return head, tail
    return spec, None


def _dest(path):
    """An archive path: relative, normalised, no '..'."""
    path = os.path.normpath(path.lstrip("/"))
    if path in ("", ".") or path.startswith(".."):
        raise ValueError("bad archive path %r" % path)
    return path


def cpio_entries(args):
    """path -> (mode, data, rdev) from the command line options."""
    entries = {}

    def add(path, mode, data=b"", rdev=(0, 0)):
        path = _dest(path)
        if path in entries:
            raise ValueError("%s given twice" % path)
        entries[path] = (mode, data, rdev)

    for spec in args.dir:
        path, mode = _split_mode(spec)
        add(path, stat.S_IFDIR | _parse_mode(mode, 0o755))
    for spec in args.file:
        dest, eq, src = spec.partition("=")
        if not eq:
            raise ValueError("--file %r: expected DEST=SRC[:MODE]" % spec)
        src, mode = _split_mode(src)
        with open(src, "rb") as f:
            add(dest, stat.S_IFREG | _parse_mode(mode, 0o644), f.read())
    for spec in args.symlink:
        dest, eq, target = spec.partition("=")
        if not eq or not target:
            raise ValueError("--symlink %r: expected DEST=TARGET" % spec)
        add(dest, stat.S_IFLNK | 0o777, target.encode())
    for spec in args.chardev:
        dest, eq, rest = spec.partition("=")
        rest, mode = _split_mode(rest)
        m = re.fullmatch(r"(\d+),(\d+)", rest)
        if not eq or not m:
            raise ValueError("--chardev %r: expected DEST=MAJOR,MINOR[:MODE]" % spec)
        add(dest, stat.S_IFCHR | _parse_mode(mode, 0o600), b"",
            (int(m.group(1)), int(m.group(2))))
    # Every parent directory, so that the kernel can create each entry.
    for path in list(entries):
        parent = os.path.dirname(path)
        while parent and parent not in entries:
            entries[parent] = (stat.S_IFDIR | 0o755, b"", (0, 0))
            parent = os.path.dirname(parent)
    for path, (mode, _, _) in entries.items():
        parent = os.path.dirname(path)
        if parent and not stat.S_ISDIR(entries[parent][0]):
            raise ValueError("%s: parent %s is not a directory" % (path, parent))
    return entries


def _pad4(n):
    return b"\0" * (-n % 4)


def newc(entries):
    """The newc archive of entries (path -> (mode, data, rdev)), sorted by path."""
    out = bytearray()

    def record(ino, path, mode, data, rdev, nlink):
        name = path.encode() + b"\0"
        fields = (ino, mode, 0, 0, nlink, 0, len(data), 0, 0, rdev[0], rdev[1],
                  len(name), 0)
        header = b"070701" + b"".join(b"%08x" % v for v in fields)
        out.extend(header + name + _pad4(len(header) + len(name)))
        out.extend(data + _pad4(len(data)))

    # Sorting by path components puts a directory right before its contents.
    for ino, path in enumerate(sorted(entries, key=lambda p: p.split("/")), 1):
        mode, data, rdev = entries[path]
        record(ino, path, mode, data, rdev, 2 if stat.S_ISDIR(mode) else 1)
    record(0, "TRAILER!!!", 0, b"", (0, 0), 1)
    return bytes(out)


# --- device tree --------------------------------------------------------------

LAYOUT_NAMES = (
    "LINUX_RAM_BASE",
    "LINUX_RAM_SIZE",
    "LINUX_INITRD_ADDR",
    "LINUX_GICD_BASE",
    "LINUX_GICC_BASE",
    "LINUX_UART_BASE",
)


def read_layout(path):
    """NAME -> value of the '#define NAME 0x...' (or decimal) lines of path."""
    values = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"\s*#\s*define\s+(\w+)\s+(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*\s*(/[*/].*)?$",
                         line)
            if m:
                values[m.group(1)] = int(m.group(2), 0)
    missing = [n for n in LAYOUT_NAMES if n not in values]
    if missing:
        raise ValueError("%s: no '#define NAME 0x...' line for %s" % (path, ", ".join(missing)))
    return values


def _cells(value):
    """A 64-bit value as two 32-bit cells (#address-cells = #size-cells = 2)."""
    return "0x%x 0x%x" % (value >> 32, value & 0xFFFFFFFF)


def _image_size(path):
    """The kernel's footprint from its arm64 Image header (image_size, with BSS)."""
    with open(path, "rb") as f:
        header = f.read(64)
    if len(header) < 64 or header[0x38:0x3C] != b"ARMd":
        raise ValueError("%s: not an arm64 Image (no 'ARMd' magic at 0x38)" % path)
    size = int.from_bytes(header[0x10:0x18], "little")
    return size or os.path.getsize(path)


def check_placement(layout, initrd_size, image_size):
    """Raise if the kernel, initramfs and device tree overlap or leave RAM."""
    ram = (layout["LINUX_RAM_BASE"], layout["LINUX_RAM_BASE"] + layout["LINUX_RAM_SIZE"])
    regions = [("initramfs", layout["LINUX_INITRD_ADDR"], initrd_size)]
    if image_size is not None and "LINUX_IMAGE_ADDR" in layout:
        regions.append(("kernel Image", layout["LINUX_IMAGE_ADDR"], image_size))
    if "LINUX_DTB_ADDR" in layout:
        # This one is under 4 KiB (the limit is 2 MiB).
        regions.append(("device tree", layout["LINUX_DTB_ADDR"], 0x1000))
    for name, start, size in regions:
        if start < ram[0] or start + size > ram[1]:
            raise ValueError("%s [0x%x, 0x%x) is outside guest RAM [0x%x, 0x%x)"
                             % (name, start, start + size, *ram))
    for i, (n1, s1, z1) in enumerate(regions):
        for n2, s2, z2 in regions[i + 1:]:
            if s1 < s2 + z2 and s2 < s1 + z1:
                raise ValueError("%s [0x%x, 0x%x) overlaps %s [0x%x, 0x%x): move them in layout.h"
                                 % (n1, s1, s1 + z1, n2, s2, s2 + z2))


def dts(layout, cpus, initrd_size):
    """The device tree source text."""
    ram_base, ram_size = layout["LINUX_RAM_BASE"], layout["LINUX_RAM_SIZE"]
    gicd, gicc = layout["LINUX_GICD_BASE"], layout["LINUX_GICC_BASE"]
    uart = layout["LINUX_UART_BASE"]
    initrd = layout["LINUX_INITRD_ADDR"]
    # GICv2 PPI flags: the CPU mask (bits 8-15) and trigger type 4, the
    # value QEMU's own virt device tree gives the timer.
    ppi = (((1 << cpus) - 1) << 8) | 4
    cpu_nodes = "".join("""
        cpu@%x {
            device_type = "cpu";
            compatible = "arm,cortex-a57";
            reg = <0x%x>;
            enable-method = "psci";
        };
""" % (i, i) for i in range(cpus))
    return """\
// hv_demo's Linux guest on QEMU virt, %(cpus)d CPUs: generated by guest.py
// from layout.h. Only what the guest may use: no GICH/GICV frames or
// maintenance interrupt (it must not think it can run KVM), no virtio, PCI,
// flash, fw-cfg or RTC, and no kaslr-seed (fixed addresses).
/dts-v1/;

/ {
    #address-cells = <2>;
    #size-cells = <2>;
    compatible = "linux,dummy-virt";
    model = "linux,dummy-virt";
    interrupt-parent = <&gic>;

    chosen {
        bootargs = "console=ttyAMA0 earlycon=pl011,0x%(uart)x panic=-1 rdinit=/init";
        stdout-path = "/pl011@%(uart)x";
        linux,initrd-start = <%(initrd_start)s>;
        linux,initrd-end = <%(initrd_end)s>;
    };

    memory@%(ram_base)x {
        device_type = "memory";
        reg = <%(ram_base_cells)s %(ram_size_cells)s>;
    };

    psci {
        compatible = "arm,psci-1.0", "arm,psci-0.2";
        method = "hvc";
    };

    cpus {
        #address-cells = <1>;
        #size-cells = <0>;
%(cpu_nodes)s    };

    timer {
        compatible = "arm,armv8-timer";
        // Secure, non-secure physical, virtual, hypervisor physical PPIs.
        interrupts = <1 13 0x%(ppi)x>, <1 14 0x%(ppi)x>, <1 11 0x%(ppi)x>, <1 10 0x%(ppi)x>;
        always-on;
    };

    gic: interrupt-controller@%(gicd)x {
        compatible = "arm,cortex-a15-gic";
        #interrupt-cells = <3>;
        #address-cells = <0>;
        interrupt-controller;
        // Distributor and CPU interface only.
        reg = <%(gicd_cells)s 0x0 0x1000>, <%(gicc_cells)s 0x0 0x2000>;
    };

    apb_pclk: apb-pclk {
        compatible = "fixed-clock";
        #clock-cells = <0>;
        clock-frequency = <24000000>;
        clock-output-names = "clk24mhz";
    };

    pl011@%(uart)x {
        compatible = "arm,pl011", "arm,primecell";
        reg = <%(uart_cells)s 0x0 0x1000>;
        interrupts = <0 1 4>;
        clocks = <&apb_pclk>, <&apb_pclk>;
        clock-names = "uartclk", "apb_pclk";
    };
};
""" % {
        "cpus": cpus,
        "uart": uart,
        "uart_cells": _cells(uart),
        "initrd_start": _cells(initrd),
        "initrd_end": _cells(initrd + initrd_size),
        "ram_base": ram_base,
        "ram_base_cells": _cells(ram_base),
        "ram_size_cells": _cells(ram_size),
        "cpu_nodes": cpu_nodes,
        "ppi": ppi,
        "gicd": gicd,
        "gicd_cells": _cells(gicd),
        "gicc_cells": _cells(gicc),
    }


# --- command line -------------------------------------------------------------


def main(argv):
    parser = argparse.ArgumentParser(prog="guest.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("cpio", help="write a newc cpio archive (initramfs)")
    p.add_argument("out")
    p.add_argument("--file", action="append", default=[], metavar="DEST=SRC[:MODE]")
    p.add_argument("--dir", action="append", default=[], metavar="DEST[:MODE]")
    p.add_argument("--symlink", action="append", default=[], metavar="DEST=TARGET")
    p.add_argument("--chardev", action="append", default=[], metavar="DEST=MAJOR,MINOR[:MODE]")
    p = sub.add_parser("dts", help="write the guest's device tree source")
    p.add_argument("out")
    p.add_argument("--layout", required=True, help="layout.h")
    p.add_argument("--cpus", required=True, type=int)
    p.add_argument("--initrd", required=True, help="the initramfs (for its size)")
    p.add_argument("--image", help="the kernel Image (to check the placement)")
    args = parser.parse_args(argv)
    try:
        if args.command == "cpio":
            data = newc(cpio_entries(args))
            mode = "wb"
        else:
            if not 1 <= args.cpus <= 8:
                raise ValueError("--cpus %d: GICv2 has 1 to 8 CPU interfaces" % args.cpus)
            layout = read_layout(args.layout)
            initrd_size = os.path.getsize(args.initrd)
            check_placement(layout, initrd_size,
                            _image_size(args.image) if args.image else None)
            data = dts(layout, args.cpus, initrd_size)
            mode = "w"
        with open(args.out, mode) as f:
            f.write(data)
    except (OSError, ValueError) as e:
        print("guest.py %s: %s" % (args.command, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
