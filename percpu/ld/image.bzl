"""percpu_image_script(): a bare-metal image's linker script, with percpu.ld found.

In the consumer's BUILD:

    load("@percpu//percpu/ld:image.bzl", "percpu_image_script")

    percpu_image_script(
        name = "image_script",
        script = "image.ld",  # SECTIONS { ... INCLUDE percpu.ld ... }
    )

    cc_binary(
        name = "hypervisor",
        srcs = [...],
        linkstatic = True,
        deps = [":image_script", "@percpu//percpu"],
    )

The link gets `-L <percpu/ld as the link sees it>` before `-T <script>`, so
`INCLUDE percpu.ld` works whatever the repository is called and wherever
Bazel puts it; both files are inputs of every link that depends on the
target.
"""

def _percpu_image_script_impl(ctx):
    fragment = ctx.file._fragment
    script = ctx.file.script
    linker_input = cc_common.create_linker_input(
        owner = ctx.label,
        user_link_flags = depset([
            "-Wl,-L," + fragment.dirname,
            "-Wl,-T," + script.path,
        ]),
        additional_inputs = depset([fragment, script]),
    )
    return [CcInfo(linking_context = cc_common.create_linking_context(
        linker_inputs = depset([linker_input]),
    ))]

percpu_image_script = rule(
    implementation = _percpu_image_script_impl,
    doc = "Links with `script` as the linker script; its `INCLUDE percpu.ld` finds percpu's fragment.",
    attrs = {
        "script": attr.label(
            mandatory = True,
            allow_single_file = [".ld", ".lds"],
            doc = "The image's linker script (it INCLUDEs percpu.ld in SECTIONS).",
        ),
        "_fragment": attr.label(
            default = Label("//percpu/ld:percpu.ld"),
            allow_single_file = True,
        ),
    },
)
