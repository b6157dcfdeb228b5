/* Console formatting for every bare-metal platform. */
#include "tools/boards/platform.h"

/*
 * PLAT_MAX_CPUS for the linker scripts (image.ld: the in-place areas), as the
 * absolute symbol plat_max_cpus: the constant is written once, in platform.h.
 */
#define PLAT_STR2_(x) #x
#define PLAT_STR_(x) PLAT_STR2_(x)
__asm__(".globl plat_max_cpus\n\t.set plat_max_cpus, " PLAT_STR_(
	PLAT_MAX_CPUS));

static int console_lock_word;

void plat_console_lock(void)
{
	while (__atomic_exchange_n(&console_lock_word, 1, __ATOMIC_ACQUIRE))
		plat_cpu_relax();
}

int plat_console_lock_bounded(unsigned long spins)
{
	while (__atomic_exchange_n(&console_lock_word, 1, __ATOMIC_ACQUIRE)) {
		if (spins-- == 0)
			return 0;
		plat_cpu_relax();
	}
	return 1;
}

void plat_console_unlock(void)
{
	__atomic_store_n(&console_lock_word, 0, __ATOMIC_RELEASE);
}

void plat_put_line(const char *line)
{
	plat_console_lock();
	plat_puts(line);
	plat_puts("\n");
	plat_console_unlock();
}

void plat_put_mismatch(const char *who, unsigned int index, const char *what,
		       uint64_t got, uint64_t want)
{
	plat_console_lock();
	plat_puts(who);
	plat_put_dec(index);
	plat_puts(": ");
	plat_puts(what);
	plat_puts(": got ");
	plat_put_hex(got);
	plat_puts(", want ");
	plat_put_hex(want);
	plat_puts("\n");
	plat_console_unlock();
}

void plat_put_dec_width(uint64_t v, unsigned int width)
{
	char buf[48];
	char *p = buf + sizeof(buf) - 1;

	*p = '\0';
	do {
		*--p = (char) ('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (p > buf && (unsigned int) (buf + sizeof(buf) - 1 - p) < width)
		*--p = ' ';
	plat_puts(p);
}

void plat_put_dec(uint64_t v)
{
	plat_put_dec_width(v, 0);
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

char *plat_verdict_line(int code, char buf[PLAT_VERDICT_MAX])
{
	const char *s = code == 0 ? "\nPERCPU-VERDICT: PASS\n"
				  : "\nPERCPU-VERDICT: FAIL ";
	unsigned int v =
		code < 0 ? 0u - (unsigned int) code : (unsigned int) code;
	char digits[12];
	size_t len = 0;
	int n = 0;

	while (*s != '\0')
		buf[len++] = *s++;
	if (code != 0) {
		if (code < 0)
			buf[len++] = '-';
		do {
			digits[n++] = (char) ('0' + v % 10);
			v /= 10;
		} while (v != 0);
		while (n > 0)
			buf[len++] = digits[--n];
		buf[len++] = '\n';
	}
	buf[len] = '\0';
	return buf;
}
