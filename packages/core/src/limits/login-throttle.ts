/**
 * Per-account sign-in throttling (issue 15). Counted per email address, whether or not an account
 * has it, so the answer never tells which addresses have accounts. After MAX_FAILURES wrong
 * passwords in a row the address is locked for LOCK_MS, even for the right password (otherwise a
 * guesser would just keep going); failures older than WINDOW_MS are forgotten. A success clears
 * the count. NIST SP 800-63B §5.2.2 asks for at most 100 consecutive failures; 10 is the usual.
 */
export const MAX_FAILURES = 10;
export const LOCK_MS = 15 * 60_000;
export const WINDOW_MS = 15 * 60_000;

export interface LoginThrottleState {
  failures: number;
  lockedUntil: number | null;
  lastFailureAt: number;
}

/** Milliseconds until this address may try again, or 0 when it may try now. */
export function lockedFor(state: LoginThrottleState | undefined, now: number): number {
  if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
  return state.lockedUntil - now;
}

/** The state after one more wrong password at `now`. */
export function afterFailure(state: LoginThrottleState | undefined, now: number): LoginThrottleState {
  const recent =
    state && now - state.lastFailureAt < WINDOW_MS && !(state.lockedUntil && state.lockedUntil <= now);
  const failures = (recent ? state.failures : 0) + 1;
  return {
    failures,
    lockedUntil: failures >= MAX_FAILURES ? now + LOCK_MS : null,
    lastFailureAt: now,
  };
}
