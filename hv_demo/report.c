/* hv_demo's generic output (see report.h). */
#include "hv_demo/report.h"

#include <stddef.h>

#include "tools/boards/platform.h"

/** Checks printed so far, and those that failed. */
static unsigned int checks_run, checks_failed;

void hv_fatal(const char *file, int line, const char *what)
{
	plat_console_lock();
	plat_puts("hv_demo: ");
	plat_puts(file);
	plat_puts(":");
	plat_put_dec((uint64_t) line);
	plat_puts(": check failed: ");
	plat_puts(what);
	plat_puts("\n");
	plat_exit(PLAT_EXIT_FAIL);
}

void hv_put_dec(uint64_t v, unsigned int width)
{
	uint64_t t = v;
	unsigned int digits = 1;

	while (t >= 10) {
		t /= 10;
		digits++;
	}
	for (; digits < width; digits++)
		plat_puts(" ");
	plat_put_dec(v);
}

bool hv_check(bool ok, const char *what)
{
	checks_run++;
	checks_failed += !ok;
	plat_puts(ok ? "  [ok]   " : "  [FAIL] ");
	plat_puts(what);
	return ok;
}

unsigned int hv_checks_done(void)
{
	plat_puts("hv_demo: ");
	plat_put_dec(checks_run - checks_failed);
	plat_puts("/");
	plat_put_dec(checks_run);
	plat_puts(" checks passed\n");
	return checks_failed;
}

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

/** Totals the checks need. */
struct totals {
	uint64_t pcpu_exits, pcpu_preempts, host_checked, host_bad;
	uint64_t exits, preempts, migrations, moves, step_errors;
	uint64_t guest_errors;
	unsigned int right, multi_pcpu;
	/** Every pCPU's per-CPU counters agree with its hand counts. */
	bool counts_ok;
};

static void pcpu_table(const struct hv_table *t, struct totals *sum)
{
	unsigned int c;

	plat_puts("\n pCPU   exits  hypercalls  preempts  vCPU loads"
		  "  host state after exit\n");
	for (c = 0; c < t->npcpu; c++) {
		const struct hv_pcpu_row *r = &t->pcpu[c];

		hv_put_dec(c, 5);
		hv_put_dec(r->exits, 8);
		hv_put_dec(r->hypercalls, 12);
		hv_put_dec(r->preempts, 10);
		hv_put_dec(r->loads, 12);
		plat_puts("  ");
		if (r->host_bad == 0) {
			plat_put_dec(r->host_checked);
			plat_puts("/");
			plat_put_dec(r->host_checked);
			plat_puts(" intact");
		} else {
			plat_puts("BROKEN ");
			plat_put_dec(r->host_bad);
			plat_puts("x, first: ");
			plat_puts(r->what != NULL ? r->what : "?");
			plat_puts(" = ");
			plat_put_hex(r->found);
			plat_puts(", expected ");
			plat_put_hex(r->expected);
		}
		plat_puts("\n");
		if (r->exits != r->hand_exits ||
		    r->hypercalls + r->preempts != r->exits)
			sum->counts_ok = false;
		sum->pcpu_exits += r->exits;
		sum->pcpu_preempts += r->preempts;
		sum->host_checked += r->host_checked;
		sum->host_bad += r->host_bad;
	}
	plat_puts(" total");
	hv_put_dec(sum->pcpu_exits, 7);
	hv_put_dec(sum->pcpu_preempts, 22);
	plat_puts("\n");
}

static void vcpu_table(const struct hv_table *t, struct totals *sum)
{
	unsigned int i, c;

	plat_puts("\n vCPU   exits  preempts  loads  migrations  ran on pCPUs"
		  "  result            check  guest-owned state\n");
	for (i = 0; i < t->nvcpu; i++) {
		const struct hv_vcpu_row *v = &t->vcpu[i];
		unsigned int used = 0;

		hv_put_dec(i, 5);
		hv_put_dec(v->exits, 8);
		hv_put_dec(v->preempts, 10);
		hv_put_dec(v->loads, 7);
		hv_put_dec(v->migrations, 12);
		plat_puts("  ");
		for (c = 0; c < t->npcpu; c++) {
			plat_puts((v->pcpus >> c) & 1 ? "x" : ".");
			used += (v->pcpus >> c) & 1;
		}
		for (; c < 12; c++)
			plat_puts(" ");
		plat_puts("  ");
		put_hex16(v->result);
		plat_puts(v->right ? "  right  " : "  WRONG  ");
		if (v->fault != 0) {
			plat_puts("FAULT ");
			plat_put_hex(v->fault);
			plat_puts(" at ");
			plat_put_hex(v->fault_pc);
		} else if (!v->done) {
			plat_puts("not finished");
		} else if (v->guest_errors == 0) {
			plat_puts("preserved");
		} else {
			plat_put_dec(v->guest_errors);
			plat_puts(" CHANGED");
		}
		plat_puts("\n");
		sum->exits += v->exits;
		sum->preempts += v->preempts;
		sum->migrations += v->migrations;
		sum->moves += v->moves;
		sum->step_errors += v->step_errors;
		sum->guest_errors += v->guest_errors;
		sum->right += v->right;
		sum->multi_pcpu += used > 1;
	}
	plat_puts(" total");
	hv_put_dec(sum->exits, 7);
	hv_put_dec(sum->preempts, 10);
	plat_puts("       ");
	hv_put_dec(sum->migrations, 12);
	plat_puts("\n");
}

void hv_table_print(const struct hv_table *t)
{
	struct totals s = {.counts_ok = true};

	plat_puts("\nhv_demo: ");
	plat_puts(t->machine);
	plat_puts("; ");
	plat_put_dec(t->npcpu);
	plat_puts(" pCPUs, ");
	plat_put_dec(t->nvcpu);
	plat_puts(" vCPUs x ");
	plat_put_dec(t->steps);
	plat_puts(" ");
	plat_puts(t->step_name);
	plat_puts("\n");
	pcpu_table(t, &s);
	vcpu_table(t, &s);

	plat_puts("\nchecks\n");
	hv_check(s.pcpu_exits == s.exits && s.exits > 0,
		 "exits: per-pCPU total == per-vCPU total (");
	plat_put_dec(s.pcpu_exits);
	plat_puts(" == ");
	plat_put_dec(s.exits);
	plat_puts(")\n");
	hv_check(s.counts_ok, "per-pCPU counters (this_cpu_inc): exits == "
			      "exits counted by hand == hypercalls + "
			      "preempts\n");
	hv_check(s.pcpu_preempts == s.preempts,
		 "timer preemptions: per-pCPU total == per-vCPU total (");
	plat_put_dec(s.pcpu_preempts);
	plat_puts(" == ");
	plat_put_dec(s.preempts);
	plat_puts(")\n");
	hv_check(s.host_bad == 0 && s.host_checked > 0,
		 "host per-CPU state intact after every exit (");
	plat_put_dec(s.host_checked - s.host_bad);
	plat_puts("/");
	plat_put_dec(s.host_checked);
	plat_puts(": ");
	plat_puts(t->host_checks);
	plat_puts(")\n");
	hv_check(s.right == t->nvcpu && s.step_errors == 0,
		 "guest results right (");
	plat_put_dec(s.right);
	plat_puts("/");
	plat_put_dec(t->nvcpu);
	plat_puts(", ");
	plat_put_dec(s.step_errors);
	plat_puts(" bad steps)\n");
	hv_check(s.guest_errors == 0 && s.right == t->nvcpu, "guest-owned ");
	plat_puts(t->guest_state);
	plat_puts(" preserved as each guest saw them (");
	plat_put_dec(s.guest_errors);
	plat_puts(" changes)\n");
	hv_check(s.migrations == s.moves &&
			 s.multi_pcpu == (t->npcpu > 1 ? t->nvcpu : 0),
		 "migrations reported by pervcpu_load == pCPU changes seen (");
	plat_put_dec(s.migrations);
	plat_puts(" == ");
	plat_put_dec(s.moves);
	plat_puts("; ");
	plat_put_dec(s.multi_pcpu);
	plat_puts("/");
	plat_put_dec(t->nvcpu);
	plat_puts(" vCPUs ran on several pCPUs)\n");
}
