/*
 * The VMCB fields, intercepts, exit codes, MSRs and CPUID bits hv_demo's SVM
 * backend uses (AMD APM vol. 2, appendix B and chapter 15), and CLGI/STGI
 * (VMRUN, VMSAVE and VMLOAD: svm_entry.S, percpu_svm.h's protocol).
 */
#ifndef HV_DEMO_X86_64_VMCB_H
#define HV_DEMO_X86_64_VMCB_H

#include <stddef.h>
#include <stdint.h>

#include "percpu_svm.h"

#define MSR_VM_CR 0xc0010114
#define VM_CR_SVMDIS (1u << 4)
#define EFER_SVME (1u << 12)

/** CPUID 0x80000001 ECX: SVM; CPUID 0x8000000A EDX: its features. */
#define CPUID_80000001_ECX_SVM (1u << 2)
#define CPUID_8000000A_EDX_NP (1u << 0)
#define CPUID_8000000A_EDX_NRIPS (1u << 3)

/** Intercept vector 3 (VMCB 0x00c) and 4 (0x010) bits. */
#define INTERCEPT_INTR (1u << 0)
#define INTERCEPT_SHUTDOWN (1u << 31)
#define INTERCEPT_VMRUN (1u << 0)
#define INTERCEPT_VMMCALL (1u << 1)

/** int_ctl: physical interrupts follow the host's RFLAGS.IF (HIF). */
#define V_INTR_MASKING (1ull << 24)

/** Exit codes. */
#define VMEXIT_INTR 0x60
#define VMEXIT_VMMCALL 0x81
#define VMEXIT_NPF 0x400
#define VMEXIT_INVALID (~0ull)

/** VMMCALL's length: RIP's advance without NRIPS. */
#define VMMCALL_LENGTH 3

/** A segment in the state save area; attrib is the descriptor's
 * bits 40-47 and 52-55. */
struct vmcb_seg {
	uint16_t selector;
	uint16_t attrib;
	uint32_t limit;
	uint64_t base;
};

/** The control area (VMCB 0x000-0x3ff), the fields hv_demo uses. */
struct vmcb_control {
	uint32_t intercept_cr;
	uint32_t intercept_dr;
	uint32_t intercept_exceptions;
	uint32_t intercept_misc3;
	uint32_t intercept_misc4;
	uint8_t reserved1[0x040 - 0x014];
	uint64_t iopm_base_pa;
	uint64_t msrpm_base_pa;
	uint64_t tsc_offset;
	uint32_t asid;
	uint8_t tlb_control;
	uint8_t reserved2[3];
	uint64_t int_ctl;
	uint64_t int_shadow;
	uint64_t exit_code;
	uint64_t exit_info1;
	uint64_t exit_info2;
	uint64_t exit_int_info;
	uint64_t np_enable;
	uint8_t reserved3[0x0a8 - 0x098];
	uint64_t event_inj;
	uint64_t n_cr3;
	uint64_t virt_ext;
	uint32_t clean;
	uint32_t reserved4;
	uint64_t next_rip;
	uint8_t reserved5[0x400 - 0x0d0];
};

/** The state save area (VMCB 0x400 on), up to G_PAT. */
struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;
	uint8_t reserved1[0x4cb - 0x4a0];
	uint8_t cpl;
	uint32_t reserved2;
	uint64_t efer;
	uint8_t reserved3[0x548 - 0x4d8];
	uint64_t cr4, cr3, cr0, dr7, dr6, rflags, rip;
	uint8_t reserved4[0x5d8 - 0x580];
	uint64_t rsp;
	uint8_t reserved5[0x5f8 - 0x5e0];
	uint64_t rax;
	uint64_t star, lstar, cstar, sfmask, kernel_gs_base;
	uint64_t sysenter_cs, sysenter_esp, sysenter_eip, cr2;
	uint8_t reserved6[0x668 - 0x648];
	uint64_t g_pat;
};

/** A VMCB: one 4 KiB-aligned page. */
struct vmcb {
	_Alignas(4096) struct vmcb_control control;
	struct vmcb_save save;
	uint8_t reserved[4096 - 0x670];
};

#define VMCB_AT(field, offset)                                                 \
	_Static_assert(offsetof(struct vmcb, field) == (offset), #field)
VMCB_AT(control.intercept_misc3, 0x00c);
VMCB_AT(control.iopm_base_pa, 0x040);
VMCB_AT(control.asid, 0x058);
VMCB_AT(control.int_ctl, 0x060);
VMCB_AT(control.exit_code, 0x070);
VMCB_AT(control.np_enable, 0x090);
VMCB_AT(control.n_cr3, 0x0b0);
VMCB_AT(control.clean, 0x0c0);
VMCB_AT(control.next_rip, 0x0c8);
VMCB_AT(save.es, 0x400);
VMCB_AT(save.gs.base, PERCPU_SVM_VMCB_GS_BASE);
VMCB_AT(save.tr, 0x490);
VMCB_AT(save.cpl, 0x4cb);
VMCB_AT(save.efer, 0x4d0);
VMCB_AT(save.cr4, 0x548);
VMCB_AT(save.rip, 0x578);
VMCB_AT(save.rsp, 0x5d8);
VMCB_AT(save.rax, 0x5f8);
VMCB_AT(save.kernel_gs_base, PERCPU_SVM_VMCB_KERNEL_GS_BASE);
VMCB_AT(save.cr2, 0x640);
VMCB_AT(save.g_pat, 0x668);
_Static_assert(sizeof(struct vmcb) == 4096, "a VMCB is one page");

static inline void svm_clgi(void)
{
	__asm__ volatile("clgi" ::: "memory");
}

static inline void svm_stgi(void)
{
	__asm__ volatile("stgi" ::: "memory");
}

#endif /* HV_DEMO_X86_64_VMCB_H */
