// The account's encryption key: made in this browser, published on chain, exported and
// imported so that it survives the browser profile.

import { useEffect, useState } from 'react';

import { toHex } from '../lib/crypto.js';
import { createKeyPair, exportKeyPair, importKeyPair, loadKeyPair } from '../lib/keys.js';
import { ErrorNote, Section, TxStatus, useTx } from './common.jsx';

/** Whether the account's published key is the one this browser holds. */
export function useEncryptionKey(chain, account) {
  const [pair, setPair] = useState(() => loadKeyPair(account.address));
  const [published, setPublished] = useState(undefined);
  const refresh = async () => {
    const entry = await chain.api.query.Records.EncryptionKeys.getValue(account.address);
    setPublished(entry ? entry.key : null);
  };
  useEffect(() => {
    setPair(loadKeyPair(account.address));
    setPublished(undefined);
    refresh().catch(() => setPublished(null));
  }, [account.address]); // eslint-disable-line react-hooks/exhaustive-deps
  const ready = pair && published && published === toHex(pair.publicKey);
  return { pair, setPair, published, refresh, ready };
}

export function KeyPanel({ chain, account, keys }) {
  const [status, run] = useTx();
  const [error, setError] = useState(null);
  const { pair, setPair, published, refresh, ready } = keys;

  const publish = async (keyPair) => {
    await run('Publish the encryption key', chain.api.tx.Records.set_encryption_key({ public_key: toHex(keyPair.publicKey) }), account.signer);
    await refresh();
  };
  const create = async () => {
    setError(null);
    const created = createKeyPair(account.address);
    setPair(created);
    await publish(created).catch(() => {});
  };
  const download = () => {
    const blob = new Blob([exportKeyPair(account.address)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `healthchain-key-${account.address}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  const restore = async (file) => {
    setError(null);
    try {
      setPair(importKeyPair(account.address, await file.text()));
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Section title="My encryption key" id="key-title">
      <p>
        Records are encrypted in this browser. Their keys are wrapped to your x25519 public key, published on chain; the
        secret key stays in this browser. Export it to keep a copy: without it, your records cannot be opened.
      </p>
      <p data-testid="key-state">
        {ready
          ? 'Ready: this browser holds the key published on chain.'
          : !pair
            ? 'This browser holds no key for this account.'
            : published === undefined
              ? 'Checking the chain…'
              : published
                ? 'The chain holds another key than this browser: import the matching backup, or publish this one.'
                : 'The key is not published yet.'}
      </p>
      <div className="actions">
        {!pair ? <button type="button" onClick={create}>Create and publish a key</button> : null}
        {pair && !ready && published !== undefined ? (
          <button type="button" onClick={() => publish(pair).catch(() => {})}>Publish this browser's key</button>
        ) : null}
        {pair ? <button type="button" onClick={download}>Export key</button> : null}
        <label className="file-button">
          Import key
          <input type="file" accept="application/json" onChange={(event) => event.target.files[0] && restore(event.target.files[0])} />
        </label>
      </div>
      <TxStatus status={status} />
      <ErrorNote label="Import" error={error} />
    </Section>
  );
}
