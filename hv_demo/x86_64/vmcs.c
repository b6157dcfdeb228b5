/* VMX root per pCPU and VMCS setup. */
#include "hv_demo/x86_64/vmcs.h"

#include "hv_demo/report.h"
#include "hv_demo/x86_64/vmx.h"
#include "hv_demo/x86_64/x86_host.h"
#include "percpu_vmx.h"
#include "tools/boards/platform.h"
#include "tools/boards/x86_64/x86.h"

#define HOST_GDT_MAX 16
#define VMX_BASIC_TRUE_CTLS (1ull << 55)
#define CPUID_1_ECX_VMX (1u << 5)

/** 64-bit TSS; only there because HOST_TR_SELECTOR must not be 0. */
struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss64) == 104, "64-bit TSS is 104 bytes");

/** Per-pCPU descriptor tables: the platform's GDT plus this pCPU's TSS. */
struct host_tables {
	uint64_t gdt[HOST_GDT_MAX];
	struct tss64 tss;
	uint16_t tr;
};

PERCPU_DEFINE(struct vmxon_region, vmxon);
PERCPU_DEFINE(struct host_tables, host_tables);

/** All-zero MSR bitmap: guest rdmsr/wrmsr never exit. */
static _Alignas(4096) uint8_t msr_bitmap[4096];

_Static_assert(HOST_RSP == 0x6c14, "vmx_entry.S's VMCS_HOST_RSP");

/** Loads this pCPU's GDT (a copy of the current one plus a TSS) and TR. */
static void load_host_tables(void)
{
	struct host_tables *t = this_cpu_ptr(host_tables);
	uint64_t tss = (uintptr_t) &t->tss;
	struct x86_dtr gdtr;
	unsigned int n, i;

	__asm__ volatile("sgdt %0" : "=m"(gdtr));
	n = (gdtr.limit + 1u) / 8;
	HV_CHECK(n + 2 <= HOST_GDT_MAX);
	for (i = 0; i < n; i++)
		t->gdt[i] = ((const uint64_t *) gdtr.base)[i];
	/* Available 64-bit TSS (type 9), present, limit 0x67. */
	t->gdt[n] = 0x67 | (tss & 0xffffff) << 16 | 0x89ull << 40 |
		    ((tss >> 24) & 0xff) << 56;
	t->gdt[n + 1] = tss >> 32;
	t->tss.iomap_base = sizeof(t->tss);
	t->tr = (uint16_t) (n * 8);
	gdtr.base = (uintptr_t) t->gdt;
	gdtr.limit = (uint16_t) ((n + 2) * 8 - 1);
	__asm__ volatile("lgdt %0; ltr %1"
			 :
			 : "m"(gdtr), "r"(t->tr)
			 : "memory");
}

void x86_host_init(void)
{
	uint32_t id[4];

	x86_cpuid(1, 0, id);
	if (!(id[2] & CPUID_1_ECX_VMX)) {
		plat_puts("hv_demo: this CPU has no VMX (CPUID.1:ECX[5])\n");
		plat_exit(PLAT_EXIT_FAIL);
	}
}

void x86_host_pcpu_on(void)
{
	uint64_t fc = x86_rdmsr(MSR_IA32_FEATURE_CONTROL);
	uint64_t cr0 = x86_read_cr0(), cr4 = x86_read_cr4() | CR4_VMXE;
	struct vmxon_region *region = this_cpu_ptr(vmxon);

	if (!(fc & FEATURE_CONTROL_LOCKED)) {
		fc |= FEATURE_CONTROL_LOCKED |
		      FEATURE_CONTROL_VMXON_OUTSIDE_SMX;
		x86_wrmsr(MSR_IA32_FEATURE_CONTROL, fc);
	}
	HV_CHECK(fc & FEATURE_CONTROL_VMXON_OUTSIDE_SMX);
	load_host_tables();
	cr0 = (cr0 | x86_rdmsr(MSR_IA32_VMX_CR0_FIXED0)) &
	      x86_rdmsr(MSR_IA32_VMX_CR0_FIXED1);
	cr4 = (cr4 | x86_rdmsr(MSR_IA32_VMX_CR4_FIXED0)) &
	      x86_rdmsr(MSR_IA32_VMX_CR4_FIXED1);
	__asm__ volatile("mov %0, %%cr0; mov %1, %%cr4"
			 :
			 : "r"(cr0), "r"(cr4)
			 : "memory");
	/* A per-CPU variable aligned far above 64 bytes, on every pCPU. */
	HV_CHECK((uintptr_t) region % 4096 == 0);
	region->revision =
		(uint32_t) x86_rdmsr(MSR_IA32_VMX_BASIC) & 0x7fffffff;
	HV_CHECK(vmxon((uintptr_t) region));
}

void x86_host_pcpu_off(void)
{
	vmxoff();
}

void vmcs_prepare(struct vmcs *vmcs)
{
	HV_CHECK((uintptr_t) vmcs % 4096 == 0);
	vmcs->revision = (uint32_t) x86_rdmsr(MSR_IA32_VMX_BASIC) & 0x7fffffff;
}

void vmcs_write(uint32_t field, uint64_t value)
{
	if (vmwrite(field, value))
		return;
	plat_console_lock();
	plat_puts("hv_demo: vmwrite ");
	plat_put_hex(field);
	plat_puts(" failed, VM-instruction error ");
	plat_put_dec(vmread(VM_INSTRUCTION_ERROR));
	plat_puts("\n");
	plat_exit(PLAT_EXIT_FAIL);
}

uint32_t vmx_quantum_ticks(void)
{
	return VMX_QUANTUM_TSC >>
	       VMX_MISC_PREEMPTION_RATE(x86_rdmsr(MSR_IA32_VMX_MISC));
}

/** `want` adjusted to a TRUE capability MSR; every wanted bit must stay. */
static uint32_t controls(uint32_t msr, uint32_t want)
{
	uint64_t cap = x86_rdmsr(msr);
	uint32_t ctl = (want | (uint32_t) cap) & (uint32_t) (cap >> 32);

	HV_CHECK((ctl & want) == want);
	return ctl;
}

/** Guest segment `seg`: selector, flat base/limit, access rights. */
static void guest_segment(enum vmcs_seg seg, uint16_t sel, uint32_t limit,
			  uint32_t ar)
{
	vmcs_write(GUEST_ES_SELECTOR + 2 * seg, sel);
	vmcs_write(GUEST_ES_BASE + 2 * seg, 0);
	vmcs_write(GUEST_ES_LIMIT + 2 * seg, limit);
	vmcs_write(GUEST_ES_AR + 2 * seg, ar);
}

/** Reads a segment selector; host selectors need RPL 0 and TI 0. */
#define HOST_SELECTOR(reg)                                                     \
	__extension__({                                                        \
		uint16_t s_;                                                   \
		__asm__ volatile("mov %%" #reg ", %0" : "=r"(s_));             \
		HV_CHECK((s_ & 7) == 0);                                       \
		s_;                                                            \
	})

void vmcs_setup(uint64_t rip, uint64_t rsp)
{
	enum vmcs_seg seg;
	struct x86_dtr idtr;

	HV_CHECK(x86_rdmsr(MSR_IA32_VMX_BASIC) & VMX_BASIC_TRUE_CTLS);
	vmcs_write(PIN_BASED_CONTROLS,
		   controls(MSR_IA32_VMX_TRUE_PINBASED, PIN_PREEMPTION_TIMER));
	/* Not saved on exits: every entry starts a whole quantum. */
	vmcs_write(VMX_PREEMPTION_TIMER_VALUE, vmx_quantum_ticks());
	vmcs_write(PROC_BASED_CONTROLS,
		   controls(MSR_IA32_VMX_TRUE_PROCBASED, PROC_USE_MSR_BITMAPS));
	vmcs_write(EXIT_CONTROLS,
		   controls(MSR_IA32_VMX_TRUE_EXIT, EXIT_HOST_ADDR_SPACE_SIZE));
	vmcs_write(ENTRY_CONTROLS,
		   controls(MSR_IA32_VMX_TRUE_ENTRY, ENTRY_IA32E_MODE_GUEST));
	vmcs_write(EXCEPTION_BITMAP, 0);
	vmcs_write(CR3_TARGET_COUNT, 0);
	vmcs_write(EXIT_MSR_STORE_COUNT, 0);
	vmcs_write(EXIT_MSR_LOAD_COUNT, 0);
	vmcs_write(ENTRY_MSR_LOAD_COUNT, 0);
	vmcs_write(ENTRY_INTR_INFO, 0);
	vmcs_write(CR0_GUEST_HOST_MASK, 0);
	vmcs_write(CR4_GUEST_HOST_MASK, 0);
	vmcs_write(MSR_BITMAP, (uintptr_t) msr_bitmap);
	vmcs_write(VMCS_LINK_POINTER, ~0ull);

	/* Guest: the host's paging and control registers, flat segments. */
	vmcs_write(GUEST_CR0, x86_read_cr0());
	vmcs_write(GUEST_CR3, x86_read_cr3());
	vmcs_write(GUEST_CR4, x86_read_cr4());
	vmcs_write(GUEST_DR7, 0x400);
	vmcs_write(GUEST_IA32_DEBUGCTL, 0);
	for (seg = SEG_ES; seg <= SEG_GS; seg++) {
		if (seg == SEG_CS)
			guest_segment(seg, GDT_CODE64, 0xffffffff, 0xa09b);
		else
			guest_segment(seg, GDT_DATA, 0xffffffff, 0xc093);
	}
	guest_segment(SEG_LDTR, 0, 0, 0x10000);		   /* unusable */
	guest_segment(SEG_TR, GDT_CODE64 + 8, 0x67, 0x8b); /* busy TSS */
	vmcs_write(GUEST_GDTR_BASE, 0);
	vmcs_write(GUEST_GDTR_LIMIT, 0);
	vmcs_write(GUEST_IDTR_BASE, 0);
	vmcs_write(GUEST_IDTR_LIMIT, 0);
	vmcs_write(GUEST_SYSENTER_CS, 0);
	vmcs_write(GUEST_SYSENTER_ESP, 0);
	vmcs_write(GUEST_SYSENTER_EIP, 0);
	vmcs_write(GUEST_INTERRUPTIBILITY, 0);
	vmcs_write(GUEST_ACTIVITY_STATE, 0);
	vmcs_write(GUEST_PENDING_DBG, 0);
	vmcs_write(GUEST_RSP, rsp);
	vmcs_write(GUEST_RIP, rip);
	vmcs_write(GUEST_RFLAGS, 0x2);

	/* Host: the same on every pCPU ... */
	__asm__ volatile("sidt %0" : "=m"(idtr));
	vmcs_write(HOST_CR0, x86_read_cr0());
	vmcs_write(HOST_CR3, x86_read_cr3());
	vmcs_write(HOST_CR4, x86_read_cr4());
	vmcs_write(HOST_CS_SELECTOR, HOST_SELECTOR(cs));
	vmcs_write(HOST_SS_SELECTOR, HOST_SELECTOR(ss));
	vmcs_write(HOST_DS_SELECTOR, HOST_SELECTOR(ds));
	vmcs_write(HOST_ES_SELECTOR, HOST_SELECTOR(es));
	vmcs_write(HOST_FS_SELECTOR, HOST_SELECTOR(fs));
	vmcs_write(HOST_GS_SELECTOR, HOST_SELECTOR(gs));
	vmcs_write(HOST_FS_BASE, x86_rdmsr(MSR_FS_BASE));
	vmcs_write(HOST_IDTR_BASE, idtr.base);
	vmcs_write(HOST_SYSENTER_CS, 0);
	vmcs_write(HOST_SYSENTER_ESP, 0);
	vmcs_write(HOST_SYSENTER_EIP, 0);
	vmcs_write(HOST_RIP, (uintptr_t) vmx_exit);
	/* ... and per pCPU. */
	vmcs_write_host_pcpu(true);
}

void vmcs_write_host_pcpu(bool gs_base)
{
	struct host_tables *t = this_cpu_ptr(host_tables);

	if (gs_base)
		vmcs_write(PERCPU_VMCS_HOST_GS_BASE, percpu_vmx_host_gs_base());
	vmcs_write(HOST_TR_SELECTOR, t->tr);
	vmcs_write(HOST_TR_BASE, (uintptr_t) &t->tss);
	vmcs_write(HOST_GDTR_BASE, (uintptr_t) t->gdt);
}
