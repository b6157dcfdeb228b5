/* The x86_64 demo's closing table (see table.h). */
#include "hv_demo/x86_64/table.h"

#include <stdbool.h>

#include "hv_demo/report.h"
#include "tests/platform/platform.h"

void x86_table(const struct hv_pcpu_row *pcpu, unsigned int npcpu,
	       const struct hv_vcpu_row *vcpu, unsigned int nvcpu)
{
	uint64_t pcpu_exits = 0, vcpu_exits = 0, host_errors = 0;
	uint64_t guest_errors = 0, migrations = 0, loads = 0;
	bool results = true, migrated = true;
	unsigned int i;

	plat_puts("pCPU   exits  host-errors\n");
	for (i = 0; i < npcpu; i++) {
		hv_put_dec(i, 4);
		hv_put_dec(pcpu[i].exits, 8);
		hv_put_dec(pcpu[i].host_errors, 13);
		plat_puts("\n");
		pcpu_exits += pcpu[i].exits;
		host_errors += pcpu[i].host_errors;
	}
	plat_puts(" all");
	hv_put_dec(pcpu_exits, 8);
	hv_put_dec(host_errors, 13);
	plat_puts("\n");
	plat_puts("vCPU   exits  loads  migrations      result    expected"
		  "  guest-errors\n");
	for (i = 0; i < nvcpu; i++) {
		hv_put_dec(i, 4);
		hv_put_dec(vcpu[i].exits, 8);
		hv_put_dec(vcpu[i].loads, 7);
		hv_put_dec(vcpu[i].migrations, 12);
		hv_put_dec(vcpu[i].result, 12);
		hv_put_dec(vcpu[i].expected, 12);
		hv_put_dec(vcpu[i].guest_errors, 14);
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
	hv_put_dec(vcpu_exits, 8);
	hv_put_dec(loads, 7);
	hv_put_dec(migrations, 12);
	hv_put_dec(guest_errors, 38);
	plat_puts("\n");
	plat_puts("checks:\n");
	hv_check(pcpu_exits == vcpu_exits && vcpu_exits > 0,
		 "exits per pCPU and per vCPU add up to the same "
		 "total\n");
	hv_check(results, "every guest computed the right result\n");
	hv_check(host_errors == 0,
		 "host per-CPU data right after every VM exit\n");
	hv_check(guest_errors == 0, "every guest passed its own checks\n");
	hv_check(migrated && migrations > 0,
		 "every vCPU migrated at each reschedule\n");
}
