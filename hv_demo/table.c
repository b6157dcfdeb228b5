/*
 * The final table: exits per pCPU, exits and migrations per vCPU, and the
 * consistency checks. Reads other CPUs' data through per_cpu_ptr() and
 * vcpu_ptr() only, after every pCPU has stopped.
 */
#include "hv_demo/hv.h"

#include "hv_demo/hv_arch.h"
#include "hv_demo/hv_internal.h"
#include "hv_demo/report.h"
#include "hv_demo/workload.h"

/** Prints `v` as 16 hexadecimal digits. */
static void put_hex16(uint64_t v)
{
	char buf[17];
	int i;

	for (i = 15; i >= 0; i--, v >>= 4)
		buf[i] = "0123456789abcdef"[v & 0xf];
	buf[16] = '\0';
	plat_puts(buf);
}

/** The guest's result if the hypervisor answered every STEP right. */
static uint64_t expected_result(unsigned int id)
{
	uint64_t acc = hv_work_seed(id);
	uint64_t i;

	for (i = 0; i < hv_state.steps; i++)
		acc = hv_work_step(acc, i, hv_work_reply(id, i));
	return acc;
}

/** Totals of the per-pCPU rows. */
struct pcpu_totals {
	uint64_t exits;
	uint64_t preempts;
	/** Every pCPU's this_cpu_inc() counts agree with its hand counts. */
	int counts_ok;
};

static void pcpu_table(unsigned int pcpus, struct pcpu_totals *t)
{
	unsigned int c;

	plat_puts("\n pCPU   exits  hypercalls  preempts  vCPU loads"
		  "  host state after exit\n");
	for (c = 0; c < pcpus; c++) {
		const struct hv_pcpu_record *r = &hv_state.pcpu[c];
		uint64_t exits = *per_cpu_ptr(hv_exits, c);
		uint64_t calls = *per_cpu_ptr(hv_hypercalls, c);
		uint64_t preempts = *per_cpu_ptr(hv_preempts, c);

		hv_put_dec(c, 5);
		hv_put_dec(exits, 8);
		hv_put_dec(calls, 12);
		hv_put_dec(preempts, 10);
		hv_put_dec(*per_cpu_ptr(hv_loads, c), 12);
		plat_puts("  ");
		if (r->bad_exits == 0) {
			plat_put_dec(r->exits);
			plat_puts("/");
			plat_put_dec(r->exits);
			plat_puts(" intact");
		} else {
			plat_puts("BROKEN: ");
			plat_puts(r->what);
			plat_puts(" = ");
			plat_put_hex(r->found);
			plat_puts(", expected ");
			plat_put_hex(r->expected);
		}
		plat_puts("\n");
		if (exits + r->bad_exits != r->exits ||
		    calls + preempts != exits)
			t->counts_ok = 0;
		t->exits += exits;
		t->preempts += preempts;
	}
	plat_puts(" total");
	hv_put_dec(t->exits, 7);
	hv_put_dec(t->preempts, 22);
	plat_puts("\n");
}

/** Per-vCPU rows and the totals the checks need. */
struct vcpu_totals {
	uint64_t exits;
	uint64_t preempts;
	uint64_t migrations;
	uint64_t moves;
	uint64_t step_errors;
	uint64_t reg_errors;
	unsigned int right;
	unsigned int multi_pcpu;
};

static void vcpu_table(unsigned int pcpus, struct vcpu_totals *t)
{
	unsigned int i, c;

	plat_puts("\n vCPU   exits  preempts  migrations  ran on pCPUs  result"
		  "            check  guest-owned registers\n");
	for (i = 0; i < hv_state.vcpu_count; i++) {
		const struct hv_vcpu_stats *s =
			vcpu_ptr(hv_state.vcpus[i].area, hv_vstats);
		int right = s->done && s->result == expected_result(i) &&
			    s->steps == hv_state.steps && s->step_errors == 0;
		unsigned int used = 0;

		hv_put_dec(i, 5);
		hv_put_dec(s->exits, 8);
		hv_put_dec(s->preempts, 10);
		hv_put_dec(s->migrations, 12);
		plat_puts("  ");
		for (c = 0; c < pcpus; c++) {
			plat_puts((s->pcpus >> c) & 1 ? "x" : ".");
			used += (s->pcpus >> c) & 1;
		}
		for (; c < 12; c++)
			plat_puts(" ");
		plat_puts("  ");
		put_hex16(s->result);
		plat_puts(right ? "  right  " : "  WRONG  ");
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
		plat_puts("\n");
		t->exits += s->exits;
		t->preempts += s->preempts;
		t->migrations += s->migrations;
		t->moves += hv_state.vcpus[i].moves;
		t->step_errors += s->step_errors;
		t->reg_errors += s->reg_errors;
		t->right += right;
		t->multi_pcpu += used > 1;
	}
	plat_puts(" total");
	hv_put_dec(t->exits, 7);
	hv_put_dec(t->preempts, 10);
	hv_put_dec(t->migrations, 12);
	plat_puts("\n");
}

int hv_report(void)
{
	unsigned int pcpus = hv_state.pcpu_count;
	struct pcpu_totals p = {0, 0, 1};
	struct vcpu_totals t = {0};
	uint64_t host_bad = 0, host_exits = 0;
	int failed;
	unsigned int c;

	plat_puts("\nhv_demo: ");
	plat_puts(hv_arch_name);
	plat_puts("; ");
	plat_put_dec(pcpus);
	plat_puts(" pCPUs, ");
	plat_put_dec(hv_state.vcpu_count);
	plat_puts(" vCPUs x ");
	plat_put_dec(hv_state.steps);
	plat_puts(" STEP hypercalls\n");

	pcpu_table(pcpus, &p);
	vcpu_table(pcpus, &t);
	for (c = 0; c < pcpus; c++) {
		host_bad += hv_state.pcpu[c].bad_exits;
		host_exits += hv_state.pcpu[c].exits;
	}

	plat_puts("\nchecks\n");
	hv_check(p.exits == t.exits && p.exits > 0,
		 "exits: per-pCPU total == per-vCPU total (");
	plat_put_dec(p.exits);
	plat_puts(" == ");
	plat_put_dec(t.exits);
	plat_puts(")\n");
	hv_check(p.counts_ok,
		 "per-pCPU counters (this_cpu_inc): exits == exits "
		 "counted by hand == hypercalls + preempts\n");
	hv_check(p.preempts == t.preempts,
		 "timer preemptions: per-pCPU total == per-vCPU total (");
	plat_put_dec(p.preempts);
	plat_puts(" == ");
	plat_put_dec(t.preempts);
	plat_puts(")\n");
	hv_check(host_bad == 0 && host_exits > 0,
		 "host per-CPU state intact after every exit (");
	plat_put_dec(host_exits - host_bad);
	plat_puts("/");
	plat_put_dec(host_exits);
	plat_puts(": register, sentinel, canary, cpu id, current vCPU)\n");
	hv_check(t.right == hv_state.vcpu_count && t.step_errors == 0,
		 "guest results right (");
	plat_put_dec(t.right);
	plat_puts("/");
	plat_put_dec(hv_state.vcpu_count);
	plat_puts(", ");
	plat_put_dec(t.step_errors);
	plat_puts(" bad STEPs)\n");
	hv_check(t.reg_errors == 0 && t.right == hv_state.vcpu_count,
		 "guest-owned ");
	plat_puts(hv_arch_guest_regs);
	plat_puts(" preserved as each guest saw them (");
	plat_put_dec(t.reg_errors);
	plat_puts(" changes)\n");
	hv_check(t.migrations == t.moves &&
			 t.multi_pcpu == (pcpus > 1 ? hv_state.vcpu_count : 0),
		 "migrations reported by pervcpu_load == pCPU changes "
		 "seen (");
	plat_put_dec(t.migrations);
	plat_puts(" == ");
	plat_put_dec(t.moves);
	plat_puts("; ");
	plat_put_dec(t.multi_pcpu);
	plat_puts("/");
	plat_put_dec(hv_state.vcpu_count);
	plat_puts(" vCPUs ran on several pCPUs)\n");

	failed = (int) hv_checks_done();
	/* For the runner: every pCPU ran the hypervisor loop. */
	plat_puts("PERCPU-CPUS: ");
	plat_put_dec(__atomic_load_n(&hv_state.online, __ATOMIC_ACQUIRE));
	plat_puts("\n");
	return failed;
}
