"""percpu_platform(): a platform for percpu in one line (for consumers' BUILD files).

    load("@percpu//tools/platforms:defs.bzl", "percpu_platform")

    percpu_platform(name = "aarch64_el2", cpu = "aarch64", reg = "tpidr_el2")

and in .bazelrc: `build --platforms=//:aarch64_el2` (or under a --config).
"""

load("//tools/platforms:registry.bzl", "REGS")

def percpu_platform(name, cpu, reg, os = "none", constraint_values = [], **kwargs):
    """A platform whose percpu backend is `reg` on `cpu`.

    Args:
      name: the platform's name.
      cpu: an @platforms//cpu value: x86_64, aarch64, riscv64 or armv7.
      reg: which register holds the per-CPU offset: a value of
        @percpu//tools/platforms:percpu_reg (tpidr_el2, tpidr_el1, gs_msr,
        riscv_tp, riscv_gp, htpidr, tpidrprw; linux and single for hosted).
      os: "none" (bare metal: percpu's freestanding toolchains build for it)
        or "linux" (hosted).
      constraint_values: more constraints of the platform.
      **kwargs: passed to platform().
    """
    if reg not in REGS:
        fail("percpu_platform: reg %r is none of %s" % (reg, ", ".join(REGS.keys())))
    if os == "none" and reg in ("linux", "single"):
        fail("percpu_platform: reg %r is for hosted builds (os = \"linux\")" % reg)
    native.platform(
        name = name,
        constraint_values = [
            "@platforms//cpu:" + cpu,
            "@platforms//os:" + os,
            str(Label("//tools/platforms:" + reg)),
        ] + constraint_values,
        **kwargs
    )
