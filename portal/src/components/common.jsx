// Pieces every screen uses: a transaction's progress, an error in words, sections, fields.

import { useCallback, useState } from 'react';

import { submit } from '../lib/chain.js';

const STAGES = {
  signing: 'Waiting for the signature…',
  submitted: 'Submitted, waiting for a block…',
  inBlock: 'In block',
  finalized: 'Finalized in block',
};

/** Runs transactions one at a time and keeps their progress for `<TxStatus>`. */
export function useTx() {
  const [status, setStatus] = useState(null);
  const run = useCallback(async (label, tx, signer) => {
    setStatus({ label, stage: 'signing' });
    try {
      const result = await submit(tx, signer, (progress) => setStatus({ label, ...progress }));
      return result;
    } catch (error) {
      setStatus({ label, stage: 'failed', error });
      throw error;
    }
  }, []);
  return [status, run, setStatus];
}

/** A transaction's progress: signing, in block, finalized, or the chain's error in words. */
export function TxStatus({ status }) {
  if (!status) return null;
  if (status.stage === 'failed') return <ErrorNote label={status.label} error={status.error} />;
  const done = status.stage === 'finalized';
  return (
    <p className={`tx ${done ? 'tx-done' : 'tx-pending'}`} role="status" data-stage={status.stage}>
      <strong>{status.label}:</strong> {STAGES[status.stage]}
      {status.block !== undefined ? ` #${status.block}` : ''}
    </p>
  );
}

/** An error: the chain's or the vault's name for it, and what it means. */
export function ErrorNote({ label, error }) {
  if (!error) return null;
  // The vault's refusals carry their reason; the chain's errors their name.
  const name = error.reason ?? error.name ?? 'Error';
  const meaning = error.meaning ?? error.message ?? String(error);
  return (
    <div className="error" role="alert" data-error={name}>
      {label ? <strong>{label} failed: </strong> : null}
      <code>{name}</code>
      <p>{meaning}</p>
    </div>
  );
}

/** A table's header row, one column heading per name ('' for an unnamed column). */
export function Head({ columns }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => (
          <th scope="col" key={column || i}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function Section({ title, children, id }) {
  return (
    <section aria-labelledby={id} className="card">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function Field({ label, children, hint }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {hint ? <small>{hint}</small> : null}
    </label>
  );
}

/** An async action's error state, for reads and for steps that are not transactions. */
export function useAction() {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const act = useCallback(async (fn) => {
    setError(null);
    setBusy(true);
    try {
      return await fn();
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, act, setError };
}
