/* The single-CPU backend (plain globals) has no assembly API. */
/* Assembler: clang-format would reflow it. */
/* clang-format off */
#error "percpu: no assembly API in single-CPU mode (variables are plain globals)"
