"""percpu_backend(): one backend library (see percpu/arch.h for the contract)."""

load("//tools:copts.bzl", "PERCPU_C_COPTS")
load("//tools/platforms:registry.bzl", "BACKENDS")

def percpu_backend(name, srcs = [], hdrs = ["percpu_arch.h", "percpu_asm_arch.h"], defines = [], deps = [], copts = [], linkopts = []):
    """Declares backend `name`: its percpu_arch.h is what percpu.h includes,
    its percpu_asm_arch.h what percpu_asm.h includes.

    The platforms it builds for come from its row in the registry
    (tools/platforms/registry.bzl BACKENDS: the row whose library is this
    target); hosted backends get percpu_linux.ld.

    Args:
      name: backend name (//percpu/BUILD selects it by platform).
      srcs: the register code (reg_*.c).
      hdrs: percpu_arch.h, percpu_asm_arch.h and any other public backend
        headers.
      defines: macros the backend's header needs in every includer.
      deps: extra dependencies.
      copts: extra flags for the backend's own sources.
      linkopts: flags for every link the backend is part of (they propagate).
    """
    label = Label("//%s:%s" % (native.package_name(), name))
    rows = [b for b in BACKENDS.values() if Label(b.library) == label]
    if len(rows) != 1:
        fail("percpu_backend: %s must be the library of exactly one BACKENDS row" % label)
    row = rows[0]
    # Hosted Linux, bare metal, or (single: hosted only, checked by its
    # header) any OS.
    os = {"linux": ["@platforms//os:linux"], "single": []}.get(row.reg, ["@platforms//os:none"])
    cpu = ["@platforms//cpu:" + row.cpu] if row.cpu else []
    compatible = ["//tools/platforms:" + row.reg] + cpu + os
    native.cc_library(
        name = name,
        srcs = srcs,
        hdrs = hdrs,
        copts = PERCPU_C_COPTS + copts,
        defines = defines,
        linkopts = linkopts,
        linkstatic = True,
        strip_include_prefix = "/" + native.package_name(),
        target_compatible_with = compatible,
        visibility = ["//percpu:__pkg__"],
        deps = ["//percpu:arch_contract"] + deps + (
            ["//percpu/ld:linux"] if row.reg == "linux" else []
        ),
    )
