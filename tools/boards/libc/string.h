/*
 * The string functions bare-metal test images use (GCC also emits calls to
 * memcpy/memset/memmove/memcmp itself). Freestanding images have no libc.
 */
#ifndef TESTS_PLATFORM_LIBC_STRING_H
#define TESTS_PLATFORM_LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int strcmp(const char *a, const char *b);
size_t strlen(const char *s);

#endif /* TESTS_PLATFORM_LIBC_STRING_H */
