"""percpu_system_test(): a bare-metal test image as `bazel test` targets, one per CPU count."""

def percpu_system_test(
        name,
        image,
        emulator,
        cpus = [1, 4],
        timeout = 30,
        target_compatible_with = [],
        **kwargs):
    """Declares sh_test `name`_`N`cpu for each N in `cpus`, and test_suite `name`.

    Each test boots `image` in `emulator` with N CPUs under `timeout` (seconds)
    through tools/emu/system_test.sh, and passes only if the serial output has
    exactly one verdict line, "PERCPU-VERDICT: PASS", and the emulator's exit
    status is the one that emulator reports for a pass.

    Args:
      name: prefix of the test names and name of the test_suite.
      image: the bare-metal image (a cc_binary label).
      emulator: how to run it; one of the names system_test.sh knows
        (qemu-aarch64-el2, qemu-aarch64-el1, ...).
      cpus: CPU counts, one test each.
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
            srcs = ["//tools/emu:system_test.sh"],
            args = [
                emulator,
                "$(rootpath %s)" % image,
                str(n),
                str(timeout),
            ],
            data = [image],
            target_compatible_with = target_compatible_with,
            **kwargs
        )
        tests.append(test)
    native.test_suite(
        name = name,
        tests = tests,
    )
