// The hygiene cases in C++17 (tests/hygiene/hygiene_body.h).
#define HYG_LANG cxx
#include "tests/hygiene/hygiene_body.h"
