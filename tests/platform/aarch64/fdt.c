/*
 * Minimal flattened device tree reader (DTSpec v0.4, chapter 5): walks the
 * structure block once, looking at /cpus/cpu@N and /psci only. Big-endian
 * fields are read byte by byte (no alignment assumptions).
 */
#include "tests/platform/aarch64/fdt.h"

#include <stddef.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 |
	       (uint32_t) p[2] << 8 | p[3];
}

static int str_eq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/** Whether `s` starts with `prefix`. */
static int str_starts(const char *s, const char *prefix)
{
	while (*prefix != '\0') {
		if (*s++ != *prefix++)
			return 0;
	}
	return 1;
}

/** Length of the NUL-terminated string at p, or -1 if it runs past end. */
static long str_len(const uint8_t *p, const uint8_t *end)
{
	const uint8_t *s = p;

	while (s < end && *s != '\0')
		s++;
	return s < end ? (long) (s - p) : -1;
}

/** Walk state: which node we are in, at the depths that matter. */
struct walk {
	unsigned int depth;
	int in_cpus;  /* depth >= 2 under /cpus */
	int in_psci;  /* depth == 2 at /psci */
	int in_cpu;   /* depth == 3 at /cpus/cpu@N */
	int cpu_okay; /* its status is "okay" (or absent) */
	int cpu_has_reg;
	uint64_t cpu_reg;
	uint32_t cpu_cells; /* /cpus #address-cells */
};

static void begin_node(struct walk *w, const char *name)
{
	w->depth++;
	if (w->depth == 2) {
		w->in_cpus = str_eq(name, "cpus");
		w->in_psci = str_eq(name, "psci") || str_starts(name, "psci@");
	} else if (w->depth == 3 && w->in_cpus) {
		w->in_cpu = str_starts(name, "cpu@");
		w->cpu_okay = 1;
		w->cpu_has_reg = 0;
	}
}

static void end_node(struct walk *w, struct fdt_machine *m)
{
	if (w->depth == 3 && w->in_cpu) {
		if (w->cpu_okay && w->cpu_has_reg) {
			if (m->cpu_count <
			    sizeof(m->cpu_mpidr) / sizeof(m->cpu_mpidr[0]))
				m->cpu_mpidr[m->cpu_count++] = w->cpu_reg;
			else
				m->cpus_dropped++;
		}
		w->in_cpu = 0;
	}
	if (w->depth == 2) {
		w->in_cpus = 0;
		w->in_psci = 0;
	}
	w->depth--;
}

static void property(struct walk *w, struct fdt_machine *m, const char *name,
		     const uint8_t *val, uint32_t len)
{
	if (w->depth == 2 && w->in_cpus && str_eq(name, "#address-cells") &&
	    len == 4) {
		w->cpu_cells = be32(val);
	} else if (w->depth == 3 && w->in_cpu) {
		if (str_eq(name, "reg") && len >= 4 * w->cpu_cells &&
		    (w->cpu_cells == 1 || w->cpu_cells == 2)) {
			w->cpu_reg = be32(val);
			if (w->cpu_cells == 2)
				w->cpu_reg = w->cpu_reg << 32 | be32(val + 4);
			w->cpu_has_reg = 1;
		} else if (str_eq(name, "status") && len > 0) {
			w->cpu_okay = str_eq((const char *) val, "okay") ||
				      str_eq((const char *) val, "ok");
		}
	} else if (w->depth == 2 && w->in_psci && str_eq(name, "method") &&
		   len > 0) {
		if (str_eq((const char *) val, "hvc"))
			m->psci_hvc = 1;
		else if (str_eq((const char *) val, "smc"))
			m->psci_hvc = 0;
	}
}

int fdt_scan(const void *fdt, struct fdt_machine *m, const char **err)
{
	const uint8_t *base = fdt;
	const uint8_t *p, *end, *strings, *strings_end;
	struct walk w = {0};

	m->cpu_count = 0;
	m->cpus_dropped = 0;
	m->psci_hvc = -1;
	w.cpu_cells = 1;
	if (base == NULL || be32(base) != FDT_MAGIC) {
		*err = "no device tree (bad magic)";
		return -1;
	}
	p = base + be32(base + 8);
	end = p + be32(base + 36);
	strings = base + be32(base + 12);
	strings_end = strings + be32(base + 32);

	while (p + 4 <= end) {
		uint32_t token = be32(p);

		p += 4;
		if (token == FDT_BEGIN_NODE) {
			long len = str_len(p, end);

			if (len < 0)
				break;
			begin_node(&w, (const char *) p);
			p += ((size_t) len + 4) & ~(size_t) 3;
		} else if (token == FDT_END_NODE) {
			if (w.depth == 0)
				break;
			end_node(&w, m);
		} else if (token == FDT_PROP) {
			uint32_t len, nameoff;

			if (p + 8 > end)
				break;
			len = be32(p);
			nameoff = be32(p + 4);
			p += 8;
			if (len > (size_t) (end - p) ||
			    strings + nameoff >= strings_end ||
			    str_len(strings + nameoff, strings_end) < 0)
				break;
			property(&w, m, (const char *) strings + nameoff, p,
				 len);
			p += (len + 3) & ~3u;
		} else if (token == FDT_END) {
			if (w.depth != 0)
				break;
			if (m->cpu_count == 0) {
				*err = "no enabled /cpus/cpu@N node with reg";
				return -1;
			}
			return 0;
		} else if (token != FDT_NOP) {
			break;
		}
	}
	*err = "malformed structure block";
	return -1;
}
