/*
 * Minimal flattened device tree reader (DTSpec v0.4, chapter 5): walks the
 * structure block once, collects the `reg` of every enabled node directly
 * under /cpus whose device_type is "cpu", and reads /psci's `method`.
 * Big-endian fields are read byte by byte (no alignment assumptions).
 */
#include "tools/boards/fdt.h"

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

/** Whether the `len`-byte property value `v` is the string `s`. */
static int prop_is(const uint8_t *v, uint32_t len, const char *s)
{
	uint32_t i;

	for (i = 0; i < len && s[i] != '\0'; i++) {
		if (v[i] != (uint8_t) s[i])
			return 0;
	}
	return i + 1 == len && v[i] == '\0';
}

/** Whether the NUL-terminated name at p (before end) equals s. */
static int name_is(const uint8_t *p, const uint8_t *end, const char *s)
{
	while (p < end && *s != '\0' && *p == (uint8_t) *s) {
		p++;
		s++;
	}
	return p < end && *p == '\0' && *s == '\0';
}

/** Whether the node name at p (before end) is `s` or `s@...`. */
static int node_is(const uint8_t *p, const uint8_t *end, const char *s)
{
	while (p < end && *s != '\0' && *p == (uint8_t) *s) {
		p++;
		s++;
	}
	return p < end && *s == '\0' && (*p == '\0' || *p == '@');
}

/** The node being looked at, directly under /cpus. */
struct cpu_node {
	int is_cpu;
	int disabled;
	int has_reg;
	uint64_t reg;
};

/** Adds the node that just ended to `h` if it is an enabled cpu. */
static int add_cpu(const struct cpu_node *n, struct fdt_cpus *h,
		   const char **err)
{
	if (!n->is_cpu || n->disabled)
		return 0;
	if (!n->has_reg) {
		*err = "/cpus/cpu node without reg";
		return -1;
	}
	if (h->count == PLAT_MAX_CPUS)
		h->dropped++;
	else
		h->reg[h->count++] = n->reg;
	return 0;
}

int fdt_scan(const void *fdt, struct fdt_cpus *h, const char **err)
{
	const uint8_t *base = fdt;
	const uint8_t *p, *end, *strings, *strings_end;
	unsigned int depth = 0, cpus_depth = 0, psci_depth = 0;
	uint32_t addr_cells = 1;
	struct cpu_node node = {0, 0, 0, 0};

	h->count = 0;
	h->dropped = 0;
	h->psci_hvc = -1;
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
			const uint8_t *name = p;

			while (p < end && *p != '\0')
				p++;
			if (p == end)
				break;
			depth++;
			if (depth == 2 && name_is(name, p + 1, "cpus"))
				cpus_depth = 2;
			if (depth == 2 && node_is(name, p + 1, "psci"))
				psci_depth = 2;
			if (cpus_depth != 0 && depth == 3) {
				node.is_cpu = 0;
				node.disabled = 0;
				node.has_reg = 0;
			}
			p = base +
			    (((size_t) (p + 1 - base) + 3) & ~(size_t) 3);
		} else if (token == FDT_END_NODE) {
			if (depth == 0)
				break;
			if (cpus_depth != 0 && depth == 3 &&
			    add_cpu(&node, h, err) != 0)
				return -1;
			if (depth == cpus_depth)
				cpus_depth = 0;
			if (depth == psci_depth)
				psci_depth = 0;
			depth--;
		} else if (token == FDT_PROP) {
			uint32_t len, name_off;
			const uint8_t *v, *pname;

			if (p + 8 > end)
				break;
			len = be32(p);
			name_off = be32(p + 4);
			v = p + 8;
			if (v + len > end || strings + name_off >= strings_end)
				break;
			pname = strings + name_off;
			if (cpus_depth != 0 && depth == 2 &&
			    name_is(pname, strings_end, "#address-cells") &&
			    len == 4)
				addr_cells = be32(v);
			if (psci_depth != 0 && depth == 2 &&
			    name_is(pname, strings_end, "method")) {
				if (prop_is(v, len, "hvc"))
					h->psci_hvc = 1;
				else if (prop_is(v, len, "smc"))
					h->psci_hvc = 0;
			}
			if (cpus_depth != 0 && depth == 3) {
				if (name_is(pname, strings_end, "device_type"))
					node.is_cpu = prop_is(v, len, "cpu");
				if (name_is(pname, strings_end, "status"))
					node.disabled =
						!prop_is(v, len, "okay") &&
						!prop_is(v, len, "ok");
				if (name_is(pname, strings_end, "reg") &&
				    len >= 4 * addr_cells &&
				    (addr_cells == 1 || addr_cells == 2)) {
					node.reg = addr_cells == 2
							   ? (uint64_t) be32(
								     v) << 32 |
								     be32(v + 4)
							   : be32(v);
					node.has_reg = 1;
				}
			}
			p = v + ((len + 3) & ~3u);
		} else if (token == FDT_END) {
			if (depth != 0)
				break;
			if (h->count == 0) {
				*err = "no enabled cpu under /cpus";
				return -1;
			}
			return 0;
		} else if (token != FDT_NOP) {
			break;
		}
	}
	*err = "malformed device tree structure block";
	return -1;
}

/** Stops the run: the board cannot start. */
__attribute__((noreturn)) static void boot_fail(const char *what,
						const char *detail)
{
	plat_puts("platform: ");
	plat_puts(what);
	plat_puts(detail);
	plat_puts("\n");
	plat_exit(PLAT_EXIT_BOOT);
}

const void *fdt_machine(struct fdt_cpus *c, const void *given,
			const char *given_name, const void *fallback,
			uint64_t self, const char **from)
{
	const char *err = "";
	const void *tree = given;
	unsigned int i;

	*from = given_name;
	if (fdt_scan(tree, c, &err) != 0) {
		tree = fallback;
		*from = "start of RAM";
		if (fdt_scan(tree, c, &err) != 0)
			boot_fail("device tree: ", err);
	}
	i = fdt_cpu_index(c, self);
	c->reg[i] = c->reg[0];
	c->reg[0] = self;
	return tree;
}

unsigned int fdt_cpu_index(const struct fdt_cpus *c, uint64_t self)
{
	unsigned int i;

	for (i = 0; i < c->count; i++) {
		if (c->reg[i] == self)
			return i;
	}
	plat_puts("platform: CPU ");
	plat_put_hex(self);
	boot_fail(" is not in the device tree", "");
}
