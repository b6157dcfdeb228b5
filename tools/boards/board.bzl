"""board(): one bare-metal test board (tools/boards/<cpu>/) and its tests."""

load("//percpu/ld:image.bzl", "percpu_image_script")
load("//tests/reach:reach.bzl", "percpu_reach_tests")
load("//tools:copts.bzl", "PERCPU_C_COPTS")
load("//tools/emu:system_test.bzl", "percpu_system_test", "percpu_ub_trap_test")
load("//tools/platforms:registry.bzl", "board_image_areas", "board_system_tests")

def board(
        name,
        srcs,
        ub_trap,
        hdrs = [],
        linkopts = [],
        local_defines = [],
        deps = [],
        image_rule = None,
        reach = None):
    """The board library, its smp_test image and every test of the board.

    Declares :`name` (what images link: boot code, platform.c, image.ld),
    :smp_test (every C case plus the SMP tests), the system tests of that
    image in every configuration the registry gives the board, the reach
    tests, and the UBSan trap test.

    Args:
      name: the board, which is also its @platforms//cpu constraint value.
      srcs, hdrs, local_defines: the board library's.
      ub_trap: (test name, emulator, extra constraints) of the UBSan trap
        test, run in the board's ubsan_trap configuration.
      linkopts: beyond image.ld (linked by percpu_image_script()).
      deps: beyond the linker script and //tools/boards.
      image_rule: turns an ELF into what the emulators boot, if they do not
        boot the ELF itself (x86_64_image).
      reach: percpu_reach_tests' expected_error, runs and extra_srcs, as a
        dict; None where every variable is in reach (x86_64).
    """
    compatible = [
        "@platforms//cpu:" + name,
        "@platforms//os:none",
    ]
    # image.ld INCLUDEs percpu.ld, as a consumer's script does.
    percpu_image_script(
        name = "image_script",
        script = "image.ld",
        target_compatible_with = compatible,
    )
    native.cc_library(
        name = name,
        srcs = srcs,
        hdrs = hdrs,
        copts = PERCPU_C_COPTS,
        linkopts = linkopts,
        local_defines = local_defines,
        # Nothing references the boot code: the image's entry is its own.
        alwayslink = True,
        linkstatic = True,
        target_compatible_with = compatible,
        deps = [
            ":image_script",
            "//tools/boards",
        ] + deps,
    )

    # Every C case plus the SMP tests; the backend comes from the
    # configuration (--config=<row> of tools/platforms/registry.bzl).
    # :smp_test reserves PLAT_MAX_CPUS in-place areas; :smp_test_<N>areas,
    # for runs of the registry that ask for N, reserves N.
    images = {}
    for areas in [None] + board_image_areas(name):
        elf = "smp_test" + ("_%dareas" % areas if areas else "")
        native.cc_binary(
            name = elf,
            linkopts = ["-Wl,--defsym=PERCPU_CPU_NUM=%d" % areas] if areas else [],
            linkstatic = True,
            target_compatible_with = compatible,
            deps = [
                ":" + name,
                "//tests/baremetal:runner",
            ],
        )
        images[areas] = ":" + elf
        if image_rule:
            image_rule(
                name = elf + "_image",
                elf = ":" + elf,
                target_compatible_with = compatible,
            )
            images[areas] = ":" + elf + "_image"

    # The same images in every configuration of this board: emulators,
    # CPU counts and reserved areas from the registry.
    board_system_tests(
        board = name,
        images = images,
        test_rule = percpu_system_test,
    )

    if reach:
        percpu_reach_tests(
            compatible = compatible,
            platform = ":" + name,
            **reach
        )

    # A signed overflow must trap and be reported (UBSan trap builds).
    test_name, emulator, constraints = ub_trap
    percpu_ub_trap_test(
        name = test_name,
        board = ":" + name,
        emulator = emulator,
        image_rule = image_rule,
        target_compatible_with = compatible + constraints,
    )
