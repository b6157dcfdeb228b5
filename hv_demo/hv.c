/*
 * The generic hypervisor loop: take a vCPU from the run queue, load its area,
 * run it until it exits, check that the host's per-CPU state survived, count
 * the exit on both the pCPU and the vCPU, answer the hypercall, and put the
 * vCPU back for any pCPU to pick up.
 */
#include "hv_demo/hv.h"

#include "hv_demo/hv_arch.h"
#include "hv_demo/hv_internal.h"
#include "hv_demo/report.h"
#include "hv_demo/sched.h"
#include "hv_demo/workload.h"

PERCPU_DEFINE(unsigned int, hv_host_cpu) = PERCPU_CPU_NONE;
PERCPU_DEFINE(uint64_t, hv_host_canary) = 0;
PERCPU_DEFINE(struct hv_vcpu *, hv_current) = NULL;
PERCPU_DEFINE(uint64_t, hv_exits) = 0;
PERCPU_DEFINE(uint64_t, hv_hypercalls) = 0;
PERCPU_DEFINE(uint64_t, hv_preempts) = 0;
PERCPU_DEFINE(uint64_t, hv_loads) = 0;

PERVCPU_DEFINE(struct hv_vcpu_stats, hv_vstats) = {0};
PERVCPU_DEFINE(unsigned int, hv_vcpu_id) = ~0u;

struct hv_state hv_state;

static struct hv_runq runq;

/** Room for the vCPU areas (checked against their link-time size). */
#define HV_ARENA_SIZE (128u * 1024)
static uint8_t arena[HV_ARENA_SIZE] __attribute__((aligned(4096)));

/** What handle_exit() decides. */
enum next { NEXT_RUN, NEXT_YIELD, NEXT_DONE };

/** Prints "hv: <msg> <v>" for a failure on the boot path. */
static int init_error(const char *msg, uint64_t v)
{
	plat_puts("hv: ");
	plat_puts(msg);
	plat_put_dec(v);
	plat_puts("\n");
	return -1;
}

int hv_init(unsigned int pcpus, unsigned int vcpus, unsigned int steps)
{
	size_t align = pervcpu_area_align();
	size_t stride = (pervcpu_area_size() + align - 1) & ~(align - 1);
	unsigned int i;

	if (pcpus == 0 || pcpus > PLAT_MAX_CPUS)
		return init_error("pCPU count out of range: ", pcpus);
	if (vcpus == 0 || vcpus > HV_MAX_VCPUS)
		return init_error("vCPU count out of range: ", vcpus);
	if (align > 4096 || stride * vcpus > sizeof(arena))
		return init_error("vCPU areas do not fit the arena, bytes: ",
				  stride * vcpus);
	hv_state.pcpu_count = pcpus;
	hv_state.vcpu_count = vcpus;
	hv_state.steps = steps;
	for (i = 0; i < vcpus; i++) {
		struct hv_vcpu *v = &hv_state.vcpus[i];
		int rc;

		hv_vcpu_init(v, i, arena + i * stride);
		rc = pervcpu_area_init(v->area);
		if (rc != 0)
			return init_error("pervcpu_area_init failed: -", -rc);
		*vcpu_ptr(v->area, hv_vcpu_id) = i;
		vcpu_ptr(v->area, hv_vstats)->mirror = hv_work_seed(i);
		hv_arch_vcpu_init(v, steps);
		hv_runq_push(&runq, v);
	}
	return 0;
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

/** STEP(i, acc, reg_errors): checks the guest's progress, replies. */
static enum next step(struct hv_vcpu_stats *s, const struct hv_exit *e)
{
	uint64_t id = this_vcpu_read(hv_vcpu_id);
	uint64_t i = e->arg[0];
	uint64_t reply = hv_work_reply(id, s->steps);

	if (i != s->steps || e->arg[1] != s->mirror)
		s->step_errors++;
	s->mirror = hv_work_step(s->mirror, s->steps, reply);
	s->steps++;
	s->reg_errors = e->arg[2];
	hv_arch_vcpu_set_result(reply);
	return NEXT_RUN;
}

/** Acts on one exit of the loaded vCPU. */
static enum next handle_exit(const struct hv_exit *e)
{
	struct hv_vcpu_stats *s = this_vcpu_ptr(hv_vstats);

	if (e->kind == HV_EXIT_PREEMPT) {
		this_cpu_inc(hv_preempts);
		s->preempts++;
		return NEXT_YIELD;
	}
	if (e->kind == HV_EXIT_HYPERCALL) {
		this_cpu_inc(hv_hypercalls);
		switch (e->call) {
		case HV_CALL_STEP:
			return step(s, e);
		case HV_CALL_DONE:
			s->result = e->arg[0];
			s->reg_errors = e->arg[1];
			s->done = 1;
			return NEXT_DONE;
		case HV_CALL_FAULT:
			s->fault = e->arg[0];
			s->fault_pc = e->arg[1];
			return NEXT_DONE;
		default:
			break;
		}
	}
	s->fault = e->code != 0 ? e->code : e->call;
	return NEXT_DONE;
}

/** Runs `v` on this pCPU for up to HV_SLICE_EXITS exits. */
static void run_slice(struct hv_vcpu *v, unsigned int cpu)
{
	enum next next = NEXT_RUN;
	struct hv_exit exit;
	int migrated, n;

	migrated = pervcpu_load(v->area);
	if (migrated < 0) {
		host_broken(cpu, "pervcpu_load()", (uint64_t) -migrated, 0);
		return;
	}
	hv_vcpu_ran_on(v, cpu);
	this_vcpu_ptr(hv_vstats)->migrations += (uint64_t) migrated;
	this_vcpu_ptr(hv_vstats)->pcpus |= 1u << cpu;
	this_vcpu_ptr(hv_vstats)->loads++;
	this_cpu_inc(hv_loads);
	this_cpu_write(hv_current, v);
	hv_arch_vcpu_load(migrated);

	for (n = 0; n < HV_SLICE_EXITS && next == NEXT_RUN; n++) {
		hv_arch_vcpu_run(&exit);
		/* On failure, leave it loaded: nothing here is trustworthy. */
		if (check_host(cpu, v) != 0)
			return;
		this_cpu_inc(hv_exits);
		this_vcpu_ptr(hv_vstats)->exits++;
		next = handle_exit(&exit);
	}

	hv_arch_vcpu_put();
	this_cpu_write(hv_current, NULL);
	pervcpu_put();
	if (next == NEXT_DONE)
		__atomic_fetch_add(&hv_state.done, 1, __ATOMIC_RELEASE);
	else
		hv_runq_push(&runq, v);
}

void hv_pcpu_loop(void)
{
	unsigned int cpu = plat_cpu_index();
	enum hv_runq_policy policy =
		hv_state.pcpu_count == 1 ? HV_RUNQ_ANY : HV_RUNQ_MIGRATE_ONCE;

	__atomic_fetch_add(&hv_state.online, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&hv_state.online, __ATOMIC_ACQUIRE) <
	       hv_state.pcpu_count)
		plat_cpu_relax();
	while (!__atomic_load_n(&hv_state.aborted, __ATOMIC_ACQUIRE) &&
	       __atomic_load_n(&hv_state.done, __ATOMIC_ACQUIRE) <
		       hv_state.vcpu_count) {
		struct hv_vcpu *v = hv_runq_pop(&runq, cpu, policy);

		if (v != NULL)
			run_slice(v, cpu);
		else
			plat_cpu_relax();
	}
	__atomic_fetch_add(&hv_state.idle, 1, __ATOMIC_RELEASE);
}

void hv_wait_idle(void)
{
	while (__atomic_load_n(&hv_state.idle, __ATOMIC_ACQUIRE) <
	       hv_state.pcpu_count)
		plat_cpu_relax();
}
