/*
 * String functions for bare-metal test images: simple loops, a word at a
 * time where both sides allow (emulators run every iteration). Built with
 * -fno-tree-loop-distribute-patterns so GCC does not turn these loops into
 * calls to themselves.
 */
#include <stdint.h>
#include <string.h>

/** A word that may alias anything. */
typedef uintptr_t __attribute__((may_alias)) word_t;

#define WORD sizeof(word_t)
#define ALIGNED(p) (((uintptr_t) (p) % WORD) == 0)

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t) d % WORD == (uintptr_t) s % WORD) {
		for (; n != 0 && !ALIGNED(d); n--)
			*d++ = *s++;
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(word_t *) d = *(const word_t *) s;
	}
	while (n-- != 0)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n-- != 0)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	word_t pattern = (word_t) -1 / 0xff * (unsigned char) c;

	for (; n != 0 && !ALIGNED(d); n--)
		*d++ = (unsigned char) c;
	for (; n >= WORD; n -= WORD, d += WORD)
		*(word_t *) d = pattern;
	while (n-- != 0)
		*d++ = (unsigned char) c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a;
	const unsigned char *y = b;

	for (; n != 0; n--, x++, y++) {
		if (*x != *y)
			return *x < *y ? -1 : 1;
	}
	return 0;
}

int strcmp(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char) *a - (unsigned char) *b;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}
