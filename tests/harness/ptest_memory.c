#include "tests/harness/ptest.h"

uint8_t ptest_memory[1 << 20] __attribute__((aligned(4096)));
