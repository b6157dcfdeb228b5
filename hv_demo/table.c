/*
 * The final table and its checks, read straight from the statistics: per-CPU
 * counters through per_cpu_ptr(), per-vCPU ones through vcpu_ptr(), the hand
 * counts from hv_state; after every pCPU has stopped. A new counter is
 * declared in hv_internal.h, counted in hv.c and printed here.
 */
#include "hv_demo/hv.h"

#include "hv_demo/hv_arch.h"
#include "hv_demo/hv_guest.h"
#include "hv_demo/hv_internal.h"
#include "hv_demo/report.h"

/** Totals the checks need. */
struct totals {
	uint64_t pcpu_exits, pcpu_preempts, host_checked, host_bad;
	uint64_t exits, preempts, migrations, moves;
	/** vCPUs that ran on several pCPUs, on at most one. */
	unsigned int multi_pcpu, single_pcpu;
	/** Every pCPU's per-CPU counters agree with its hand counts. */
	bool counts_ok;
};

static void pcpu_table(struct totals *sum)
{
	unsigned int c;

	plat_puts("\n pCPU   exits  hypercalls  preempts    IRQs    WFIs"
		  "    MMIO  vCPU loads  host state after exit\n");
	for (c = 0; c < hv_state.pcpu_count; c++) {
		const struct hv_pcpu_record *r = &hv_state.pcpu[c];
		uint64_t exits = *per_cpu_ptr(hv_exits, c);
		uint64_t hypercalls = *per_cpu_ptr(hv_hypercalls, c);
		uint64_t preempts = *per_cpu_ptr(hv_preempts, c);
		uint64_t irqs = *per_cpu_ptr(hv_irqs, c);
		uint64_t wfis = *per_cpu_ptr(hv_wfis, c);
		uint64_t mmios = *per_cpu_ptr(hv_mmios, c);

		plat_put_dec_width(c, 5);
		plat_put_dec_width(exits, 8);
		plat_put_dec_width(hypercalls, 12);
		plat_put_dec_width(preempts, 10);
		plat_put_dec_width(irqs, 8);
		plat_put_dec_width(wfis, 8);
		plat_put_dec_width(mmios, 8);
		plat_put_dec_width(*per_cpu_ptr(hv_loads, c), 12);
		plat_puts("  ");
		if (r->bad_exits == 0) {
			plat_put_dec(r->exits);
			plat_puts("/");
			plat_put_dec(r->exits);
			plat_puts(" intact");
		} else {
			plat_puts("BROKEN ");
			plat_put_dec(r->bad_exits);
			plat_puts("x, first: ");
			plat_puts(r->what != NULL ? r->what : "?");
			plat_puts(" = ");
			plat_put_hex(r->found);
			plat_puts(", expected ");
			plat_put_hex(r->expected);
		}
		plat_puts("\n");
		/* A bad exit stops the pCPU before per-CPU data counts it. */
		if (exits != r->exits - r->bad_exits ||
		    hypercalls + preempts + irqs + wfis + mmios != exits)
			sum->counts_ok = false;
		sum->pcpu_exits += exits;
		sum->pcpu_preempts += preempts;
		sum->host_checked += r->exits;
		sum->host_bad += r->bad_exits;
	}
	plat_puts(" total");
	plat_put_dec_width(sum->pcpu_exits, 7);
	plat_put_dec_width(sum->pcpu_preempts, 22);
	plat_puts("\n");
}

/** Width of the vCPU table's "ran on pCPUs" column. */
#define RAN_ON_WIDTH 12

static void vcpu_table(struct totals *sum)
{
	unsigned int i, c;

	plat_puts("\n vCPU   exits  preempts  loads  migrations  ran on pCPUs");
	plat_puts(hv_guest_columns);
	plat_puts("\n");
	for (i = 0; i < hv_state.vcpu_count; i++) {
		const struct hv_vcpu *v = &hv_state.vcpus[i];
		const struct hv_vcpu_stats *s = vcpu_ptr(v->area, hv_vstats);
		unsigned int used = hv_pcpus_used(s);

		plat_put_dec_width(i, 5);
		plat_put_dec_width(s->exits, 8);
		plat_put_dec_width(s->preempts, 10);
		plat_put_dec_width(s->loads, 7);
		plat_put_dec_width(s->migrations, 12);
		plat_puts("  ");
		/* A mark per pCPU while they fit the column, else used/all. */
		if (hv_state.pcpu_count <= RAN_ON_WIDTH) {
			for (c = 0; c < RAN_ON_WIDTH; c++)
				plat_puts(c >= hv_state.pcpu_count ? " "
					  : hv_vstats_ran_on(s, c) ? "x"
								   : ".");
		} else {
			/* used/all, all being 13 to 999 pCPUs here */
			plat_put_dec_width(used, RAN_ON_WIDTH - 4);
			plat_puts("/");
			plat_put_dec(hv_state.pcpu_count);
			plat_puts(hv_state.pcpu_count < 100 ? " " : "");
		}
		hv_guest_vcpu_cells(v);
		plat_puts("\n");
		sum->exits += s->exits;
		sum->preempts += s->preempts;
		sum->migrations += s->migrations;
		sum->moves += v->moves;
		sum->multi_pcpu += used > 1;
		sum->single_pcpu += used <= 1;
	}
	plat_puts(" total");
	plat_put_dec_width(sum->exits, 7);
	plat_put_dec_width(sum->preempts, 10);
	plat_puts("       ");
	plat_put_dec_width(sum->migrations, 12);
	plat_puts("\n");
}

/*
 * The consistency checks: exit and preemption totals agree, per-CPU counters
 * match the hand counts, host state intact after every exit, migrations
 * reported == pCPU changes seen; then the guest's own.
 */
static void table_checks(const struct totals *s)
{
	unsigned int n = hv_state.vcpu_count;

	plat_puts("\nchecks\n");
	hv_check(s->pcpu_exits == s->exits && s->exits > 0,
		 "exits: per-pCPU total == per-vCPU total (");
	plat_put_dec(s->pcpu_exits);
	plat_puts(" == ");
	plat_put_dec(s->exits);
	plat_puts(")\n");
	hv_check(s->counts_ok, "per-pCPU counters (this_cpu_inc): exits == "
			       "exits counted by hand == sum of the kinds\n");
	hv_check(s->pcpu_preempts == s->preempts,
		 "timer preemptions: per-pCPU total == per-vCPU total (");
	plat_put_dec(s->pcpu_preempts);
	plat_puts(" == ");
	plat_put_dec(s->preempts);
	plat_puts(")\n");
	hv_check(s->host_bad == 0 && s->host_checked > 0,
		 "host per-CPU state intact after every exit (");
	plat_put_dec(s->host_checked - s->host_bad);
	plat_puts("/");
	plat_put_dec(s->host_checked);
	plat_puts(": register, sentinel, canary, cpu id, current vCPU)\n");
	if (hv_state.policy == HV_RUNQ_PINNED || hv_state.pcpu_count == 1) {
		hv_check(s->migrations == 0 && s->moves == 0 &&
				 s->single_pcpu == n,
			 "vCPUs stayed on their pCPUs (");
		plat_put_dec(s->migrations);
		plat_puts(" migrations reported by pervcpu_load, ");
		plat_put_dec(s->moves);
		plat_puts(" pCPU changes seen)\n");
	} else {
		hv_check(s->migrations == s->moves && s->multi_pcpu == n,
			 "migrations reported by pervcpu_load == pCPU changes "
			 "seen (");
		plat_put_dec(s->migrations);
		plat_puts(" == ");
		plat_put_dec(s->moves);
		plat_puts("; ");
		plat_put_dec(s->multi_pcpu);
		plat_puts("/");
		plat_put_dec(n);
		plat_puts(" vCPUs ran on several pCPUs)\n");
	}
	hv_guest_checks();
}

int hv_report(void)
{
	struct totals sum = {.counts_ok = true};
	int failed;

	plat_puts("\nhv_demo: ");
	plat_puts(hv_arch_name);
	plat_puts("; ");
	plat_put_dec(hv_state.pcpu_count);
	plat_puts(" pCPUs, ");
	plat_put_dec(hv_state.vcpu_count);
	plat_puts(" vCPUs");
	hv_guest_describe();
	plat_puts("\n");
	pcpu_table(&sum);
	vcpu_table(&sum);
	hv_guest_tables();
	table_checks(&sum);
	hv_arch_report();
	failed = (int) hv_checks_done();
	/* For the runner: every pCPU ran the hypervisor loop. */
	plat_puts("PERCPU-CPUS: ");
	plat_put_dec(__atomic_load_n(&hv_state.online, __ATOMIC_ACQUIRE));
	plat_puts("\n");
	return failed;
}
