"""toolchain_check(): fails the analysis when the C toolchain cannot build percpu for the platform.

Without --incompatible_enable_cc_toolchain_resolution Bazel 4 ignores the
platform when it picks the C toolchain: a bare-metal or cross build would
compile with the host's gcc, and a hosted one links with the auto-configured
toolchain's gold (with --start-lib), which cannot read percpu_linux.ld's
INSERT AFTER. Both would fail much later with obscure errors.
"""

_FLAG = "--incompatible_enable_cc_toolchain_resolution"

def _toolchain_check_impl(ctx):
    if not cc_common.is_cc_toolchain_resolution_enabled_do_not_use(ctx = ctx):
        fail(("percpu needs the platform to pick the C toolchain (percpu's are " +
              "registered by percpu_dependencies()): add `build %s` to " +
              ".bazelrc.") % _FLAG)
    return [CcInfo()]

toolchain_check = rule(
    implementation = _toolchain_check_impl,
    doc = "A dependency of //percpu that fails the analysis without toolchain resolution.",
    fragments = ["cpp"],
)
