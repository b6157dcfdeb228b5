/*
 * The guest program: runs in VMX non-root mode or as an SVM guest, never
 * touches host data; and the host's side of it both backends share: its
 * registers, the set-up of its arguments and the hypercall result.
 */
#include "hv_demo/x86_64/guest.h"

#include "hv_demo/hv.h"
#include "hv_demo/hv_arch.h"
#include "hv_demo/workload.h"
#include "tools/boards/x86_64/x86.h"

#define GUEST_STACK_SIZE 4096

static struct {
	_Alignas(16) uint8_t bytes[GUEST_STACK_SIZE];
} guest_stacks[HV_MAX_VCPUS];

PERVCPU_DEFINE(struct guest_gs, guest_gs);
PERVCPU_DEFINE(struct guest_gs, guest_kgs);
PERVCPU_DEFINE(struct guest_regs, guest_regs);

void guest_vcpu_init(void *area, unsigned int id, unsigned int steps)
{
	struct guest_regs *regs = vcpu_ptr(area, guest_regs);

	vcpu_ptr(area, guest_gs)->tag = GUEST_GS_TAG(id);
	vcpu_ptr(area, guest_kgs)->tag = GUEST_KGS_TAG(id);
	regs->rdi = id;
	regs->rsi = steps;
	regs->rdx = (uintptr_t) vcpu_ptr(area, guest_gs);
	regs->rcx = (uintptr_t) vcpu_ptr(area, guest_kgs);
}

/* The result lands in RAX, which guest_hypercall() returns. */
void hv_arch_vcpu_set_result(uint64_t value)
{
	this_vcpu_ptr(guest_regs)->rax = value;
}

uintptr_t guest_stack_top(unsigned int id)
{
	/* As after a call: RSP + 8 16-byte aligned. */
	return (uintptr_t) (guest_stacks[id].bytes + GUEST_STACK_SIZE) - 8;
}

/** guest_gs.tag through the GS base. */
static uint64_t gs_tag(void)
{
	uint64_t v;

	__asm__ volatile("mov %%gs:0, %0" : "=r"(v) : : "memory");
	return v;
}

/** guest_gs.tag through KERNEL_GS_BASE, swapped in and back out. */
static uint64_t kernel_gs_tag(void)
{
	uint64_t v;

	__asm__ volatile("swapgs; mov %%gs:0, %0; swapgs"
			 : "=r"(v)
			 :
			 : "memory");
	return v;
}

void guest_main(uint64_t id, uint64_t steps, struct guest_gs *gs,
		struct guest_gs *kgs)
{
	uint64_t acc = hv_work_seed(id);
	uint64_t errors = 0, i;

	x86_wrmsr(MSR_GS_BASE, (uintptr_t) gs);
	x86_wrmsr(MSR_KERNEL_GS_BASE, (uintptr_t) kgs);
	for (i = 0; i < steps; i++) {
		uint64_t reply = guest_hypercall(HV_CALL_STEP, i, acc, errors);

		errors += gs_tag() != GUEST_GS_TAG(id);
		errors += kernel_gs_tag() != GUEST_KGS_TAG(id);
		errors += x86_rdmsr(MSR_GS_BASE) != (uintptr_t) gs;
		acc = hv_work_step(acc, i, reply);
	}
	for (;;)
		guest_hypercall(HV_CALL_DONE, acc, errors, 0);
}
