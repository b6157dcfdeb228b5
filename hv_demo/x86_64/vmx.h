/* VMX instructions, MSRs and VMCS field encodings hv_demo uses (Intel SDM). */
#ifndef HV_DEMO_X86_64_VMX_H
#define HV_DEMO_X86_64_VMX_H

#include <stdbool.h>
#include <stdint.h>

#include "tools/boards/x86_64/x86.h"

#define MSR_IA32_FEATURE_CONTROL 0x3a
#define MSR_IA32_VMX_BASIC 0x480
#define MSR_IA32_VMX_MISC 0x485
#define MSR_IA32_VMX_CR0_FIXED0 0x486
#define MSR_IA32_VMX_CR0_FIXED1 0x487
#define MSR_IA32_VMX_CR4_FIXED0 0x488
#define MSR_IA32_VMX_CR4_FIXED1 0x489
#define MSR_IA32_VMX_TRUE_PINBASED 0x48d
#define MSR_IA32_VMX_TRUE_PROCBASED 0x48e
#define MSR_IA32_VMX_TRUE_EXIT 0x48f
#define MSR_IA32_VMX_TRUE_ENTRY 0x490
#define MSR_FS_BASE 0xc0000100

#define FEATURE_CONTROL_LOCKED (1u << 0)
#define FEATURE_CONTROL_VMXON_OUTSIDE_SMX (1u << 2)
#define CR4_VMXE (1ul << 13)

#define PIN_PREEMPTION_TIMER (1u << 6)
#define PROC_USE_MSR_BITMAPS (1u << 28)
#define EXIT_HOST_ADDR_SPACE_SIZE (1u << 9)
#define ENTRY_IA32E_MODE_GUEST (1u << 9)

/** IA32_VMX_MISC[4:0]: the preemption timer counts every 2^n TSC cycles. */
#define VMX_MISC_PREEMPTION_RATE(misc) ((misc) &0x1f)

#define EXIT_REASON_VMCALL 18
#define EXIT_REASON_PREEMPTION_TIMER 52
#define EXIT_REASON_ENTRY_FAILED (1u << 31)

/** VMCS field encodings. */
enum vmcs_field {
	GUEST_ES_SELECTOR = 0x0800,
	GUEST_TR_SELECTOR = 0x080e,
	HOST_ES_SELECTOR = 0x0c00,
	HOST_CS_SELECTOR = 0x0c02,
	HOST_SS_SELECTOR = 0x0c04,
	HOST_DS_SELECTOR = 0x0c06,
	HOST_FS_SELECTOR = 0x0c08,
	HOST_GS_SELECTOR = 0x0c0a,
	HOST_TR_SELECTOR = 0x0c0c,
	MSR_BITMAP = 0x2004,
	VMCS_LINK_POINTER = 0x2800,
	GUEST_IA32_DEBUGCTL = 0x2802,
	PIN_BASED_CONTROLS = 0x4000,
	PROC_BASED_CONTROLS = 0x4002,
	EXCEPTION_BITMAP = 0x4004,
	CR3_TARGET_COUNT = 0x400a,
	EXIT_CONTROLS = 0x400c,
	EXIT_MSR_STORE_COUNT = 0x400e,
	EXIT_MSR_LOAD_COUNT = 0x4010,
	ENTRY_CONTROLS = 0x4012,
	ENTRY_MSR_LOAD_COUNT = 0x4014,
	ENTRY_INTR_INFO = 0x4016,
	VM_INSTRUCTION_ERROR = 0x4400,
	EXIT_REASON = 0x4402,
	EXIT_INSTRUCTION_LEN = 0x440c,
	GUEST_ES_LIMIT = 0x4800,
	GUEST_GDTR_LIMIT = 0x4810,
	GUEST_IDTR_LIMIT = 0x4812,
	GUEST_ES_AR = 0x4814,
	GUEST_INTERRUPTIBILITY = 0x4824,
	GUEST_ACTIVITY_STATE = 0x4826,
	GUEST_SYSENTER_CS = 0x482a,
	VMX_PREEMPTION_TIMER_VALUE = 0x482e,
	HOST_SYSENTER_CS = 0x4c00,
	CR0_GUEST_HOST_MASK = 0x6000,
	CR4_GUEST_HOST_MASK = 0x6002,
	EXIT_QUALIFICATION = 0x6400,
	GUEST_CR0 = 0x6800,
	GUEST_CR3 = 0x6802,
	GUEST_CR4 = 0x6804,
	GUEST_ES_BASE = 0x6806,
	GUEST_GDTR_BASE = 0x6816,
	GUEST_IDTR_BASE = 0x6818,
	GUEST_DR7 = 0x681a,
	GUEST_RSP = 0x681c,
	GUEST_RIP = 0x681e,
	GUEST_RFLAGS = 0x6820,
	GUEST_PENDING_DBG = 0x6822,
	GUEST_SYSENTER_ESP = 0x6824,
	GUEST_SYSENTER_EIP = 0x6826,
	HOST_CR0 = 0x6c00,
	HOST_CR3 = 0x6c02,
	HOST_CR4 = 0x6c04,
	HOST_FS_BASE = 0x6c06,
	HOST_TR_BASE = 0x6c0a,
	HOST_GDTR_BASE = 0x6c0c,
	HOST_IDTR_BASE = 0x6c0e,
	HOST_SYSENTER_ESP = 0x6c10,
	HOST_SYSENTER_EIP = 0x6c12,
	HOST_RSP = 0x6c14,
	HOST_RIP = 0x6c16,
};

/** Guest segment registers, in VMCS encoding order (stride 2). */
enum vmcs_seg {
	SEG_ES,
	SEG_CS,
	SEG_SS,
	SEG_DS,
	SEG_FS,
	SEG_GS,
	SEG_LDTR,
	SEG_TR
};

/*
 * VMX instructions. Each returns true on success: VMfailInvalid sets CF,
 * VMfailValid sets ZF (the error is then in VM_INSTRUCTION_ERROR).
 */
static inline bool vmxon(uint64_t phys)
{
	bool fail;

	__asm__ volatile("vmxon %1; setbe %0"
			 : "=q"(fail)
			 : "m"(phys)
			 : "cc", "memory");
	return !fail;
}

static inline void vmxoff(void)
{
	__asm__ volatile("vmxoff" ::: "cc", "memory");
}

static inline bool vmclear(uint64_t phys)
{
	bool fail;

	__asm__ volatile("vmclear %1; setbe %0"
			 : "=q"(fail)
			 : "m"(phys)
			 : "cc", "memory");
	return !fail;
}

static inline bool vmptrld(uint64_t phys)
{
	bool fail;

	__asm__ volatile("vmptrld %1; setbe %0"
			 : "=q"(fail)
			 : "m"(phys)
			 : "cc", "memory");
	return !fail;
}

static inline bool vmwrite(uint64_t field, uint64_t v)
{
	bool fail;

	__asm__ volatile("vmwrite %2, %1; setbe %0"
			 : "=q"(fail)
			 : "r"(field), "rm"(v)
			 : "cc", "memory");
	return !fail;
}

static inline uint64_t vmread(uint64_t field)
{
	uint64_t v;

	__asm__ volatile("vmread %1, %0" : "=rm"(v) : "r"(field) : "cc");
	return v;
}

#endif /* HV_DEMO_X86_64_VMX_H */
