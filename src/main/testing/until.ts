/**
 * Resolves with the first truthy value `check` returns, polling every 20 ms; rejects, naming
 * `what`, once `ms` have passed without one. A check that throws ends the wait with its error.
 * For tests (vitest and the e2e suite alike): they wait for a condition, never for a time.
 */
export async function until<T>(
  check: () => T | undefined | null | false,
  what: string,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
