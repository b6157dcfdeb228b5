/*
 * What the shared x86_64 host code (main.c) needs from the image's
 * virtualization backend (VMX: vmcs.c, SVM: svm_host.c). The privileged
 * instruction helpers are the board's (tools/boards/x86_64/x86.h).
 */
#ifndef HV_DEMO_X86_64_X86_HOST_H
#define HV_DEMO_X86_64_X86_HOST_H

/**
 * On the boot pCPU, before hv_init(): checks that the CPU has the backend's
 * extension and sets up what every pCPU shares. Stops the demo if not.
 */
void x86_host_init(void);

/** Makes the calling pCPU able to run guests (VMXON; EFER.SVME). */
void x86_host_pcpu_on(void);

/** Undoes x86_host_pcpu_on() on the calling pCPU. */
void x86_host_pcpu_off(void);

#endif /* HV_DEMO_X86_64_X86_HOST_H */
