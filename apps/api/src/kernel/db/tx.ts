import type { Executor, Tx } from './client';

/**
 * Runs `fn` in a transaction. When `exec` is already a transaction the work joins it (a savepoint
 * is not needed for our commands), so commands compose: a command called from another command
 * commits or rolls back with its caller.
 */
export async function inTransaction<T>(exec: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (isTx(exec)) return fn(exec);
  return exec.transaction(fn);
}

function isTx(exec: Executor): exec is Tx {
  return typeof (exec as Tx).rollback === 'function';
}
