import { isSealed, SEALED_PREFIX, type SecretBox } from '../accounts/secret-box.ts';
import type { Store } from '../store/db.ts';
import { listUnsealedTotpSecrets, replaceTotpSecret } from '../store/two-factor-store.ts';
import { totpContext } from './two-factor.ts';

/**
 * TOTP secrets stored before they were sealed (migration 0172 kept them as typed) are sealed at
 * start-up, so no clear secret stays in the database however long its owner stays away. Until
 * then SecretBox.open reads them as they are. Answers how many values it sealed.
 */
export async function sealClearTotpSecrets(store: Store, box: SecretBox): Promise<number> {
  let sealed = 0;
  for (const row of await listUnsealedTotpSecrets(store, SEALED_PREFIX)) {
    for (const column of ['totp_secret', 'totp_pending_secret'] as const) {
      const value = row[column];
      if (value === null || isSealed(value)) continue;
      await replaceTotpSecret(store, row.id, column, value, box.seal(value, totpContext(row.id)));
      sealed++;
    }
  }
  return sealed;
}
