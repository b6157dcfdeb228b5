"""Bare-metal images run under an emulator (tools/emu/system_test.sh)."""

def _args(image, emulator, cpus, timeout, machine, firmware = None):
    args = [emulator, "$(rootpath %s)" % image, str(cpus), str(timeout)]
    if machine:
        args.append("'%s'" % machine)
    if firmware:
        args += ["--", "-bios", "$(rootpath %s)" % firmware]
    return args

def percpu_system_test(
        name,
        image,
        emulator,
        cpus = [1, 4],
        machine = None,
        firmware = None,
        timeout = 30,
        target_compatible_with = [],
        **kwargs):
    """Declares sh_test `name`_`N`cpu for each N in `cpus`, and test_suite `name`.

    Each test boots `image` in `emulator` with N CPUs under `timeout` (seconds)
    through tools/emu/system_test.sh, and passes only if the console has
    exactly one verdict line, "PERCPU-VERDICT: PASS", and "PERCPU-CPUS: N",
    and the emulator's exit status is the one that emulator reports for a pass.

    Args:
      name: prefix of the test names and name of the test_suite.
      image: the bare-metal image (an ELF cc_binary, or an x86_64_image).
      emulator: how to run it; one of the names system_test.sh knows
        (qemu-aarch64-el2, qemu-aarch64-el1, qemu-arm-hyp, qemu-arm-svc,
        qemu-riscv64-hs, qemu-x86_64, bochs-x86_64, bochs-x86_64-ryzen).
      cpus: CPU counts, one test each.
      machine: system_test.sh's MACHINE (QEMU x86_64's -machine value,
        default pc; more QEMU virt options on aarch64).
      firmware: a firmware image QEMU loads with -bios instead of its own
        (riscv64: the board's, tools/boards/riscv64:firmware).
      timeout: seconds before the emulator is killed (a failure).
      target_compatible_with: constraints of the configuration the image is
        built for (the tests are skipped elsewhere).
      **kwargs: passed to every sh_test (tags, ...).
    """
    tests = []
    for n in cpus:
        test = "%s_%dcpu" % (name, n)
        native.sh_test(
            name = test,
            size = "small",
            srcs = [str(Label("//tools/emu:system_test.sh"))],
            args = _args(image, emulator, n, timeout, machine, firmware),
            data = [image] + ([firmware] if firmware else []),
            target_compatible_with = target_compatible_with,
            **kwargs
        )
        tests.append(test)
    native.test_suite(
        name = name,
        tests = tests,
    )

def percpu_system_run(
        name,
        image,
        emulator,
        cpus,
        timeout = 30,
        target_compatible_with = [],
        **kwargs):
    """sh_binary `name`: `bazel run` boots `image` like percpu_system_test."""
    native.sh_binary(
        name = name,
        srcs = [str(Label("//tools/emu:system_test.sh"))],
        args = _args(image, emulator, cpus, timeout, None),
        data = [image],
        target_compatible_with = target_compatible_with,
        **kwargs
    )

def percpu_ub_trap_test(name, board, emulator, target_compatible_with, image_rule = None, **kwargs):
    """sh_test `name`: `board`'s image of //tests/baremetal:ub_trap must fail with a reported trap.

    Only in builds with --config=ubsan_trap (elsewhere the overflow is no
    trap, and the test is skipped). tools/emu/expect_trap.sh runs the image
    on one CPU and passes only if the run fails and the console names the
    undefined-behaviour trap and the CPU.

    Args:
      name: the test's name; `name`_elf (and `name`_image) are its image.
      board: the board library the image links (tools/boards/<arch>).
      emulator: as percpu_system_test's.
      target_compatible_with: the board's constraints.
      image_rule: turns the ELF into what the emulator boots
        (x86_64_image), if it does not boot the ELF itself.
      **kwargs: passed to the sh_test.
    """
    native.cc_binary(
        name = name + "_elf",
        linkstatic = True,
        target_compatible_with = target_compatible_with,
        deps = [
            board,
            "//tests/baremetal:ub_trap",
        ],
    )
    image = ":%s_elf" % name
    if image_rule:
        image_rule(
            name = name + "_image",
            elf = image,
            target_compatible_with = target_compatible_with,
        )
        image = ":%s_image" % name
    native.sh_test(
        name = name,
        size = "small",
        srcs = ["//tools/emu:expect_trap.sh"],
        args = ["$(rootpath //tools/emu:system_test.sh)"] + _args(image, emulator, 1, 30, None),
        data = [
            image,
            "//tools/emu:system_test.sh",
        ],
        target_compatible_with = target_compatible_with + select({
            "//tools/platforms:ubsan_trap": [],
            "//conditions:default": ["//tools/platforms:unavailable"],
        }),
        **kwargs
    )
