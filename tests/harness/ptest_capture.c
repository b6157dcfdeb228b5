/* Captures percpu misuse messages for the cases that check them. */
#include <stdarg.h>

#include "percpu/percpu.h"
#include "tests/harness/ptest.h"

#define CAPTURE_LINES 16
#define CAPTURE_LEN 200

static char lines[CAPTURE_LINES][CAPTURE_LEN];
static unsigned int count;
static int capturing;
static percpu_reporter_fn previous;

static void capture(const char *line)
{
	char *dst = lines[count % CAPTURE_LINES];
	unsigned int i;

	for (i = 0; i + 1 < CAPTURE_LEN && line[i] != '\0'; i++)
		dst[i] = line[i];
	dst[i] = '\0';
	count++;
}

void ptest_capture_begin(void)
{
	if (!capturing)
		previous = percpu_set_reporter(capture);
	capturing = 1;
	count = 0;
}

void ptest_capture_end(void)
{
	if (capturing)
		percpu_set_reporter(previous);
	capturing = 0;
}

unsigned int ptest_captured_count(void)
{
	return count;
}

/** 1 if `needle` occurs in `hay`. */
static int contains(const char *hay, const char *needle)
{
	const char *h, *n;

	for (; *hay != '\0'; hay++) {
		for (h = hay, n = needle; *n != '\0' && *h == *n; h++, n++)
			;
		if (*n == '\0')
			return 1;
	}
	return *needle == '\0';
}

int ptest_captured_(const char *first, ...)
{
	unsigned int n = count < CAPTURE_LINES ? count : CAPTURE_LINES;
	unsigned int i;

	for (i = 0; i < n; i++) {
		const char *line = lines[(count - n + i) % CAPTURE_LINES];
		const char *want = first;
		int all = 1;
		va_list ap;

		va_start(ap, first);
		while (want != 0 && all) {
			all = contains(line, want);
			want = va_arg(ap, const char *);
		}
		va_end(ap);
		if (all)
			return 1;
	}
	for (i = 0; i < n && previous != 0; i++)
		previous(lines[(count - n + i) % CAPTURE_LINES]);
	return 0;
}
