/* The hygiene cases in C11 (tests/hygiene/hygiene_body.h). */
#define HYG_LANG c
#include "tests/hygiene/hygiene_body.h"
