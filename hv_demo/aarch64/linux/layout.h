/*
 * Where the Linux guest lives: the one place that says it. The hypervisor
 * (stage-2 map, vCPU entry), the guest device tree generator (guest.py reads
 * the #define lines below) and the QEMU loader arguments all use these
 * values. Guest physical == host physical (identity stage 2).
 */
#ifndef HV_DEMO_AARCH64_LINUX_LAYOUT_H
#define HV_DEMO_AARCH64_LINUX_LAYOUT_H

/* Guest RAM: the hypervisor's own image (0x40200000) stays outside it. */
#define LINUX_RAM_BASE 0x48000000
#define LINUX_RAM_SIZE 0x08000000
/* The kernel Image (2 MiB aligned, text_offset 0), initramfs, device tree. */
#define LINUX_IMAGE_ADDR 0x48000000
#define LINUX_INITRD_ADDR 0x4d000000
#define LINUX_DTB_ADDR 0x4fe00000
/* QEMU virt devices the guest sees: distributor (trapped and emulated),
 * CPU interface (the GICV frame mapped there), PL011. */
#define LINUX_GICD_BASE 0x08000000
#define LINUX_GICC_BASE 0x08010000
#define LINUX_GICV_BASE 0x08040000
#define LINUX_UART_BASE 0x09000000
/* QEMU's RAM size in MiB (hypervisor + guest). */
#define LINUX_QEMU_RAM_MB 512

#endif /* HV_DEMO_AARCH64_LINUX_LAYOUT_H */
