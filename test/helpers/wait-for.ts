type Probe<T> = () => T | undefined | false | Promise<T | undefined | false>;

/**
 * Polls `probe` every 50 ms until it gives something other than undefined or false, and resolves with that; fails
 * naming `what` once `timeoutMs` has passed.
 */
export async function waitFor<T>(probe: Probe<T>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
