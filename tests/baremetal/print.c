/* Number output for every bare-metal platform, built on plat_puts(). */
#include "tests/platform/platform.h"

void plat_put_dec(uint64_t v)
{
	char buf[24];
	int i = (int) sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char) ('0' + v % 10);
		v /= 10;
	} while (v != 0);
	plat_puts(&buf[i]);
}

void plat_put_hex(uint64_t v)
{
	char buf[19];
	int i = (int) sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = "0123456789abcdef"[v & 0xf];
		v >>= 4;
	} while (v != 0);
	buf[--i] = 'x';
	buf[--i] = '0';
	plat_puts(&buf[i]);
}
