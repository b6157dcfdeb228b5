#include "tests/harness/ptest.h"

uint8_t ptest_memory[1 << 22] __attribute__((aligned(4096)));

uint64_t ptest_hash(const void *p, uint64_t n)
{
	const volatile uint8_t *b = (const volatile uint8_t *) p;
	uint64_t h = 0xcbf29ce484222325ull;

	while (n-- != 0)
		h = (h ^ *b++) * 0x100000001b3ull;
	return h;
}
