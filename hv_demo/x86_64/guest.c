/* The guest program: runs in VMX non-root mode, never touches host data. */
#include "hv_demo/x86_64/guest.h"

#include "hv_demo/x86_64/vmx.h"
#include "percpu_vmx.h"

static uint64_t hypercall(uint64_t nr, uint64_t a, uint64_t b)
{
	__asm__ volatile("vmcall" : "+a"(nr) : "b"(a), "c"(b) : "memory");
	return nr;
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

void guest_main(uint64_t id, struct guest_gs *gs, struct guest_gs *kgs)
{
	uint64_t total = 0, errors = 0, i;

	x86_wrmsr(MSR_GS_BASE, (uintptr_t) gs);
	x86_wrmsr(PERCPU_MSR_KERNEL_GS_BASE, (uintptr_t) kgs);
	for (i = 1; i <= GUEST_ROUNDS; i++) {
		total += i * (id + 1);
		errors += hypercall(HC_ADD, i * (id + 1), 0) != total;
		errors += gs_tag() != GUEST_GS_TAG(id);
		errors += kernel_gs_tag() != GUEST_KGS_TAG(id);
		errors += x86_rdmsr(MSR_GS_BASE) != (uintptr_t) gs;
	}
	for (;;)
		hypercall(HC_DONE, total, errors);
}
