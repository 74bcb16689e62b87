/*
 * The native prober's control word: its threads read it at least every 50 ms, so pause, resume
 * and stop take effect within a tick. Values match native/prober/prober.c.
 */
export const CONTROL_RUN = 0;
export const CONTROL_PAUSE = 1;
export const CONTROL_STOP = 2;
