/** Exit codes, as scripts expect them. */
export const EXIT = {
  ok: 0,
  /** The scan or a command failed; the cause is printed in one line. */
  failed: 1,
  /** Bad input: a flag, a target, a port. */
  usage: 2,
  /** Stopped by SIGINT or SIGTERM, after committing what was probed. */
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
