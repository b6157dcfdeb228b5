/*
 * x86_64 test platform: constants shared by boot.S, the linker script's
 * users and C, plus the privileged-instruction helpers tests also use.
 */
#ifndef TESTS_PLATFORM_X86_64_X86_H
#define TESTS_PLATFORM_X86_64_X86_H

/* GDT selectors (boot.S builds the GDT in this order). */
#define GDT_CODE32 0x08
#define GDT_DATA 0x10
#define GDT_CODE64 0x18

/* Physical layout (see image.ld). */
#define IMAGE_BASE 0x100000
#define BOOT_BUFFER 0x10000
#define TRAMPOLINE_ADDR 0x8000
#define PLAT_STACK_SIZE 16384

#define CR0_PE (1 << 0)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_FSGSBASE (1 << 16)

#define MSR_APIC_BASE 0x1b
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102

/* Page table entry bits. */
#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_U 0x4
#define PTE_PS 0x80

/*
 * Local APIC registers (offsets from x86_lapic_base). The board
 * software-enables every CPU's APIC with spurious vector
 * LAPIC_SPURIOUS_VECTOR; an image that takes interrupts installs its entry.
 */
#define LAPIC_EOI 0xb0
#define LAPIC_SVR 0xf0
#define LAPIC_SVR_ENABLE 0x100
#define LAPIC_SPURIOUS_VECTOR 0xff

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline void x86_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t x86_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t x86_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t) hi << 32) | lo;
}

static inline void x86_wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr"
			 :
			 : "c"(msr), "a"((uint32_t) v),
			   "d"((uint32_t) (v >> 32))
			 : "memory");
}

static inline uint64_t x86_read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline uint64_t x86_read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline uint64_t x86_read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void x86_write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

/** CPUID leaf/subleaf; r = {eax, ebx, ecx, edx}. */
static inline void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

static inline void x86_pause(void)
{
	__asm__ volatile("pause" ::: "memory");
}

static inline void x86_sti(void)
{
	__asm__ volatile("sti" ::: "memory");
}

static inline void x86_cli(void)
{
	__asm__ volatile("cli" ::: "memory");
}

/** GDTR/IDTR image for lgdt/sgdt/lidt/sidt. */
struct x86_dtr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

/** Initial APIC id of the calling CPU (CPUID.1:EBX[31:24]). */
static inline uint32_t x86_apic_id(void)
{
	uint32_t r[4];

	x86_cpuid(1, 0, r);
	return r[1] >> 24;
}

/** True if the CPU has rd/wrfsbase and rd/wrgsbase (CPUID.7.0:EBX[0]). */
static inline int x86_has_fsgsbase(void)
{
	uint32_t r[4];

	x86_cpuid(0, 0, r);
	if (r[0] < 7)
		return 0;
	x86_cpuid(7, 0, r);
	return r[1] & 1;
}

/**
 * Physical (= virtual) address of the local APIC's registers, the same on
 * every CPU: from the ACPI MADT or the MP table, set before plat_main().
 * A plain global, not per-CPU data: interrupt entries may use it without %gs.
 */
extern uintptr_t x86_lapic_base;

static inline uint32_t x86_lapic_read(unsigned int reg)
{
	return *(volatile uint32_t *) (x86_lapic_base + reg);
}

static inline void x86_lapic_write(unsigned int reg, uint32_t v)
{
	*(volatile uint32_t *) (x86_lapic_base + reg) = v;
}

/**
 * Points IDT vector `vector` (32-255 for an image's own interrupts) at
 * `entry`, an interrupt gate in 64-bit code; every CPU shares the table.
 */
void x86_idt_set(unsigned int vector, const void *entry);

#endif /* __ASSEMBLER__ */

#endif /* TESTS_PLATFORM_X86_64_X86_H */
