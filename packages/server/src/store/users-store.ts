import type { Tx } from './transaction.ts';

export async function insertUser(tx: Tx, u: { email: string; name: string; passwordHash: string }) {
  return tx.db
    .insertInto('users')
    .values({ email: u.email, name: u.name, password_hash: u.passwordHash, created_at: Date.now() })
    .returning(['id', 'email', 'name'])
    .executeTakeFirstOrThrow();
}

export async function findUserByEmail(tx: Tx, email: string) {
  return tx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(tx: Tx, id: number) {
  return tx.db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function countUsers(tx: Tx): Promise<number> {
  const r = await tx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updatePasswordHash(tx: Tx, userId: number, passwordHash: string) {
  await tx.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

export async function findUserPasswordHash(tx: Tx, userId: number): Promise<string | undefined> {
  const r = await tx.db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  return r?.password_hash;
}
