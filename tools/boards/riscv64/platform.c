/*
 * The riscv64 test platform: QEMU virt with the H extension, in HS-mode
 * under OpenSBI or the board's own firmware (firmware/fw.S). Console: the
 * ns16550a UART. Harts: /cpus in the device tree, started through the SBI
 * HSM extension, or, without it, every hart started by the firmware at
 * _start and handed its index there (boot.S). Exit: the SiFive test device
 * (QEMU exits with the status written), SBI system reset as a fallback.
 *
 * The logical index of a hart is the stack it runs on (plat_stacks), so the
 * platform needs neither tp, gp nor sscratch for itself.
 */
#include "tools/boards/platform.h"

#include "tools/boards/fdt.h"
#include "tools/boards/smp.h"
#include "tools/boards/riscv64/layout.h"

/** One stack per hart: the boot hart uses [0], hart index i uses [i]. */
__attribute__((aligned(16)))
uint8_t plat_stacks[PLAT_MAX_CPUS][PLAT_STACK_SIZE];

/** Entry point of started harts (boot.S). */
void plat_secondary_entry(void);

/**
 * Per hart id, for a hart the firmware started at _start besides the boot
 * hart (boot.S): -1, then the logical index it is to run as. Initialised,
 * so in .data: the boot hart's .bss clearing does not touch it.
 */
volatile int64_t plat_spinwait[PLAT_MAX_CPUS] = {[0 ... PLAT_MAX_CPUS - 1] =
							 -1};

static struct fdt_cpus harts;
static unsigned int boot_index_hart;	/* harts.reg[] index of the boot hart */
static uint64_t hart_of[PLAT_MAX_CPUS]; /* logical index -> hart id */

/* SBI (v0.2+ calling convention): a7 = extension, a6 = function. */
#define SBI_EXT_BASE 0x10
#define SBI_BASE_PROBE_EXTENSION 3
#define SBI_EXT_HSM 0x48534d
#define SBI_HSM_HART_START 0
#define SBI_ERR_ALREADY_AVAILABLE (-6)
#define SBI_EXT_SRST 0x53525354
#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_FAILURE 1

struct sbiret {
	long error;
	long value;
};

static struct sbiret sbi_call(unsigned long ext, unsigned long fid,
			      unsigned long arg0, unsigned long arg1,
			      unsigned long arg2)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ volatile("ecall"
			 : "+r"(a0), "+r"(a1)
			 : "r"(a2), "r"(a6), "r"(a7)
			 : "memory");
	ret.error = (long) a0;
	ret.value = (long) a1;
	return ret;
}

static int sbi_has(unsigned long ext)
{
	struct sbiret r =
		sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, ext, 0, 0);

	return r.error == 0 && r.value != 0;
}

/* Console: ns16550a, THR at +0, LSR at +5 (bit 5: THR empty). */
static void uart_putc(char c)
{
	volatile uint8_t *uart = (volatile uint8_t *) PLAT_UART_BASE;

	while ((uart[5] & 0x20) == 0)
		;
	uart[0] = (uint8_t) c;
}

void plat_puts(const char *s)
{
	while (*s != '\0')
		uart_putc(*s++);
}

/*
 * Waits for a timer a few ticks ahead (layout.h). A spinning hart thereby
 * lets the others run: QEMU's single-threaded TCG runs harts in turn and
 * moves on only when one halts, which `pause` does not do.
 */
void plat_cpu_relax(void)
{
	__asm__ volatile("csrw %0, %1\n\twfi"
			 :
			 : "i"(PLAT_CSR_STIMECMP),
			   "r"(plat_ticks() + PLAT_RELAX_TICKS)
			 : "memory");
}

uint64_t plat_ticks(void)
{
	uint64_t now;

	__asm__ volatile("csrr %0, time" : "=r"(now));
	return now;
}

uint64_t plat_ticks_hz(void)
{
	return PLAT_TIMEBASE_HZ;
}

unsigned int plat_cpu_count(void)
{
	return harts.count;
}

unsigned int plat_cpu_index(void)
{
	uintptr_t sp;

	__asm__ volatile("mv %0, sp" : "=r"(sp));
	return (unsigned int) ((sp - 1 - (uintptr_t) plat_stacks) /
			       PLAT_STACK_SIZE);
}

/** Whether the firmware has SBI HSM; without it every hart starts at _start. */
static int has_hsm;

/**
 * Gives logical index `index` to `hart`, which waits (or will) at _start in
 * plat_spinwait (boot.S); plat_smp_start() then waits for it to run. 0, or
 * -1 for a hart id past the table.
 */
static long hand_over(uint64_t hart, unsigned int index)
{
	if (hart >= PLAT_MAX_CPUS) {
		plat_puts("riscv64: hart id past the hand-over table\n");
		return -1;
	}
	__atomic_store_n(&plat_spinwait[hart], (int64_t) index,
			 __ATOMIC_RELEASE);
	return 0;
}

/**
 * Starts hart `index` at plat_secondary_entry (smp.h): SBI HSM HART_START,
 * or, for a hart the firmware started at _start (every hart, without HSM),
 * the hand-over.
 */
static long power_on(unsigned int index)
{
	uint64_t hart = hart_of[index];
	long rc;

	if (!has_hsm)
		return hand_over(hart, index);
	rc = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hart,
		      (unsigned long) (uintptr_t) plat_secondary_entry, index)
		     .error;
	if (rc == SBI_ERR_ALREADY_AVAILABLE) {
		plat_puts("riscv64: hart ");
		plat_put_dec(hart);
		plat_puts(" was started by the firmware too; handing over\n");
		rc = hand_over(hart, index);
	}
	return rc;
}

int plat_start_cpu(unsigned int index, void (*fn)(unsigned int, void *),
		   void *arg)
{
	return plat_smp_start(index, harts.count, fn, arg, power_on);
}

/** C entry of a started hart (boot.S): runs what plat_start_cpu() gave. */
void plat_secondary_boot(unsigned int index)
{
	plat_smp_run(index);
}

void plat_park(void)
{
	/* No interrupt enabled at all: plat_cpu_relax()'s timer, still
	 * pending, would end every WFI at once. */
	__asm__ volatile("csrc sstatus, %0\n\tcsrw sie, zero" : : "r"(2ul));
	for (;;)
		__asm__ volatile("wfi");
}

void plat_exit(int code)
{
	volatile uint32_t *test = (volatile uint32_t *) PLAT_TEST_BASE;
	char line[PLAT_VERDICT_MAX];

	/* Another CPU may hold the console mid-line: wait a little only. */
	(void) plat_console_lock_bounded(1000000);
	plat_puts(plat_verdict_line(code, line));
	if (code == 0)
		*test = 0x5555;
	else
		*test = ((uint32_t) code & 0xffff) << 16 | 0x3333;
	/* Not reached on QEMU virt; SBI system reset otherwise. */
	sbi_call(SBI_EXT_SRST, SBI_SRST_SHUTDOWN,
		 code == 0 ? SBI_SRST_REASON_NONE : SBI_SRST_REASON_FAILURE, 0,
		 0);
	plat_park();
}

/* The per-CPU register, and the ones percpu must leave alone. */

/* The per-CPU base register of this build, and the other one. */
#ifdef PLAT_RISCV_GP
#define BASE_REG "gp"
#define OTHER_REG "tp"
#else
#define BASE_REG "tp"
#define OTHER_REG "gp"
#endif

uintptr_t plat_percpu_reg(void)
{
	uintptr_t v;

	__asm__ volatile("mv %0, " BASE_REG : "=r"(v));
	return v;
}

/** Sentinel of the calling hart (distinct per hart). */
static uintptr_t sentinel(void)
{
	return 0x5a5a5a5a00000000ull + plat_cpu_index();
}

static uintptr_t read_sscratch(void)
{
	uintptr_t v;

	__asm__ volatile("csrr %0, sscratch" : "=r"(v));
	return v;
}

/** gp with the tp backend (__global_pointer$, which it must keep). */
static uintptr_t read_other_reg(void)
{
	uintptr_t v;

	__asm__ volatile("mv %0, " OTHER_REG : "=r"(v));
	return v;
}

/** What the other base register must hold on the calling hart. */
static uintptr_t other_reg_expected(void)
{
#ifdef PLAT_RISCV_GP
	return sentinel();
#else
	uintptr_t v;

	__asm__ volatile(".option push\n\t.option norelax\n\t"
			 "lla %0, __global_pointer$\n\t.option pop"
			 : "=r"(v));
	return v;
#endif
}

void plat_other_regs_poison(void)
{
	__asm__ volatile("csrw sscratch, %0" : : "r"(sentinel()));
#ifdef PLAT_RISCV_GP
	__asm__ volatile("mv tp, %0" : : "r"(sentinel()));
#endif
}

/** Reports a register percpu must not touch that changed; returns -1. */
static int report_changed(const char *what, uintptr_t got, uintptr_t want)
{
	plat_put_mismatch("riscv64 hart index ", plat_cpu_index(), what, got,
			  want);
	return -1;
}

int plat_other_regs_check(void)
{
	int ret = 0;

	if (read_sscratch() != sentinel())
		ret = report_changed("sscratch changed", read_sscratch(),
				     sentinel());
	if (read_other_reg() != other_reg_expected())
#ifdef PLAT_RISCV_GP
		ret = report_changed("tp changed", read_other_reg(),
				     other_reg_expected());
#else
		ret = report_changed("gp changed", read_other_reg(),
				     other_reg_expected());
#endif
	return ret;
}

/** Every trap is fatal: report and fail (boot.S's plat_trap_entry). */
#define SCAUSE_BREAKPOINT 3

void plat_trap(uint64_t scause, uint64_t sepc, uint64_t stval)
{
	/* GCC's __builtin_trap is ebreak: a failed UBSan check. */
	if (scause == SCAUSE_BREAKPOINT)
		plat_puts("riscv64: undefined-behaviour trap (UBSan)\n");
	plat_puts("riscv64: unexpected trap on CPU ");
	plat_put_dec(plat_cpu_index());
	plat_puts(": scause ");
	plat_put_hex(scause);
	plat_puts(" sepc ");
	plat_put_hex(sepc);
	plat_puts(" stval ");
	plat_put_hex(stval);
	plat_puts("\n");
	plat_exit(PLAT_EXIT_TRAP);
}

/** C entry of the boot hart (boot.S): finds the harts, runs plat_main(). */
void plat_boot(uint64_t hartid, const void *fdt)
{
	const char *err = "";
	uint64_t hstatus;
	unsigned int i, n;

	/* hstatus (0x600) exists only in HS-mode: a trap here fails the run. */
	__asm__ volatile("csrr %0, 0x600" : "=r"(hstatus));
	if (fdt_scan(fdt, &harts, &err) != 0) {
		plat_puts("riscv64: device tree: ");
		plat_puts(err);
		plat_puts("\n");
		plat_exit(PLAT_EXIT_BOOT);
	}
	/* Logical index 0 is the boot hart (OpenSBI picks any), then tree
	 * order. */
	boot_index_hart = harts.count;
	for (i = 0; i < harts.count; i++) {
		if (harts.reg[i] == hartid)
			boot_index_hart = i;
	}
	if (boot_index_hart == harts.count) {
		plat_puts("riscv64: boot hart not in /cpus\n");
		plat_exit(PLAT_EXIT_BOOT);
	}
	hart_of[0] = hartid;
	for (i = 0, n = 1; i < harts.count; i++) {
		if (i != boot_index_hart)
			hart_of[n++] = harts.reg[i];
	}
	plat_puts("riscv64: HS-mode (hstatus ");
	plat_put_hex(hstatus);
	plat_puts("), ");
	plat_put_dec(harts.count);
	plat_puts(" harts, boot hart ");
	plat_put_dec(hartid);
	if (harts.dropped != 0) {
		plat_puts(", ");
		plat_put_dec(harts.dropped);
		plat_puts(" more not used");
	}
	has_hsm = sbi_has(SBI_EXT_HSM);
	plat_puts(has_hsm ? ", harts started through SBI HSM\n"
			  : ", no SBI HSM: the firmware started every hart\n");
	plat_exit(plat_main());
}
