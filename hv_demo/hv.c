/*
 * The generic hypervisor loop: take a vCPU from the run queue, load its area,
 * run it until it exits, check that the host's per-CPU state survived, count
 * the exit on both the pCPU and the vCPU, let the guest answer it
 * (hv_guest.h), and put the vCPU back for a pCPU to pick up.
 */
#include "hv_demo/hv.h"

#include "hv_demo/hv_arch.h"
#include "hv_demo/hv_guest.h"
#include "hv_demo/hv_internal.h"
#include "hv_demo/report.h"
#include "hv_demo/sched.h"

PERCPU_DEFINE(unsigned int, hv_host_cpu) = PERCPU_CPU_NONE;
PERCPU_DEFINE(uint64_t, hv_host_canary) = 0;
PERCPU_DEFINE(struct hv_vcpu *, hv_current) = NULL;
PERCPU_DEFINE(uint64_t, hv_exits) = 0;
PERCPU_DEFINE(uint64_t, hv_hypercalls) = 0;
PERCPU_DEFINE(uint64_t, hv_preempts) = 0;
PERCPU_DEFINE(uint64_t, hv_irqs) = 0;
PERCPU_DEFINE(uint64_t, hv_wfis) = 0;
PERCPU_DEFINE(uint64_t, hv_mmios) = 0;
PERCPU_DEFINE(uint64_t, hv_loads) = 0;

PERVCPU_DEFINE(struct hv_vcpu_stats, hv_vstats) = {0};
PERVCPU_DEFINE(unsigned int, hv_vcpu_id) = ~0u;

struct hv_state hv_state;

static struct hv_runq runq;

/** Room for the vCPU areas (checked against their link-time size). */
#define HV_ARENA_SIZE (HV_MAX_VCPUS * 16384u)
static uint8_t arena[HV_ARENA_SIZE] __attribute__((aligned(4096)));

/** Prints "hv: <msg> <v>" for a failure on the boot path. */
static int init_error(const char *msg, uint64_t v)
{
	plat_puts("hv: ");
	plat_puts(msg);
	plat_put_dec(v);
	plat_puts("\n");
	return -1;
}

unsigned int hv_demo_vcpus(unsigned int pcpus, unsigned int least)
{
	unsigned int twice =
		pcpus < HV_MAX_VCPUS / 2 ? 2 * pcpus : HV_MAX_VCPUS;

	return twice > least ? twice : least;
}

int hv_init(unsigned int pcpus, unsigned int vcpus, unsigned int arg)
{
	size_t align = pervcpu_area_align();
	size_t stride = (pervcpu_area_size() + align - 1) & ~(align - 1);
	unsigned int i;

	if (pcpus == 0 || pcpus > HV_MAX_PCPUS)
		return init_error("pCPU count out of range: ", pcpus);
	if (vcpus == 0 || vcpus > HV_MAX_VCPUS)
		return init_error("vCPU count out of range: ", vcpus);
	if (align > 4096 || stride * vcpus > sizeof(arena))
		return init_error("vCPU areas do not fit the arena, bytes: ",
				  stride * vcpus);
	hv_state.pcpu_count = pcpus;
	hv_state.vcpu_count = vcpus;
	hv_state.policy = hv_guest_policy(pcpus);
	if (hv_state.policy == HV_RUNQ_PINNED && vcpus > pcpus)
		return init_error("pinned vCPUs need as many pCPUs: ", vcpus);
	for (i = 0; i < vcpus; i++) {
		struct hv_vcpu *v = &hv_state.vcpus[i];
		int rc;

		hv_vcpu_init(v, i, arena + i * stride);
		rc = pervcpu_area_init(v->area);
		if (rc != 0)
			return init_error("pervcpu_area_init failed: -", -rc);
		*vcpu_ptr(v->area, hv_vcpu_id) = i;
		rc = hv_guest_vcpu_init(v, arg);
		if (rc < 0)
			return init_error("guest set-up failed for vCPU ", i);
		if (rc > 0)
			hv_runq_push(&runq, v);
	}
	return 0;
}

void hv_vcpu_wake(unsigned int id)
{
	HV_CHECK(id < hv_state.vcpu_count);
	hv_state.vcpus[id].waiting = 0;
	hv_runq_push(&runq, &hv_state.vcpus[id]);
}
int hv_pcpu_init(unsigned int index)
{
	int rc = percpu_init_cpu(index);

	if (rc != 0)
		return rc;
	this_cpu_write(hv_host_cpu, index);
	this_cpu_write(hv_host_canary, hv_canary(index));
	return 0;
}

/**
 * Records that host state check `what` failed on `cpu` after an exit and
 * stops every pCPU. Uses no per-CPU data: it may be what is broken.
 */
static void host_broken(unsigned int cpu, const char *what, uint64_t found,
			uint64_t expected)
{
	struct hv_pcpu_record *r = &hv_state.pcpu[cpu];

	if (r->bad_exits++ == 0) {
		r->what = what;
		r->found = found;
		r->expected = expected;
	}
	__atomic_store_n(&hv_state.aborted, 1, __ATOMIC_RELEASE);
}

/**
 * After every exit: the host's per-CPU data must be exactly as this pCPU
 * left it, whatever the guest did to its own registers. `cpu` comes from the
 * hardware (MPIDR, APIC id), never from per-CPU data. Returns 0 if intact.
 */
static int check_host(unsigned int cpu, const struct hv_vcpu *v)
{
	unsigned int id;
	uint64_t canary;

	hv_state.pcpu[cpu].exits++;
	/* The register first: a wrong one must not be dereferenced. */
	if (percpu_read_reg() != percpu_area_base(cpu)) {
		host_broken(cpu, "percpu_read_reg()", percpu_read_reg(),
			    percpu_area_base(cpu));
		return -1;
	}
	id = this_cpu_read(hv_host_cpu);
	canary = this_cpu_read(hv_host_canary);
	if (id != cpu) {
		host_broken(cpu, "this_cpu_read(hv_host_cpu)", id, cpu);
		return -1;
	}
	if (canary != hv_canary(cpu)) {
		host_broken(cpu, "this_cpu_read(hv_host_canary)", canary,
			    hv_canary(cpu));
		return -1;
	}
	if (percpu_cpu_id() != cpu) {
		host_broken(cpu, "percpu_cpu_id()", percpu_cpu_id(), cpu);
		return -1;
	}
	if (this_cpu_read(hv_current) != v) {
		host_broken(cpu, "this_cpu_read(hv_current)",
			    (uintptr_t) this_cpu_read(hv_current),
			    (uintptr_t) v);
		return -1;
	}
	if (pervcpu_current() != v->area) {
		host_broken(cpu, "pervcpu_current()",
			    (uintptr_t) pervcpu_current(), (uintptr_t) v->area);
		return -1;
	}
	return 0;
}

/** Counts an exit by kind on this pCPU (this_cpu_inc). */
static void count_exit(const struct hv_exit *e)
{
	switch (e->kind) {
	case HV_EXIT_HYPERCALL:
		this_cpu_inc(hv_hypercalls);
		break;
	case HV_EXIT_PREEMPT:
		this_cpu_inc(hv_preempts);
		this_vcpu_ptr(hv_vstats)->preempts++;
		break;
	case HV_EXIT_IRQ:
		this_cpu_inc(hv_irqs);
		break;
	case HV_EXIT_WFI:
		this_cpu_inc(hv_wfis);
		break;
	case HV_EXIT_MMIO:
		this_cpu_inc(hv_mmios);
		break;
	case HV_EXIT_UNKNOWN:
		break;
	}
}

/** Runs `v` on this pCPU for up to HV_SLICE_EXITS exits. */
static void run_slice(struct hv_vcpu *v, unsigned int cpu)
{
	enum hv_next next = HV_NEXT_RUN;
	struct hv_vcpu_stats *stats;
	struct hv_exit exit;
	int migrated, n;

	migrated = pervcpu_load(v->area);
	if (migrated < 0) {
		host_broken(cpu, "pervcpu_load()", (uint64_t) -migrated, 0);
		return;
	}
	hv_vcpu_ran_on(v, cpu);
	stats = this_vcpu_ptr(hv_vstats);
	stats->migrations += (uint64_t) migrated;
	stats->pcpus[cpu / 64] |= 1ull << (cpu % 64);
	stats->loads++;
	this_cpu_inc(hv_loads);
	this_cpu_write(hv_current, v);
	hv_arch_vcpu_load(migrated);
	if (hv_guest_vcpu_load(migrated) != 0) {
		/* Reported by the guest's checks; leave it loaded, stop. */
		__atomic_store_n(&hv_state.aborted, 1, __ATOMIC_RELEASE);
		return;
	}

	for (n = 0; n < HV_SLICE_EXITS && next == HV_NEXT_RUN; n++) {
		hv_arch_vcpu_run(&exit);
		/* On failure, leave it loaded: nothing here is trustworthy. */
		if (check_host(cpu, v) != 0)
			return;
		this_cpu_inc(hv_exits);
		this_vcpu_ptr(hv_vstats)->exits++;
		count_exit(&exit);
		next = exit.kind == HV_EXIT_PREEMPT ? HV_NEXT_YIELD
						    : hv_guest_exit(&exit);
	}

	hv_guest_vcpu_put();
	hv_arch_vcpu_put();
	this_cpu_write(hv_current, NULL);
	pervcpu_put();
	switch (next) {
	case HV_NEXT_DONE:
		__atomic_fetch_add(&hv_state.done, 1, __ATOMIC_RELEASE);
		break;
	case HV_NEXT_SHUTDOWN:
		__atomic_store_n(&hv_state.shutdown, 1, __ATOMIC_RELEASE);
		break;
	case HV_NEXT_OFF:
		break;
	case HV_NEXT_WAIT:
		v->waiting = 1;
		hv_runq_push(&runq, v);
		break;
	case HV_NEXT_RUN:
	case HV_NEXT_YIELD:
		hv_runq_push(&runq, v);
		break;
	}
}

/** Whether pCPUs go on looking for vCPUs to run. */
static int running(void)
{
	return !__atomic_load_n(&hv_state.aborted, __ATOMIC_ACQUIRE) &&
	       !__atomic_load_n(&hv_state.shutdown, __ATOMIC_ACQUIRE) &&
	       __atomic_load_n(&hv_state.done, __ATOMIC_ACQUIRE) <
		       hv_state.vcpu_count;
}

void hv_pcpu_loop(void)
{
	unsigned int cpu = plat_cpu_index();
	__atomic_fetch_add(&hv_state.online, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&hv_state.online, __ATOMIC_ACQUIRE) <
	       hv_state.pcpu_count)
		plat_cpu_relax();
	while (running()) {
		struct hv_vcpu *v = hv_runq_pop(&runq, cpu, hv_state.policy,
						hv_guest_vcpu_ready);

		if (v != NULL)
			run_slice(v, cpu);
		else
			hv_guest_idle();
	}
	__atomic_fetch_add(&hv_state.idle, 1, __ATOMIC_RELEASE);
}

void hv_wait_idle(void)
{
	while (__atomic_load_n(&hv_state.idle, __ATOMIC_ACQUIRE) <
	       hv_state.pcpu_count)
		plat_cpu_relax();
}
