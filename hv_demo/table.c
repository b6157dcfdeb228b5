/*
 * The final table (hv_table_print(), report.c) from the generic hypervisor's
 * state. Reads other CPUs' data through per_cpu_ptr() and vcpu_ptr() only,
 * after every pCPU has stopped.
 */
#include "hv_demo/hv.h"

#include "hv_demo/hv_arch.h"
#include "hv_demo/hv_internal.h"
#include "hv_demo/report.h"
#include "hv_demo/workload.h"

/** The guest's result if the hypervisor answered every STEP right. */
static uint64_t expected_result(unsigned int id)
{
	uint64_t acc = hv_work_seed(id);
	uint64_t i;

	for (i = 0; i < hv_state.steps; i++)
		acc = hv_work_step(acc, i, hv_work_reply(id, i));
	return acc;
}

int hv_report(void)
{
	static struct hv_pcpu_row pcpu[PLAT_MAX_CPUS];
	static struct hv_vcpu_row vcpu[HV_MAX_VCPUS];
	struct hv_table t = {
		.machine = hv_arch_name,
		.steps = hv_state.steps,
		.step_name = "STEP hypercalls",
		.host_checks =
			"register, sentinel, canary, cpu id, current vCPU",
		.guest_state = hv_arch_guest_regs,
		.npcpu = hv_state.pcpu_count,
		.nvcpu = hv_state.vcpu_count,
		.pcpu = pcpu,
		.vcpu = vcpu,
	};
	unsigned int c, i;
	int failed;

	for (c = 0; c < t.npcpu; c++) {
		const struct hv_pcpu_record *r = &hv_state.pcpu[c];

		pcpu[c].exits = *per_cpu_ptr(hv_exits, c);
		pcpu[c].hypercalls = *per_cpu_ptr(hv_hypercalls, c);
		pcpu[c].preempts = *per_cpu_ptr(hv_preempts, c);
		pcpu[c].loads = *per_cpu_ptr(hv_loads, c);
		/* A bad exit stops the pCPU before it is counted. */
		pcpu[c].hand_exits = r->exits - r->bad_exits;
		pcpu[c].host_checked = r->exits;
		pcpu[c].host_bad = r->bad_exits;
		pcpu[c].what = r->what;
		pcpu[c].found = r->found;
		pcpu[c].expected = r->expected;
	}
	for (i = 0; i < t.nvcpu; i++) {
		const struct hv_vcpu *v = &hv_state.vcpus[i];
		const struct hv_vcpu_stats *s = vcpu_ptr(v->area, hv_vstats);

		vcpu[i] = (struct hv_vcpu_row){
			.exits = s->exits,
			.preempts = s->preempts,
			.loads = s->loads,
			.migrations = s->migrations,
			.moves = v->moves,
			.pcpus = s->pcpus,
			.done = s->done,
			.right = s->done && s->result == expected_result(i) &&
				 s->steps == hv_state.steps &&
				 s->step_errors == 0,
			.result = s->result,
			.step_errors = s->step_errors,
			.guest_errors = s->reg_errors,
			.fault = s->fault,
			.fault_pc = s->fault_pc,
		};
	}
	hv_table_print(&t);
	hv_arch_report(&t, hv_state.vcpus);
	failed = (int) hv_checks_done();
	/* For the runner: every pCPU ran the hypervisor loop. */
	plat_puts("PERCPU-CPUS: ");
	plat_put_dec(__atomic_load_n(&hv_state.online, __ATOMIC_ACQUIRE));
	plat_puts("\n");
	return failed;
}
