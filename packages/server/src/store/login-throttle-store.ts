import type { LoginThrottleState } from '@closeloop/core/limits/login-throttle';
import type { Tx } from './transaction.ts';

export async function findLoginThrottle(tx: Tx, email: string): Promise<LoginThrottleState | undefined> {
  const row = await tx.db
    .selectFrom('login_throttles')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  return row
    ? {
        failures: row.failures,
        lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
        lastFailureAt: Number(row.last_failure_at),
      }
    : undefined;
}

export async function saveLoginThrottle(tx: Tx, email: string, s: LoginThrottleState): Promise<void> {
  const values = { failures: s.failures, locked_until: s.lockedUntil, last_failure_at: s.lastFailureAt };
  await tx.db
    .insertInto('login_throttles')
    .values({ email, ...values })
    .onConflict((oc) => oc.column('email').doUpdateSet(values))
    .execute();
}

export async function clearLoginThrottle(tx: Tx, email: string): Promise<void> {
  await tx.db.deleteFrom('login_throttles').where('email', '=', email).execute();
}
