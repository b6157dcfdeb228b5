/*
 * A bare-metal image provides memcpy and memset itself (README "Bare
 * metal"): GCC emits calls to them even in freestanding code.
 */
#include <stddef.h>

/* Keep GCC from turning the loops below back into calls to themselves. */
#define NO_LIBCALLS                                                            \
	__attribute__((optimize("no-tree-loop-distribute-patterns")))

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

NO_LIBCALLS void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

NO_LIBCALLS void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char) c;
	return dst;
}
