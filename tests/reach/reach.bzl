"""percpu_reach_tests(): the reach test's targets for one bare-metal platform."""

load("//tools:copts.bzl", "PERCPU_C_COPTS")
load("//tools:build_failure_test.bzl", "cc_link_failure_test")
load("//tools/emu:system_test.bzl", "percpu_system_test")
load("//tools/platforms:registry.bzl", "reach_defines")

def percpu_reach_tests(platform, compatible, runs, expected_error, extra_srcs = []):
    """Declares :reach, :reach_test, the emulator runs and :reach_overflow_link_fails.

    Args:
      platform: the platform library (e.g. ":aarch64") the images link.
      compatible: target_compatible_with of every target.
      runs: {test name: (emulator, extra constraint)} for percpu_system_test.
      expected_error: the linker's message for the near access past reach.
      extra_srcs: platform-specific reach sources.
    """

    # A variable near the area start and one past 4 KiB (far form), both
    # checked against per_cpu_ptr on every CPU.
    native.cc_library(
        name = "reach",
        srcs = [
            "//tests/reach:far.c",
            "//tests/reach:near.c",
        ] + extra_srcs,
        hdrs = ["//tests/reach:reach.h"],
        copts = PERCPU_C_COPTS + ["-fno-toplevel-reorder"],
        # Every includer of reach.h (the link-failure test too) sees it.
        defines = reach_defines(),
        alwayslink = True,
        linkstatic = True,
        target_compatible_with = compatible,
        deps = [
            "//percpu",
            "//tests:harness",
        ],
    )

    # The reach cases with every other case and the SMP tests. 8 in-place
    # areas: with reach's 4 KiB pad, 16 would outgrow the core cases' 64 KiB
    # snapshot.
    native.cc_binary(
        name = "reach_test",
        linkopts = ["-Wl,--defsym=PERCPU_CPU_NUM=8"],
        linkstatic = True,
        target_compatible_with = compatible,
        deps = [
            ":reach",
            platform,
            "//tests/baremetal:runner",
        ],
    )

    for name, (emulator, constraint) in runs.items():
        percpu_system_test(
            name = name,
            cpus = [4],
            emulator = emulator,
            image = ":reach_test",
            target_compatible_with = compatible + [constraint],
        )

    # A near access to the variable past 4 KiB must not link (never truncate).
    native.cc_library(
        name = "reach_overflow",
        srcs = ["//tests/reach:overflow.c"],
        copts = PERCPU_C_COPTS,
        alwayslink = True,
        linkstatic = True,
        target_compatible_with = compatible,
        deps = [":reach"],
    )

    # The same through the assembly API (percpu_asm.h).
    native.cc_library(
        name = "reach_overflow_asm",
        srcs = select({
            "@platforms//cpu:aarch64": ["//tests/reach:overflow_aarch64.S"],
            "@platforms//cpu:armv7": ["//tests/reach:overflow_armv7.S"],
            "@platforms//cpu:riscv64": ["//tests/reach:overflow_riscv64.S"],
            # Other CPUs: the target is incompatible there anyway.
            "//conditions:default": [],
        }),
        alwayslink = True,
        linkstatic = True,
        target_compatible_with = compatible,
        deps = [":reach"],
    )

    cc_link_failure_test(
        name = "reach_overflow_asm_link_fails",
        size = "small",
        expected_error = expected_error,
        target_compatible_with = compatible,
        deps = [
            ":reach_overflow_asm",
            platform,
            "//tests/baremetal:runner",
        ],
    )

    cc_link_failure_test(
        name = "reach_overflow_link_fails",
        size = "small",
        expected_error = expected_error,
        target_compatible_with = compatible,
        deps = [
            ":reach_overflow",
            platform,
            "//tests/baremetal:runner",
        ],
    )
