"""Compiler flags for percpu's own code (never for third-party code)."""

PERCPU_COPTS = [
    "-Wall",
    "-Wextra",
    "-Werror",
]

PERCPU_C_COPTS = PERCPU_COPTS + ["-std=gnu11"]

PERCPU_CXX_COPTS = PERCPU_COPTS + ["-std=c++17"]
