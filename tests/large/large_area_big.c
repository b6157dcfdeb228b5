/* The 64 KiB per-CPU array; see large_area.h for why it has a file of its own.
 */
#include "tests/large/large_area.h"

PERCPU_DEFINE(struct big, lg_big);
