/*
 * hv_demo, x86_64 VMX: every pCPU enters VMX root with its VMXON region in
 * per-CPU data; NUM_VCPUS vCPUs, each with its VMCS, registers and guest
 * memory in a per-vCPU area, run the guest of guest.c; pCPUs take vCPUs from
 * a shared run queue so every reschedule migrates (VMCLEAR on the old pCPU,
 * VMPTRLD on the new one, host fields rewritten when pervcpu_load() says so).
 * After every VM exit the host checks its own per-CPU data.
 */
#include <stdbool.h>
#include <stdint.h>

#include "hv_demo/report.h"
#include "hv_demo/sched.h"
#include "hv_demo/x86_64/guest.h"
#include "hv_demo/x86_64/vmcs.h"
#include "hv_demo/x86_64/vmx.h"
#include "hv_demo/x86_64/vmx_regs.h"
#include "percpu/percpu.h"
#include "percpu/pervcpu.h"
#include "percpu_vmx.h"
#include "tests/platform/platform.h"

#define NUM_VCPUS 8
/** VM exits a vCPU runs for before it goes back to the run queue. */
#define SLICE_EXITS 8
/** Value of host_sentinel on pCPU `cpu`. */
#define SENTINEL(cpu) (0x5e47000000000000ull | (cpu))

/*
 * Failure injection, to prove the checks catch what they claim (tests in
 * BUILD): HV_DEMO_BREAK=1 keeps the previous pCPU's HOST_GS_BASE when a vCPU
 * migrates, HV_DEMO_BREAK=2 does not restore a vCPU's KERNEL_GS_BASE.
 */
#ifndef HV_DEMO_BREAK
#define HV_DEMO_BREAK 0
#endif

/** Host per-CPU data: checked after every VM exit. */
PERCPU_DEFINE(uint64_t, host_sentinel) = 0;
PERCPU_DEFINE(uint64_t, pcpu_exits) = 0;
PERCPU_DEFINE(uint64_t, pcpu_loads) = 0;

/** Host bookkeeping for one vCPU. */
struct vcpu_state {
	unsigned int id;
	bool started;
	/** VMLAUNCH done since the last VMCLEAR: the next entry is VMRESUME. */
	bool launched;
	bool done;
	/** IA32_KERNEL_GS_BASE while the vCPU is not loaded (percpu_vmx.h). */
	uint64_t kernel_gs_base;
	uint64_t hc_total;
	/** What the guest must compute; the closing table's row. */
	uint64_t expected;
	struct hv_vcpu_row row;
	uint64_t launches;
	uint64_t resumes;
};

/** The guest's stack. */
struct guest_stack {
	_Alignas(16) uint8_t bytes[4096];
};

PERVCPU_DEFINE(struct vmcs, vmcs);
PERVCPU_DEFINE(struct guest_regs, guest_regs);
PERVCPU_DEFINE(struct vcpu_state, vstate);
PERVCPU_DEFINE(struct guest_stack, guest_stack);
PERVCPU_DEFINE(struct guest_gs, guest_gs);
PERVCPU_DEFINE(struct guest_gs, guest_kgs);

static _Alignas(4096) uint8_t vcpu_pool[NUM_VCPUS][4 * 4096];
static struct hv_vcpu vcpus[NUM_VCPUS];
static struct hv_runq runq;
static unsigned int npcpus, pcpus_ready, pcpus_finished, vcpus_done;
/**
 * Per pCPU index, kept outside per-CPU data, which they check: exits
 * counted by hand, host state checks, those that found it broken, and the
 * first bad sentinel.
 */
static uint64_t hand_exits[PLAT_MAX_CPUS];
static uint64_t host_checked[PLAT_MAX_CPUS];
static uint64_t host_bad[PLAT_MAX_CPUS];
static uint64_t first_bad[PLAT_MAX_CPUS];

/** Checks host per-CPU data against the APIC id map after a VM exit. */
static void check_host_percpu(void)
{
	unsigned int cpu = plat_cpu_index();
	uint64_t found = this_cpu_read(host_sentinel);

	host_checked[cpu]++;
	if (found == SENTINEL(cpu))
		return;
	/* Count it, then repair the GS base so the run can report. */
	if (host_bad[cpu]++ == 0)
		first_bad[cpu] = found;
	HV_CHECK(percpu_init_cpu(cpu) == 0);
}

/** Stops the demo after a failed VM entry or an unexpected VM exit. */
__attribute__((noreturn)) static void vmx_fail(const struct vcpu_state *vs,
					       const char *what, uint64_t code)
{
	plat_console_lock();
	plat_puts("hv_demo: vCPU ");
	plat_put_dec(vs->id);
	plat_puts(": ");
	plat_puts(what);
	plat_puts(" ");
	plat_put_hex(code);
	plat_puts(", qualification ");
	plat_put_hex(vmread(EXIT_QUALIFICATION));
	plat_puts(", guest RIP ");
	plat_put_hex(vmread(GUEST_RIP));
	plat_puts("\n");
	plat_exit(1);
}

/** Handles the VMCALL the guest exited with. */
static void handle_exit(struct vcpu_state *vs, struct guest_regs *r)
{
	uint64_t reason = vmread(EXIT_REASON);

	if (reason & EXIT_REASON_ENTRY_FAILED)
		vmx_fail(vs, "VM entry failed, exit reason", reason);
	if (reason != EXIT_REASON_VMCALL)
		vmx_fail(vs, "unexpected VM exit, reason", reason);
	vmcs_write(GUEST_RIP, vmread(GUEST_RIP) + vmread(EXIT_INSTRUCTION_LEN));
	/* The guest's GS base is guest state the VMCS saved for it. */
	vs->row.guest_errors += vmread(PERCPU_VMCS_GUEST_GS_BASE) !=
				(uintptr_t) this_vcpu_ptr(guest_gs);
	switch (r->rax) {
	case HC_ADD:
		vs->hc_total += r->rbx;
		r->rax = vs->hc_total;
		break;
	case HC_DONE:
		vs->row.result = r->rbx;
		vs->row.done = true;
		vs->row.guest_errors += r->rcx + (r->rbx != vs->hc_total);
		vs->done = true;
		break;
	default:
		vmx_fail(vs, "unknown hypercall", r->rax);
	}
}

/** Runs vCPU `v` on pCPU `cpu` for up to SLICE_EXITS exits. */
static void run_slice(struct hv_vcpu *v, unsigned int cpu)
{
	int migrated = pervcpu_load(v->area);
	struct vcpu_state *vs;
	struct guest_regs *regs;
	struct vmcs *vmcs;
	unsigned int n;

	HV_CHECK(migrated >= 0);
	hv_vcpu_ran_on(v, cpu);
	vs = this_vcpu_ptr(vstate);
	regs = this_vcpu_ptr(guest_regs);
	vmcs = this_vcpu_ptr(vmcs);
	if (HV_DEMO_BREAK != 2)
		x86_wrmsr(PERCPU_MSR_KERNEL_GS_BASE, vs->kernel_gs_base);
	HV_CHECK(vmptrld((uintptr_t) vmcs));
	vs->row.loads++;
	vs->row.pcpus |= 1u << cpu;
	this_cpu_inc(pcpu_loads);
	vs->row.migrations += (unsigned int) migrated;
	if (!vs->started) {
		struct guest_stack *stack = this_vcpu_ptr(guest_stack);

		vmcs_setup((uintptr_t) guest_main, (uintptr_t) (stack + 1) - 8);
		vs->started = true;
	} else if (migrated) {
		vmcs_write_host_pcpu(HV_DEMO_BREAK != 1);
	}
	for (n = 0; n < SLICE_EXITS && !vs->done; n++) {
		int failed = vmx_enter(regs, vs->launched);

		check_host_percpu();
		if (failed)
			vmx_fail(vs, "VMLAUNCH/VMRESUME failed, error",
				 vmread(VM_INSTRUCTION_ERROR));
		*(vs->launched ? &vs->resumes : &vs->launches) += 1;
		vs->launched = true;
		vs->row.exits++;
		this_cpu_inc(pcpu_exits);
		hand_exits[cpu]++;
		handle_exit(vs, regs);
	}
	HV_CHECK(vmclear((uintptr_t) vmcs));
	vs->launched = false;
	vs->kernel_gs_base = x86_rdmsr(PERCPU_MSR_KERNEL_GS_BASE);
	HV_CHECK(pervcpu_put() == 0);
	if (vs->done)
		__atomic_add_fetch(&vcpus_done, 1, __ATOMIC_RELEASE);
	else
		hv_runq_push(&runq, v);
}

/** Every pCPU: VMX on, then run vCPUs until all are done. */
static void pcpu_main(unsigned int cpu, void *arg)
{
	(void) arg;
	HV_CHECK(percpu_init_cpu(cpu) == 0);
	HV_CHECK(plat_cpu_index() == cpu);
	this_cpu_write(host_sentinel, SENTINEL(cpu));
	vmx_pcpu_on();
	__atomic_add_fetch(&pcpus_ready, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&pcpus_ready, __ATOMIC_ACQUIRE) < npcpus)
		plat_cpu_relax();
	while (__atomic_load_n(&vcpus_done, __ATOMIC_ACQUIRE) < NUM_VCPUS) {
		struct hv_vcpu *v = hv_runq_pop(&runq, cpu, HV_RUNQ_MIGRATE);

		if (v != NULL)
			run_slice(v, cpu);
		else
			plat_cpu_relax();
	}
	vmx_pcpu_off();
	check_host_percpu();
	__atomic_add_fetch(&pcpus_finished, 1, __ATOMIC_RELEASE);
	if (cpu != 0)
		plat_park();
}

/** Creates vCPU `id` in `area` and queues it. */
static void create_vcpu(unsigned int id, void *area)
{
	struct vcpu_state *vs = vcpu_ptr(area, vstate);
	struct guest_regs *regs = vcpu_ptr(area, guest_regs);

	HV_CHECK(pervcpu_area_init(area) == 0);
	vcpu_ptr(area, guest_gs)->tag = GUEST_GS_TAG(id);
	vcpu_ptr(area, guest_kgs)->tag = GUEST_KGS_TAG(id);
	vmcs_prepare(vcpu_ptr(area, vmcs));
	vs->id = id;
	vs->expected = guest_expected_result(id);
	regs->rdi = id;
	regs->rsi = (uintptr_t) vcpu_ptr(area, guest_gs);
	regs->rdx = (uintptr_t) vcpu_ptr(area, guest_kgs);
	hv_vcpu_init(&vcpus[id], id, area);
	hv_runq_push(&runq, &vcpus[id]);
}

/** Prints where each pCPU's VMXON region and per-CPU area are. */
static void print_vmx_layout(void)
{
	uint64_t launches = 0, resumes = 0;
	unsigned int i;

	plat_puts("pCPU  VMXON region  HOST_GS_BASE (per-CPU offset)\n");
	for (i = 0; i < npcpus; i++) {
		plat_puts("   ");
		plat_put_dec(i);
		plat_puts("  ");
		plat_put_hex((uintptr_t) per_cpu_ptr(vmxon, i));
		plat_puts("      ");
		plat_put_hex(percpu_cpu_offset(i));
		plat_puts("\n");
	}
	for (i = 0; i < NUM_VCPUS; i++) {
		const struct vcpu_state *vs = vcpu_ptr(vcpus[i].area, vstate);

		launches += vs->launches;
		resumes += vs->resumes;
	}
	plat_puts("VM entries: ");
	plat_put_dec(launches);
	plat_puts(" VMLAUNCH, ");
	plat_put_dec(resumes);
	plat_puts(" VMRESUME\n");
}

/** The VMX-specific checks (hv_check()). */
static void check_vmx(void)
{
	uint64_t launches = 0, resumes = 0, loads = 0, exits = 0;
	bool aligned = true;
	unsigned int i;

	for (i = 0; i < npcpus; i++)
		aligned &= (uintptr_t) per_cpu_ptr(vmxon, i) % 4096 == 0;
	for (i = 0; i < NUM_VCPUS; i++) {
		const struct vcpu_state *vs = vcpu_ptr(vcpus[i].area, vstate);

		launches += vs->launches;
		resumes += vs->resumes;
		loads += vs->row.loads;
		exits += vs->row.exits;
		aligned &=
			(uintptr_t) vcpu_ptr(vcpus[i].area, vmcs) % 4096 == 0;
	}
	hv_check(aligned, "VMXON regions (per-CPU) and VMCSs (per-vCPU) 4 "
			  "KiB-aligned\n");
	hv_check(launches == loads && resumes == exits - loads,
		 "VMLAUNCH once per load (after VMCLEAR), else VMRESUME\n");
}

/** The closing table (report.c), then this demo's own checks. */
static void report(void)
{
	static struct hv_pcpu_row pcpu[PLAT_MAX_CPUS];
	static struct hv_vcpu_row vcpu[NUM_VCPUS];
	struct hv_table t = {
		.machine = "x86_64 VMX (Bochs), host per-CPU base in "
			   "IA32_GS_BASE",
		.steps = GUEST_ROUNDS,
		.step_name = "hypercalls",
		.host_checks = "sentinel, after every exit and at the end",
		.guest_state = "GS base (VMCS), IA32_KERNEL_GS_BASE",
		.npcpu = npcpus,
		.nvcpu = NUM_VCPUS,
		.pcpu = pcpu,
		.vcpu = vcpu,
	};
	bool migrated = true;
	unsigned int i;

	for (i = 0; i < npcpus; i++) {
		uint64_t end = *per_cpu_ptr(host_sentinel, i);

		/* Every exit is a hypercall (VMCALL): no timer. */
		pcpu[i].exits = *per_cpu_ptr(pcpu_exits, i);
		pcpu[i].hypercalls = pcpu[i].exits;
		pcpu[i].loads = *per_cpu_ptr(pcpu_loads, i);
		pcpu[i].hand_exits = hand_exits[i];
		/* Plus: the sentinel still holds after the whole run. */
		pcpu[i].host_checked = host_checked[i] + 1;
		pcpu[i].host_bad = host_bad[i] + (end != SENTINEL(i));
		pcpu[i].what = "this_cpu_read(host_sentinel)";
		pcpu[i].found = host_bad[i] != 0 ? first_bad[i] : end;
		pcpu[i].expected = SENTINEL(i);
	}
	for (i = 0; i < NUM_VCPUS; i++) {
		const struct vcpu_state *vs = vcpu_ptr(vcpus[i].area, vstate);

		vcpu[i] = vs->row;
		vcpu[i].moves = vcpus[i].moves;
		vcpu[i].right = vs->row.done && vs->row.result == vs->expected;
		migrated &= vs->row.loads >= 2 &&
			    vs->row.migrations == vs->row.loads - 1;
	}
	hv_table_print(&t);
	hv_check(migrated, "every vCPU migrated at each reschedule\n");
	check_vmx();
}

int plat_main(void)
{
	size_t align = pervcpu_area_align();
	size_t stride = (pervcpu_area_size() + align - 1) & ~(align - 1);
	unsigned int i, failed;

	percpu_set_reporter(plat_puts);
	npcpus = plat_cpu_count();
	HV_CHECK(npcpus >= 2);
	HV_CHECK(percpu_init(NULL, npcpus) == (int) npcpus);
	HV_CHECK(align == 4096 && stride <= sizeof(vcpu_pool[0]));
	for (i = 0; i < NUM_VCPUS; i++)
		create_vcpu(i, vcpu_pool[i]);
	plat_puts("hv_demo x86_64 VMX: ");
	plat_put_dec(npcpus);
	plat_puts(" pCPUs, ");
	plat_put_dec(NUM_VCPUS);
	plat_puts(" vCPUs, ");
	plat_put_dec(GUEST_ROUNDS);
	plat_puts(" hypercalls each, ");
	plat_put_dec(SLICE_EXITS);
	plat_puts(" exits per slice\n");
	for (i = 1; i < npcpus; i++)
		HV_CHECK(plat_start_cpu(i, pcpu_main, NULL) == 0);
	pcpu_main(0, NULL);
	while (__atomic_load_n(&pcpus_finished, __ATOMIC_ACQUIRE) < npcpus)
		plat_cpu_relax();
	print_vmx_layout();
	report();
	failed = hv_checks_done();
	/* For the runner: every pCPU ran vCPUs. */
	plat_puts("PERCPU-CPUS: ");
	plat_put_dec(pcpus_finished);
	plat_puts("\n");
	return failed == 0 ? 0 : 1;
}
