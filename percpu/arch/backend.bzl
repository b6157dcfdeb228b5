"""percpu_backend(): one backend library (see percpu/arch.h for the contract)."""

load("//tools:copts.bzl", "PERCPU_C_COPTS")

def percpu_backend(name, srcs, hdrs = ["percpu_arch.h"], target_compatible_with = [], defines = [], deps = [], copts = [], linkopts = []):
    """Declares backend `name`: its percpu_arch.h is what percpu.h includes.

    Args:
      name: backend name (//percpu/BUILD selects it by platform).
      srcs: the register code (reg_*.c).
      hdrs: percpu_arch.h and any other public backend headers.
      target_compatible_with: platforms the backend builds for.
      defines: macros the backend's header needs in every includer.
      deps: extra dependencies (e.g. the hosted linker script).
      copts: extra flags for the backend's own sources.
      linkopts: flags for every link the backend is part of (they propagate).
    """
    native.cc_library(
        name = name,
        srcs = srcs,
        hdrs = hdrs,
        copts = PERCPU_C_COPTS + copts,
        defines = defines,
        linkopts = linkopts,
        linkstatic = True,
        strip_include_prefix = "/" + native.package_name(),
        target_compatible_with = target_compatible_with,
        visibility = ["//percpu:__pkg__"],
        deps = ["//percpu:arch_contract"] + deps,
    )
