/*
 * Runs a libFuzzer target without libFuzzer (GCC builds, qemu-user, the
 * sanitizer configs): random inputs from a fixed seed until -max_total_time
 * seconds or -runs inputs, or just the files named on the command line.
 * Other -flags (libFuzzer's) are ignored. A failing input aborts the run;
 * it is written to ./crash-standalone (or $TEST_UNDECLARED_OUTPUTS_DIR).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_INPUT 4096

static uint8_t input[MAX_INPUT];
static size_t input_len;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

/** Saves the input being run, so an abort leaves it behind. */
static void save_input(void)
{
	const char *dir = getenv("TEST_UNDECLARED_OUTPUTS_DIR");
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/crash-standalone",
		 dir != NULL ? dir : ".");
	f = fopen(path, "wb");
	if (f == NULL)
		return;
	fwrite(input, 1, input_len, f);
	fclose(f);
}

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	input_len = fread(input, 1, sizeof(input), f);
	fclose(f);
	LLVMFuzzerTestOneInput(input, input_len);
	printf("standalone fuzz: %s: ok\n", path);
}

int main(int argc, char **argv)
{
	double max_time = 10, start = now(), elapsed;
	unsigned long long runs = ~0ull, done = 0, seed = 1;
	int files = 0, i;
	uint64_t rnd;

	for (i = 1; i < argc; i++) {
		if (strncmp(argv[i], "-max_total_time=", 16) == 0)
			max_time = atof(argv[i] + 16);
		else if (strncmp(argv[i], "-runs=", 6) == 0)
			runs = strtoull(argv[i] + 6, NULL, 0);
		else if (strncmp(argv[i], "-seed=", 6) == 0)
			seed = strtoull(argv[i] + 6, NULL, 0);
		else if (argv[i][0] != '-')
			files++;
	}
	for (i = 1; i < argc; i++) {
		if (argv[i][0] != '-')
			run_file(argv[i]);
	}
	if (files > 0)
		return 0;
	rnd = seed * 0x9e3779b97f4a7c15ull + 1;
	for (done = 0; done < runs; done++) {
		size_t j;

		if (done % 64 == 0 && now() - start >= max_time)
			break;
		/* Mostly short sequences, sometimes long ones. */
		input_len =
			next_random(&rnd) % (done % 8 == 0 ? MAX_INPUT : 512);
		for (j = 0; j < input_len; j++)
			input[j] = (uint8_t) next_random(&rnd);
		if (done % 1024 == 0)
			save_input();
		LLVMFuzzerTestOneInput(input, input_len);
	}
	elapsed = now() - start;
	printf("standalone fuzz: %llu runs in %.1f s (%.0f execs/s), seed "
	       "%llu: no difference found\n",
	       done, elapsed, (double) done / (elapsed > 0 ? elapsed : 1),
	       seed);
	return 0;
}
