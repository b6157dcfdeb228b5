/* The single-CPU backend (plain globals) has no assembly API. */
#error "percpu: no assembly API in single-CPU mode (variables are plain globals)"
