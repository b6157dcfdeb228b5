"""misuse_test(): one accessor misuse that must not compile (misuse.c)."""

load("//tools:build_failure_test.bzl", "cc_compile_failure_test")
load("//tools:copts.bzl", "PERCPU_CXX_COPTS", "PERCPU_C_COPTS")

# __int128 exists on the 64-bit CPUs only; elsewhere the int128 cases are
# incompatible (no platform has //tools/platforms:unavailable).
_INT128_COMPATIBLE = dict(
    [(cpu, []) for cpu in [
        "@platforms//cpu:aarch64",
        "@platforms//cpu:riscv64",
        "@platforms//cpu:x86_64",
    ]] + [("//conditions:default", ["//tools/platforms:unavailable"])],
)

def percpu_compile_failure_test(name, src, expected_error, copts = [], tags = ["misuse"], **kwargs):
    """`src` with //percpu, compiled with percpu's own flags, must fail with `expected_error`.

    Tagged `misuse` (run once per compiler and instruction set, .bazelrc)
    unless `tags` says otherwise.
    """
    cc_compile_failure_test(
        name = name,
        size = "small",
        src = src,
        copts = (PERCPU_CXX_COPTS if src.endswith(".cc") else PERCPU_C_COPTS) + copts,
        deps = ["//percpu"],
        expected_error = expected_error,
        tags = tags,
        **kwargs
    )

def misuse_test(op, type, expected_error):
    """:OP_TYPE_fails: this_cpu_OP on a per-CPU variable of misuse.c's TYPE must not compile.

    Args:
      op: add, sub, and, or, inc, dec, read, write, xchg or cmpxchg.
      type: int, double, float, int128, pointer, bool or const (int).
      expected_error: the compiler's message.
    """
    percpu_compile_failure_test(
        name = "%s_%s_fails" % (op, type),
        src = "misuse.c",
        copts = ["-DOP_" + op.upper(), "-DT_" + type.upper()],
        expected_error = expected_error,
        target_compatible_with = select(_INT128_COMPATIBLE) if type == "int128" else [],
    )
