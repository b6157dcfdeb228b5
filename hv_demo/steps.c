/*
 * The demo guest's host side (hv_demo/hv_guest.h), the same on every
 * architecture: each vCPU makes a fixed number of STEP hypercalls, mixing
 * the hypervisor's replies into an accumulator (hv_demo/workload.h) and
 * counting changes to the registers it owns; DONE hands in both. The
 * hypervisor mirrors the computation and checks every step and the result.
 */
#include "hv_demo/hv_arch.h"
#include "hv_demo/hv_guest.h"
#include "hv_demo/hv_internal.h"
#include "hv_demo/report.h"
#include "hv_demo/workload.h"

/** One vCPU's progress and results. */
struct steps_vcpu {
	/** STEP hypercalls seen, and those out of sequence or wrong. */
	uint64_t steps;
	uint64_t step_errors;
	/** The hypervisor's own copy of the guest's accumulator. */
	uint64_t mirror;
	/** DONE's accumulator and the register changes the guest saw. */
	uint64_t result;
	uint64_t reg_errors;
	int done;
	/** Syndrome and pc of a FAULT or unknown exit; 0 if none. */
	uint64_t fault;
	uint64_t fault_pc;
};
PERVCPU_DEFINE(struct steps_vcpu, steps_vcpu) = {0};

/** STEP hypercalls every vCPU makes (hv_init()'s argument). */
static unsigned int steps_total;

int hv_guest_vcpu_init(struct hv_vcpu *v, unsigned int steps)
{
	steps_total = steps;
	vcpu_ptr(v->area, steps_vcpu)->mirror = hv_work_seed(v->id);
	hv_arch_vcpu_init(v, steps);
	return 1;
}

enum hv_runq_policy hv_guest_policy(unsigned int pcpus)
{
	return pcpus == 1 ? HV_RUNQ_ANY : HV_RUNQ_MIGRATE_ONCE;
}

/** STEP(i, acc, reg_errors): checks the guest's progress, replies. */
static enum hv_next step(struct steps_vcpu *s, const struct hv_exit *e)
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
	return HV_NEXT_RUN;
}

enum hv_next hv_guest_exit(const struct hv_exit *e)
{
	struct steps_vcpu *s = this_vcpu_ptr(steps_vcpu);

	if (e->kind == HV_EXIT_HYPERCALL) {
		switch (e->call) {
		case HV_CALL_STEP:
			return step(s, e);
		case HV_CALL_DONE:
			s->result = e->arg[0];
			s->reg_errors = e->arg[1];
			s->done = 1;
			return HV_NEXT_DONE;
		case HV_CALL_FAULT:
			s->fault = e->arg[0];
			s->fault_pc = e->arg[1];
			return HV_NEXT_DONE;
		default:
			break;
		}
	}
	s->fault = e->code != 0 ? e->code : e->call;
	return HV_NEXT_DONE;
}

/* The demo guests keep no state outside their registers, never wait. */
int hv_guest_vcpu_load(int migrated)
{
	(void) migrated;
	return 0;
}

void hv_guest_vcpu_put(void) {}

int hv_guest_vcpu_ready(const struct hv_vcpu *v)
{
	(void) v;
	return 1;
}

void hv_guest_idle(void)
{
	hv_arch_idle();
}

void hv_guest_describe(void)
{
	plat_puts(" x ");
	plat_put_dec(steps_total);
	plat_puts(" STEP hypercalls");
}

/** The guest's result if the hypervisor answered every STEP right. */
static uint64_t expected_result(unsigned int id)
{
	uint64_t acc = hv_work_seed(id);
	uint64_t i;

	for (i = 0; i < steps_total; i++)
		acc = hv_work_step(acc, i, hv_work_reply(id, i));
	return acc;
}

/** Whether vCPU `v` finished with the right result and every step right. */
static bool right(const struct hv_vcpu *v)
{
	const struct steps_vcpu *s = vcpu_ptr(v->area, steps_vcpu);

	return s->done && s->result == expected_result(v->id) &&
	       s->steps == steps_total && s->step_errors == 0;
}

const char hv_guest_columns[] = "  result            check  guest-owned state";

void hv_guest_vcpu_cells(const struct hv_vcpu *v)
{
	const struct steps_vcpu *s = vcpu_ptr(v->area, steps_vcpu);

	plat_puts("  ");
	hv_put_hex16(s->result);
	plat_puts(right(v) ? "  right  " : "  WRONG  ");
	if (s->fault != 0) {
		plat_puts("FAULT ");
		plat_put_hex(s->fault);
		plat_puts(" at ");
		plat_put_hex(s->fault_pc);
	} else if (!s->done) {
		plat_puts("not finished");
	} else if (s->reg_errors == 0) {
		plat_puts("preserved");
	} else {
		plat_put_dec(s->reg_errors);
		plat_puts(" CHANGED");
	}
}

/* Everything the demo guest reports fits the vCPU table. */
void hv_guest_tables(void) {}

void hv_guest_checks(void)
{
	unsigned int n = hv_state.vcpu_count, i, good = 0;
	uint64_t step_errors = 0, reg_errors = 0;

	for (i = 0; i < n; i++) {
		const struct steps_vcpu *s =
			vcpu_ptr(hv_state.vcpus[i].area, steps_vcpu);

		good += right(&hv_state.vcpus[i]);
		step_errors += s->step_errors;
		reg_errors += s->reg_errors;
	}
	hv_check(good == n && step_errors == 0, "guest results right (");
	plat_put_dec(good);
	plat_puts("/");
	plat_put_dec(n);
	plat_puts(", ");
	plat_put_dec(step_errors);
	plat_puts(" bad steps)\n");
	hv_check(reg_errors == 0 && good == n, "guest-owned ");
	plat_puts(hv_arch_guest_regs);
	plat_puts(" preserved as each guest saw them (");
	plat_put_dec(reg_errors);
	plat_puts(" changes)\n");
}
