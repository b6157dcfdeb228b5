/* SVM per pCPU, the identity NPT, and VMCB setup (svm_host.h). */
#include "hv_demo/x86_64/svm_host.h"

#include "hv_demo/report.h"
#include "hv_demo/x86_64/apic_timer.h"
#include "hv_demo/x86_64/x86_host.h"
#include "tools/boards/platform.h"
#include "tools/boards/x86_64/x86.h"

#define MSR_PAT 0x277

/* Nested page table entries: nested walks are user accesses (U set). */
#define NPT_PRESENT_RW_USER (PTE_P | PTE_W | PTE_U)
#define NPT_GIB 4

/* VMCB segment attributes: descriptor bits 40-47 and 52-55. */
#define ATTR_CODE64 0x0a9b
#define ATTR_DATA 0x0c93
#define ATTR_TSS64_BUSY 0x008b
#define DR6_INIT 0xffff0ff0
#define DR7_INIT 0x400
#define RFLAGS_FIXED 0x2
#define RFLAGS_IF 0x200

PERCPU_DEFINE(struct percpu_svm_host, svm_host);

struct svm_caps svm_caps;

/** Identity nested paging for the low 4 GiB (what the host maps), 2 MiB. */
static struct {
	_Alignas(4096) uint64_t pml4[512];
	_Alignas(4096) uint64_t pdpt[512];
	_Alignas(4096) uint64_t pd[NPT_GIB][512];
} npt;

/** Stops the demo before any guest ran: the CPU cannot do it. */
__attribute__((noreturn)) static void unsupported(const char *why)
{
	plat_puts("hv_demo: ");
	plat_puts(why);
	plat_puts("\n");
	plat_exit(PLAT_EXIT_FAIL);
}

static void npt_build(void)
{
	unsigned int g, i;

	npt.pml4[0] = (uintptr_t) npt.pdpt | NPT_PRESENT_RW_USER;
	for (g = 0; g < NPT_GIB; g++) {
		npt.pdpt[g] = (uintptr_t) npt.pd[g] | NPT_PRESENT_RW_USER;
		for (i = 0; i < 512; i++)
			npt.pd[g][i] =
				((uint64_t) g << 30 | (uint64_t) i << 21) |
				PTE_PS | NPT_PRESENT_RW_USER;
	}
}

void x86_host_init(void)
{
	uint32_t r[4];

	x86_cpuid(0x80000000, 0, r);
	if (r[0] < 0x8000000a)
		unsupported("this CPU has no CPUID leaf 0x8000000A (no SVM)");
	x86_cpuid(0x80000001, 0, r);
	if (!(r[2] & CPUID_80000001_ECX_SVM))
		unsupported("this CPU has no SVM (CPUID 0x80000001:ECX[2])");
	if (x86_rdmsr(MSR_VM_CR) & VM_CR_SVMDIS)
		unsupported("SVM is disabled (VM_CR.SVMDIS)");
	x86_cpuid(0x8000000a, 0, r);
	svm_caps = (struct svm_caps){
		.revision = r[0] & 0xff,
		.asids = r[1],
		.np = (r[3] & CPUID_8000000A_EDX_NP) != 0,
		.nrips = (r[3] & CPUID_8000000A_EDX_NRIPS) != 0,
	};
	if (svm_caps.np)
		npt_build();
	apic_timer_init();
}

void x86_host_pcpu_on(void)
{
	struct percpu_svm_host *h = this_cpu_ptr(svm_host);

	/* A per-CPU variable aligned far above 64 bytes, on every pCPU. */
	HV_CHECK((uintptr_t) h % 4096 == 0);
	x86_wrmsr(MSR_EFER, x86_rdmsr(MSR_EFER) | EFER_SVME);
	HV_CHECK(x86_rdmsr(MSR_EFER) & EFER_SVME);
	x86_wrmsr(PERCPU_MSR_VM_HSAVE_PA, (uintptr_t) h->hsave);
	apic_timer_pcpu_init();
}

void x86_host_pcpu_off(void)
{
	apic_timer_stop();
	x86_wrmsr(MSR_EFER, x86_rdmsr(MSR_EFER) & ~(uint64_t) EFER_SVME);
}

/** A flat segment: base 0, limit 4 GiB. */
static struct vmcb_seg flat(uint16_t selector, uint16_t attrib)
{
	return (struct vmcb_seg){selector, attrib, 0xffffffff, 0};
}

void vmcb_setup(struct vmcb *vmcb, uint64_t rip, uint64_t rsp)
{
	struct vmcb_control *c = &vmcb->control;
	struct vmcb_save *s = &vmcb->save;

	HV_CHECK((uintptr_t) vmcb % 4096 == 0);
	c->intercept_misc3 = INTERCEPT_INTR | INTERCEPT_SHUTDOWN;
	c->intercept_misc4 = INTERCEPT_VMRUN | INTERCEPT_VMMCALL;
	c->asid = 1;
	c->int_ctl = V_INTR_MASKING;
	if (svm_caps.np) {
		c->np_enable = 1;
		c->n_cr3 = (uintptr_t) npt.pml4;
		s->g_pat = x86_rdmsr(MSR_PAT);
	}
	/* Everything from this VMCB, whichever pCPU ran it last. */
	c->clean = 0;

	/* Guest: the host's paging and control registers, flat segments. */
	s->cs = flat(GDT_CODE64, ATTR_CODE64);
	/* GS base and KERNEL_GS_BASE 0: the guest sets its own. */
	s->ss = s->ds = s->es = s->fs = s->gs = flat(GDT_DATA, ATTR_DATA);
	s->kernel_gs_base = 0;
	s->tr = (struct vmcb_seg){0, ATTR_TSS64_BUSY, 0x67, 0};
	s->cpl = 0;
	s->efer = x86_rdmsr(MSR_EFER) | EFER_SVME;
	s->cr0 = x86_read_cr0();
	s->cr3 = x86_read_cr3();
	s->cr4 = x86_read_cr4();
	s->dr6 = DR6_INIT;
	s->dr7 = DR7_INIT;
	/*
	 * IF set: with V_INTR_MASKING it gates only virtual interrupts (there
	 * are none), but Bochs 2.7 keeps physical ones masked in a guest that
	 * starts with IF clear, and the timer would never exit it.
	 */
	s->rflags = RFLAGS_FIXED | RFLAGS_IF;
	s->rip = rip;
	s->rsp = rsp;
}
