/* hv_demo's closing table and consistency checks. */
#include "hv_demo/report.h"

#include "tests/platform/platform.h"

static int console;

void hv_lock_console(void)
{
	while (__atomic_exchange_n(&console, 1, __ATOMIC_ACQUIRE))
		hv_cpu_relax();
}

void hv_unlock_console(void)
{
	__atomic_store_n(&console, 0, __ATOMIC_RELEASE);
}

void hv_fatal(const char *file, int line, const char *what)
{
	hv_lock_console();
	plat_puts("hv_demo: ");
	plat_puts(file);
	plat_puts(":");
	plat_put_dec((uint64_t) line);
	plat_puts(": check failed: ");
	plat_puts(what);
	plat_puts("\n");
	plat_exit(1);
}

/** Prints `v` right-aligned in `width` columns. */
static void put_col(uint64_t v, int width)
{
	uint64_t t = v;
	int digits = 1;

	while (t >= 10) {
		t /= 10;
		digits++;
	}
	while (width-- > digits)
		plat_puts(" ");
	plat_put_dec(v);
}

bool hv_check(bool ok, const char *what)
{
	plat_puts(ok ? "  [ok]   " : "  [FAIL] ");
	plat_puts(what);
	plat_puts("\n");
	return ok;
}

int hv_report(const struct hv_pcpu_row *pcpu, unsigned int npcpu,
	      const struct hv_vcpu_row *vcpu, unsigned int nvcpu)
{
	uint64_t pcpu_exits = 0, vcpu_exits = 0, host_errors = 0;
	uint64_t guest_errors = 0, migrations = 0, loads = 0;
	bool results = true, migrated = true;
	unsigned int i;
	int failed = 0;

	plat_puts("pCPU   exits  host-errors\n");
	for (i = 0; i < npcpu; i++) {
		put_col(i, 4);
		put_col(pcpu[i].exits, 8);
		put_col(pcpu[i].host_errors, 13);
		plat_puts("\n");
		pcpu_exits += pcpu[i].exits;
		host_errors += pcpu[i].host_errors;
	}
	plat_puts(" all");
	put_col(pcpu_exits, 8);
	put_col(host_errors, 13);
	plat_puts("\n");
	plat_puts("vCPU   exits  loads  migrations      result    expected"
		  "  guest-errors\n");
	for (i = 0; i < nvcpu; i++) {
		put_col(i, 4);
		put_col(vcpu[i].exits, 8);
		put_col(vcpu[i].loads, 7);
		put_col(vcpu[i].migrations, 12);
		put_col(vcpu[i].result, 12);
		put_col(vcpu[i].expected, 12);
		put_col(vcpu[i].guest_errors, 14);
		plat_puts("\n");
		vcpu_exits += vcpu[i].exits;
		guest_errors += vcpu[i].guest_errors;
		migrations += vcpu[i].migrations;
		loads += vcpu[i].loads;
		results &= vcpu[i].result == vcpu[i].expected;
		migrated &= vcpu[i].loads >= 2 &&
			    vcpu[i].migrations == vcpu[i].loads - 1;
	}
	plat_puts(" all");
	put_col(vcpu_exits, 8);
	put_col(loads, 7);
	put_col(migrations, 12);
	put_col(guest_errors, 38);
	plat_puts("\n");
	plat_puts("checks:\n");
	failed += !hv_check(pcpu_exits == vcpu_exits && vcpu_exits > 0,
			    "exits per pCPU and per vCPU add up to the same "
			    "total");
	failed += !hv_check(results, "every guest computed the right result");
	failed += !hv_check(host_errors == 0,
			    "host per-CPU data right after every VM exit");
	failed += !hv_check(guest_errors == 0,
			    "every guest passed its own checks");
	failed += !hv_check(migrated && migrations > 0,
			    "every vCPU migrated at each reschedule");
	return failed;
}
