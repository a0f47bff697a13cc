// Typed reads and writes of WeChat bindings and of the counters that limit bind guesses: handlers call these, never
// ctx.db.collection (issue 11). Each function says what it costs (src/contract/budget.ts).
import type { AttemptCounter } from '../../src/domain/bind.limits'
import { COL } from '../_shared/collections'
import type { Db } from '../_shared/context'
import { txCollection, typedCollection } from '../_shared/repo'
import type { Tx } from '../_shared/transaction'

/** `_id` = OPENID: one WeChat identity can point at one member, enforced by the key itself. */
export interface BindingDoc {
  _id: string
  memberId: string
  status: 'bound' | 'pending'
  at: Date
}

export const bindingsOf = (db: Db) => typedCollection<BindingDoc>(db, COL.bindings)

/** Bindings inside a transaction (only doc operations are transactional, as on CloudBase: _shared/transaction.ts). */
export const txBindings = (t: Tx) => txCollection<BindingDoc>(t, COL.bindings)

/** Removes the identity's binding inside the transaction (the shared TxCollection has no remove). One write. */
export async function removeBindingInTx(t: Tx, openid: string): Promise<void> {
  await t.collection(COL.bindings).doc(openid).remove()
}

/** Wrong bind guesses in the current window, per identity (`o_…`) or per typed name (`n_…`). */
export interface CounterDoc extends AttemptCounter {
  _id: string
  /** Attempts refused because the window was used up (audited one by one as well). */
  refused: number
}

export const bindAttemptsOf = (db: Db) => typedCollection<CounterDoc>(db, COL.bindAttempts)

/**
 * Creates a counter, answering whether this call made it. Any failure counts as "not made" (the usual one: a parallel
 * first attempt created it a moment ago): the caller reads the counter again in its next round, and gives up after a
 * few. One write, never a read-back here (that next round reads anyway).
 */
export function createCounter(db: Db, counter: CounterDoc): Promise<boolean> {
  return db
    .collection(COL.bindAttempts)
    .add({ data: counter })
    .then(
      () => true,
      () => false,
    )
}
