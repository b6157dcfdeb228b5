/*
 * What the shared x86_64 host code (main.c) needs from the image's
 * virtualization backend (VMX: vmcs.c, SVM: svm_pcpu.c), and the host helpers
 * both backends share.
 */
#ifndef HV_DEMO_X86_64_X86_HOST_H
#define HV_DEMO_X86_64_X86_HOST_H

#include <stdint.h>

#include "tools/boards/x86_64/x86.h"

/**
 * On the boot pCPU, before hv_init(): checks that the CPU has the backend's
 * extension and sets up what every pCPU shares. Stops the demo if not.
 */
void x86_host_init(void);

/** Makes the calling pCPU able to run guests (VMXON; EFER.SVME). */
void x86_host_pcpu_on(void);

/** Undoes x86_host_pcpu_on() on the calling pCPU. */
void x86_host_pcpu_off(void);

/** GDTR/IDTR image for lgdt/sgdt/lidt/sidt. */
struct x86_dtr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

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

static inline void x86_sti(void)
{
	__asm__ volatile("sti" ::: "memory");
}

static inline void x86_cli(void)
{
	__asm__ volatile("cli" ::: "memory");
}

#endif /* HV_DEMO_X86_64_X86_HOST_H */
