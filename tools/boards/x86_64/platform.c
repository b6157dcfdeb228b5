/*
 * x86_64 test platform (QEMU and Bochs): COM1 console, exception reporting,
 * CPUs from the firmware tables, INIT-SIPI-SIPI bring-up through the local
 * APIC, and an exit both emulators understand.
 */
#include <string.h>

#include "tools/boards/platform.h"
#include "tools/boards/x86_64/cpus.h"
#include "tools/boards/x86_64/x86.h"

#define COM1 0x3f8
#define COM_THR 0
#define COM_IER 1
#define COM_DLL 0
#define COM_DLM 1
#define COM_FCR 2
#define COM_LCR 3
#define COM_MCR 4
#define COM_LSR 5
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

/* QEMU isa-debug-exit (iobase 0xf4): exits with status (value << 1) | 1. */
#define QEMU_EXIT_PORT 0xf4
/* Bochs: "Shutdown" written here ends the simulation (exit status 1). */
#define BOCHS_SHUTDOWN_PORT 0x8900

#define LAPIC_ICR_LO 0x300
#define LAPIC_ICR_HI 0x310
#define ICR_INIT 0x4500
#define ICR_STARTUP 0x4600
#define ICR_BUSY (1 << 12)

/* The PIT's channel 2, gated through port 0x61 (OUT2 readable there). */
#define PIT_HZ 1193182u
#define PIT_CH2 0x42
#define PIT_MODE 0x43
#define PIT_CH2_ONESHOT 0xb0 /* channel 2, LSB then MSB, mode 0 */
#define PORT_B 0x61
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_OUT2 0x20

/** INIT to STARTUP: 10 ms (MultiProcessor Specification, B.4). */
#define INIT_DELAY_US 10000u
/**
 * Time an AP gets to report in, per SIPI. The MP specification's 200 us is
 * far too short for emulators: an AP runs only when the emulator schedules
 * it (single-threaded TCG: in turn with every running CPU), so this is
 * generous. Time, not a count of pause loops: see pit_delay_us().
 */
#define AP_START_MS 10000u
/** PIT time the TSC's rate is measured against (plat_ticks_hz()). */
#define TSC_CALIBRATION_US 10000u

/* Exit codes the platform itself reports. */

/** Per-CPU boot stacks, by logical index; boot.S uses index 0's. */
uint8_t plat_stacks[PLAT_MAX_CPUS][PLAT_STACK_SIZE]
	__attribute__((aligned(16)));
/** Stack top for the AP being started, read by boot.S. */
uintptr_t ap_boot_stack;

/* From boot.S and image.ld. */
extern char trampoline_start[], trampoline_end[];
extern char exc_stubs[];
extern uint64_t low_pt[512];
extern char PERCPU_CPU_NUM[];
extern char __percpu_end[];

/** What the CPU pushed, below it the vector and (maybe dummy) error code. */
struct exc_frame {
	uint64_t vector, error, rip, cs, rflags, rsp, ss;
};

struct idt_entry {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __attribute__((packed));

#define IDT_INTERRUPT_GATE 0x8e

/** Every vector: the board fills the exceptions, images add interrupts. */
static struct idt_entry idt[256] __attribute__((aligned(16)));
static struct x86_cpus cpus;
uintptr_t x86_lapic_base;
static uint8_t cpu_started[PLAT_MAX_CPUS];

/** Handoff to the AP being started; one at a time. */
static struct {
	void (*fn)(unsigned int, void *);
	void *arg;
	unsigned int index;
	int started;
} ap_boot;

static void serial_init(void)
{
	x86_outb(COM1 + COM_IER, 0);
	x86_outb(COM1 + COM_LCR, LCR_DLAB);
	x86_outb(COM1 + COM_DLL, 1); /* 115200 baud */
	x86_outb(COM1 + COM_DLM, 0);
	x86_outb(COM1 + COM_LCR, LCR_8N1); /* Bochs resets to 5 data bits */
	x86_outb(COM1 + COM_FCR, 0xc7);
	x86_outb(COM1 + COM_MCR, 0x03);
}

static void serial_putc(char c)
{
	while ((x86_inb(COM1 + COM_LSR) & LSR_THRE) == 0)
		x86_pause();
	x86_outb(COM1 + COM_THR, (uint8_t) c);
}

static void serial_write(const char *s)
{
	while (*s != '\0')
		serial_putc(*s++);
}

/** Waits until the last character has left (else emulators drop it). */
static void serial_drain(void)
{
	while ((x86_inb(COM1 + COM_LSR) & LSR_TEMT) == 0)
		x86_pause();
}

void plat_puts(const char *s)
{
	serial_write(s);
}

void plat_cpu_relax(void)
{
	x86_pause();
}

unsigned int plat_cpu_count(void)
{
	return cpus.count;
}

unsigned int plat_cpu_index(void)
{
	uint32_t id = x86_apic_id();
	unsigned int i;

	for (i = 0; i < cpus.count; i++) {
		if (cpus.apic_id[i] == id)
			return i;
	}
	return 0; /* before discovery: the boot CPU */
}

__attribute__((noreturn)) void plat_park(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

__attribute__((noreturn)) void plat_exit(int code)
{
	static int exiting;
	char line[PLAT_VERDICT_MAX];

	if (__atomic_exchange_n(&exiting, 1, __ATOMIC_ACQ_REL))
		plat_park();
	/* Another CPU may hold the console mid-line: wait a little only. */
	(void) plat_console_lock_bounded(1000000);
	serial_write(plat_verdict_line(code, line));
	serial_drain();
	x86_outb(QEMU_EXIT_PORT, code == 0 ? 0 : 1);
	/* Bochs: magic_break drops into the debugger, whose rc file quits. */
	if (code == 0)
		__asm__ volatile("xchg %%bx, %%bx" ::: "memory");
	for (const char *s = "Shutdown"; *s != '\0'; s++)
		x86_outb(BOCHS_SHUTDOWN_PORT, (uint8_t) *s);
	plat_park();
}

static void idt_load(void)
{
	struct x86_dtr d = {sizeof(idt) - 1, (uintptr_t) idt};

	__asm__ volatile("lidt %0" : : "m"(d));
}

void x86_idt_set(unsigned int vector, const void *entry)
{
	uintptr_t a = (uintptr_t) entry;

	idt[vector] = (struct idt_entry){
		.offset_lo = (uint16_t) a,
		.selector = GDT_CODE64,
		.type = IDT_INTERRUPT_GATE,
		.offset_mid = (uint16_t) (a >> 16),
		.offset_hi = (uint32_t) (a >> 32),
	};
}

static void idt_init(void)
{
	unsigned int v;

	for (v = 0; v < 32; v++)
		x86_idt_set(v, exc_stubs + 16 * v);
	idt_load();
}

/** Called by boot.S on any CPU exception: reports it and fails the run. */
__attribute__((noreturn)) void plat_x86_exception(const struct exc_frame *f)
{
	uint64_t cr2;

	__asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
	/* GCC's __builtin_trap is ud2 (#UD): a failed UBSan check. */
	if (f->vector == 6)
		plat_puts(
			"\nundefined-behaviour trap (UBSan) or invalid opcode");
	plat_puts("\nEXCEPTION ");
	plat_put_dec(f->vector);
	plat_puts(" error ");
	plat_put_hex(f->error);
	plat_puts(" rip ");
	plat_put_hex(f->rip);
	plat_puts(" cr2 ");
	plat_put_hex(cr2);
	plat_puts(" on CPU ");
	plat_put_dec(plat_cpu_index());
	plat_puts("\n");
	plat_exit(PLAT_EXIT_TRAP);
}

/** Software-enables the calling CPU's local APIC (x86.h). */
static void lapic_enable(void)
{
	x86_lapic_write(LAPIC_SVR, x86_lapic_read(LAPIC_SVR) |
					   LAPIC_SVR_ENABLE |
					   LAPIC_SPURIOUS_VECTOR);
}

/**
 * Waits `us` microseconds (at most 54925) on the PIT's channel 2: emulated
 * time, not a count of pause loops. A pause yields to the other CPUs under
 * QEMU's single-threaded TCG, so a counted loop's length grows with the CPU
 * count (64 CPUs: 45 s of bring-up instead of under one).
 */
static void pit_delay_us(unsigned int us)
{
	uint32_t ticks = (uint32_t) ((uint64_t) PIT_HZ * us / 1000000u);
	uint8_t b = x86_inb(PORT_B);

	x86_outb(PORT_B, (uint8_t) ((b & ~PORT_B_SPEAKER) | PORT_B_GATE2));
	x86_outb(PIT_MODE, PIT_CH2_ONESHOT);
	x86_outb(PIT_CH2, (uint8_t) ticks);
	x86_outb(PIT_CH2, (uint8_t) (ticks >> 8));
	while ((x86_inb(PORT_B) & PORT_B_OUT2) == 0)
		x86_pause();
	x86_outb(PORT_B, b);
}

uint64_t plat_ticks(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (uint64_t) hi << 32 | lo;
}

/** The TSC's rate, measured once against TSC_CALIBRATION_US of the PIT. */
uint64_t plat_ticks_hz(void)
{
	static uint64_t hz;

	if (hz == 0) {
		uint64_t t0 = plat_ticks();

		pit_delay_us(TSC_CALIBRATION_US);
		hz = (plat_ticks() - t0) * 1000000u / TSC_CALIBRATION_US;
	}
	return hz;
}

static void send_ipi(uint32_t apic_id, uint32_t icr)
{
	x86_lapic_write(LAPIC_ICR_HI, apic_id << 24);
	x86_lapic_write(LAPIC_ICR_LO, icr);
	while (x86_lapic_read(LAPIC_ICR_LO) & ICR_BUSY)
		x86_pause();
}

int plat_start_cpu(unsigned int index, void (*fn)(unsigned int, void *),
		   void *arg)
{
	static int trampoline_ready;
	uint64_t wait = AP_START_MS * plat_ticks_hz() / 1000u;
	int sipi;

	if (index == 0 || index >= cpus.count || cpu_started[index])
		return -1;
	if (!trampoline_ready) {
		memcpy((void *) TRAMPOLINE_ADDR, trampoline_start,
		       (size_t) (trampoline_end - trampoline_start));
		trampoline_ready = 1;
	}
	ap_boot.fn = fn;
	ap_boot.arg = arg;
	ap_boot.index = index;
	ap_boot_stack = (uintptr_t) plat_stacks[index] + PLAT_STACK_SIZE;
	__atomic_store_n(&ap_boot.started, 0, __ATOMIC_RELEASE);
	send_ipi(cpus.apic_id[index], ICR_INIT);
	pit_delay_us(INIT_DELAY_US);
	/* A second SIPI only if the first was lost; a running CPU ignores it.
	 */
	for (sipi = 0; sipi < 2; sipi++) {
		uint64_t t0;

		send_ipi(cpus.apic_id[index],
			 ICR_STARTUP | (TRAMPOLINE_ADDR >> 12));
		t0 = plat_ticks();
		do {
			if (__atomic_load_n(&ap_boot.started,
					    __ATOMIC_ACQUIRE)) {
				cpu_started[index] = 1;
				return 0;
			}
			x86_pause();
		} while (plat_ticks() - t0 < wait);
	}
	return -1;
}

/** Called by boot.S on each AP, on its own stack. */
__attribute__((noreturn)) void plat_x86_ap_entry(void)
{
	void (*fn)(unsigned int, void *) = ap_boot.fn;
	void *arg = ap_boot.arg;
	unsigned int index = ap_boot.index;

	idt_load();
	lapic_enable();
	__atomic_store_n(&ap_boot.started, 1, __ATOMIC_RELEASE);
	fn(index, arg);
	plat_park();
}

/** Puts the boot CPU first, so that it is index 0. */
static int boot_cpu_first(void)
{
	uint32_t id = x86_apic_id();
	unsigned int i;

	for (i = 0; i < cpus.count; i++) {
		if (cpus.apic_id[i] == id) {
			cpus.apic_id[i] = cpus.apic_id[0];
			cpus.apic_id[0] = id;
			return 0;
		}
	}
	return -1;
}

/**
 * Unmaps the pages holding the per-CPU template's link addresses (0 up):
 * an access that bypasses the GS base faults instead of passing silently.
 */
static void unmap_template_pages(void)
{
	uintptr_t page;

	for (page = 0; page == 0 || page < (uintptr_t) __percpu_end;
	     page += 4096) {
		low_pt[page / 4096] = 0;
		__asm__ volatile("invlpg (%0)" : : "r"(page) : "memory");
	}
}

static __attribute__((noreturn)) void boot_fail(const char *why)
{
	plat_puts("x86_64 platform: ");
	plat_puts(why);
	plat_puts("\n");
	plat_exit(PLAT_EXIT_BOOT);
}

/** Called by boot.S on the boot CPU; `magic` is the multiboot magic or 0. */
__attribute__((noreturn)) void plat_x86_boot(uint32_t magic)
{
	serial_init();
	idt_init();
	plat_puts("x86_64 platform: booted by ");
	plat_puts(magic == 0x2badb002 ? "multiboot\n" : "boot sector\n");
	if ((uintptr_t) PERCPU_CPU_NUM > PLAT_MAX_CPUS)
		boot_fail("image.ld PERCPU_CPU_NUM > PLAT_MAX_CPUS");
	if (x86_find_cpus(&cpus) != 0)
		boot_fail("no ACPI MADT or MP table lists a CPU");
	if (boot_cpu_first() != 0)
		boot_fail("the boot CPU is not in the CPU table");
	x86_lapic_base = (uintptr_t) cpus.lapic_base;
	lapic_enable();
	unmap_template_pages();
	plat_puts("x86_64 platform: ");
	plat_put_dec(cpus.count);
	plat_puts(" CPUs from the ");
	plat_puts(cpus.source);
	if (cpus.dropped != 0) {
		plat_puts(" (");
		plat_put_dec(cpus.dropped);
		plat_puts(" more ignored)");
	}
	plat_puts("\n");
	plat_exit(plat_main());
}

/*
 * Register hooks (platform.h). percpu uses IA32_GS_BASE, written with wrmsr
 * or, where the runner enabled CR4.FSGSBASE, with wrgsbase; the other half
 * of swapgs, IA32_KERNEL_GS_BASE, is never percpu's to touch.
 */

/* Canonical (wrmsr faults otherwise), distinct per CPU. */
#define SENTINEL_KERNEL_GS_BASE 0x00004b4753420000ull /* "KGSB" */

uintptr_t plat_percpu_reg(void)
{
	return x86_rdmsr(MSR_GS_BASE);
}

void plat_other_regs_poison(void)
{
	x86_wrmsr(MSR_KERNEL_GS_BASE,
		  SENTINEL_KERNEL_GS_BASE + plat_cpu_index());
}

/** Reports a register check that failed on this CPU; returns -1. */
static int mismatch(const char *what, uint64_t got, uint64_t want)
{
	plat_put_mismatch("platform: CPU ", plat_cpu_index(), what, got, want);
	return -1;
}

int plat_other_regs_check(void)
{
	uint64_t kgs = x86_rdmsr(MSR_KERNEL_GS_BASE);
	uint64_t want = SENTINEL_KERNEL_GS_BASE + plat_cpu_index();
	int rc = 0;

	if (kgs != want)
		rc = mismatch("IA32_KERNEL_GS_BASE changed", kgs, want);
	/* With CR4.FSGSBASE, rdgsbase must see what rdmsr sees. */
	if (x86_read_cr4() & CR4_FSGSBASE) {
		uint64_t base;

		__asm__ volatile("rdgsbase %0" : "=r"(base));
		if (base != x86_rdmsr(MSR_GS_BASE))
			rc = mismatch("rdgsbase != rdmsr(IA32_GS_BASE)", base,
				      x86_rdmsr(MSR_GS_BASE));
	}
	return rc;
}

/*
 * Variants: the backend writes IA32_GS_BASE with wrmsr (CR4.FSGSBASE clear)
 * or with wrgsbase (CR4.FSGSBASE set, where CPUID offers it).
 */
enum { VARIANT_WRMSR, VARIANT_WRGSBASE, VARIANT_COUNT };

unsigned int plat_variant_count(void)
{
	return VARIANT_COUNT;
}

const char *plat_variant_name(unsigned int v)
{
	return v == VARIANT_WRMSR ? "wrmsr" : "wrgsbase";
}

const char *plat_variant_enter(unsigned int v)
{
	uint64_t cr4 = x86_read_cr4();

	if (v == VARIANT_WRMSR) {
		x86_write_cr4(cr4 & ~(uint64_t) CR4_FSGSBASE);
		return NULL;
	}
	if (!x86_has_fsgsbase())
		return "the CPU has no FSGSBASE";
	x86_write_cr4(cr4 | CR4_FSGSBASE);
	return NULL;
}
