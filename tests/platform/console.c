/* Number formatting for every bare-metal platform, on top of plat_puts(). */
#include "tests/platform/platform.h"

void plat_put_dec(uint64_t v)
{
	char buf[24];
	char *p = buf + sizeof(buf) - 1;

	*p = '\0';
	do {
		*--p = (char) ('0' + v % 10);
		v /= 10;
	} while (v != 0);
	plat_puts(p);
}

void plat_put_hex(uint64_t v)
{
	char buf[24];
	char *p = buf + sizeof(buf) - 1;

	*p = '\0';
	do {
		*--p = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v != 0);
	*--p = 'x';
	*--p = '0';
	plat_puts(p);
}
