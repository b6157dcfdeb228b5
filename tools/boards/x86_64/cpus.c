/*
 * CPU discovery from firmware tables: ACPI (RSDP in the EBDA or
 * 0xe0000-0xfffff -> RSDT or XSDT -> "APIC" table, local APIC and x2APIC
 * entries) with the MultiProcessor Specification table as fallback. All
 * tables are below 4 GiB, inside the platform's identity mapping.
 */
#include "tools/boards/x86_64/cpus.h"

#include <stddef.h>
#include <string.h>

struct rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt;
	/* ACPI 2.0+ (revision >= 2): */
	uint32_t length;
	uint64_t xsdt;
	uint8_t xchecksum;
	uint8_t reserved[3];
} __attribute__((packed));

struct sdt_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __attribute__((packed));

struct madt {
	struct sdt_header h;
	uint32_t lapic_base;
	uint32_t flags;
	uint8_t entries[];
} __attribute__((packed));

enum {
	MADT_LAPIC = 0,
	MADT_LAPIC_OVERRIDE = 5,
	MADT_X2APIC = 9,
	MADT_ENABLED = 1,
};

struct mp_floating {
	char signature[4];
	uint32_t config;
	uint8_t length; /* 16-byte units */
	uint8_t revision;
	uint8_t checksum;
	uint8_t features[5];
} __attribute__((packed));

struct mp_config {
	char signature[4];
	uint16_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[8];
	char product_id[12];
	uint32_t oem_table;
	uint16_t oem_size;
	uint16_t entry_count;
	uint32_t lapic_base;
	uint16_t ext_length;
	uint8_t ext_checksum;
	uint8_t reserved;
} __attribute__((packed));

enum {
	MP_PROCESSOR = 0,
	MP_PROCESSOR_SIZE = 20,
	MP_OTHER_SIZE = 8,
	MP_CPU_ENABLED = 1,
};

#define LAPIC_DEFAULT_BASE 0xfee00000u

static int sum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	while (len-- != 0)
		sum = (uint8_t) (sum + *b++);
	return sum == 0;
}

/** First 16-byte aligned `sig` in [start, start + len) with a valid sum. */
static const void *scan(uintptr_t start, size_t len, const char *sig,
			size_t sig_len, size_t sum_len)
{
	uintptr_t p;

	for (p = start; p + sum_len <= start + len; p += 16) {
		if (memcmp((const void *) p, sig, sig_len) == 0 &&
		    sum_ok((const void *) p, sum_len))
			return (const void *) p;
	}
	return NULL;
}

/** EBDA start from the BIOS data area (0 if it looks wrong). */
static uintptr_t ebda(void)
{
	const volatile uint16_t *segment;
	uintptr_t base;

	/* Hide the constant: GCC 12 warns about reads in the first page. */
	__asm__("" : "=r"(segment) : "0"((uintptr_t) 0x40e));
	base = (uintptr_t) *segment << 4;

	return base >= 0x80000 && base < 0xa0000 ? base : 0;
}

static void add_cpu(struct x86_cpus *cpus, uint32_t apic_id)
{
	if (cpus->count < PLAT_MAX_CPUS)
		cpus->apic_id[cpus->count++] = apic_id;
	else
		cpus->dropped++;
}

static const struct rsdp *find_rsdp(void)
{
	const struct rsdp *r = NULL;

	if (ebda() != 0)
		r = scan(ebda(), 1024, "RSD PTR ", 8, 20);
	if (r == NULL)
		r = scan(0xe0000, 0x20000, "RSD PTR ", 8, 20);
	return r;
}

static const struct madt *find_madt(void)
{
	const struct rsdp *r = find_rsdp();
	const struct sdt_header *root;
	size_t width, n, i;

	if (r == NULL)
		return NULL;
	if (r->revision >= 2 && r->xsdt != 0 && r->xsdt < (1ull << 32) &&
	    sum_ok(r, r->length)) {
		root = (const struct sdt_header *) (uintptr_t) r->xsdt;
		width = 8;
	} else {
		root = (const struct sdt_header *) (uintptr_t) r->rsdt;
		width = 4;
	}
	if (!sum_ok(root, root->length))
		return NULL;
	n = (root->length - sizeof(*root)) / width;
	for (i = 0; i < n; i++) {
		const uint8_t *slot = (const uint8_t *) (root + 1) + i * width;
		uint64_t addr = 0;
		const struct sdt_header *t;

		memcpy(&addr, slot, width);
		if (addr == 0 || addr >= (1ull << 32))
			continue;
		t = (const struct sdt_header *) (uintptr_t) addr;
		if (memcmp(t->signature, "APIC", 4) == 0 &&
		    sum_ok(t, t->length))
			return (const struct madt *) t;
	}
	return NULL;
}

static int from_madt(struct x86_cpus *cpus)
{
	const struct madt *m = find_madt();
	const uint8_t *e, *end;

	if (m == NULL)
		return -1;
	cpus->lapic_base = m->lapic_base;
	end = (const uint8_t *) m + m->h.length;
	for (e = m->entries; e + 2 <= end && e[1] >= 2; e += e[1]) {
		uint32_t flags, id;

		if (e[0] == MADT_LAPIC && e[1] >= 8) {
			memcpy(&flags, e + 4, 4);
			if (flags & MADT_ENABLED)
				add_cpu(cpus, e[3]);
		} else if (e[0] == MADT_X2APIC && e[1] >= 16) {
			memcpy(&id, e + 4, 4);
			memcpy(&flags, e + 8, 4);
			if (flags & MADT_ENABLED)
				add_cpu(cpus, id);
		} else if (e[0] == MADT_LAPIC_OVERRIDE && e[1] >= 12) {
			memcpy(&cpus->lapic_base, e + 4, 8);
		}
	}
	cpus->source = "ACPI MADT";
	return cpus->count != 0 ? 0 : -1;
}

static const struct mp_floating *find_mp(void)
{
	const struct mp_floating *f = NULL;

	if (ebda() != 0)
		f = scan(ebda(), 1024, "_MP_", 4, 16);
	if (f == NULL)
		f = scan(0x9fc00, 1024, "_MP_", 4, 16);
	if (f == NULL)
		f = scan(0xf0000, 0x10000, "_MP_", 4, 16);
	return f;
}

static int from_mp_table(struct x86_cpus *cpus)
{
	const struct mp_floating *f = find_mp();
	const struct mp_config *c;
	const uint8_t *e, *end;
	unsigned int i;

	/* features[0] != 0 selects a default configuration: no table. */
	if (f == NULL || f->config == 0 || f->features[0] != 0)
		return -1;
	c = (const struct mp_config *) (uintptr_t) f->config;
	if (memcmp(c->signature, "PCMP", 4) != 0 || !sum_ok(c, c->length))
		return -1;
	cpus->lapic_base = c->lapic_base;
	e = (const uint8_t *) (c + 1);
	end = (const uint8_t *) c + c->length;
	for (i = 0; i < c->entry_count && e < end; i++) {
		if (e[0] == MP_PROCESSOR) {
			if (e[3] & MP_CPU_ENABLED)
				add_cpu(cpus, e[1]);
			e += MP_PROCESSOR_SIZE;
		} else {
			e += MP_OTHER_SIZE;
		}
	}
	cpus->source = "MP table";
	return cpus->count != 0 ? 0 : -1;
}

int x86_find_cpus(struct x86_cpus *cpus)
{
	memset(cpus, 0, sizeof(*cpus));
	if (from_madt(cpus) != 0) {
		memset(cpus, 0, sizeof(*cpus));
		if (from_mp_table(cpus) != 0)
			return -1;
	}
	if (cpus->lapic_base == 0)
		cpus->lapic_base = LAPIC_DEFAULT_BASE;
	return 0;
}
