// The patient: my records, adding one, consent, sharing keys, the access log, emergency
// accesses, erasure.

import { useEffect, useState } from 'react';

import { ErrorNote, Field, Head, Section, TxStatus, useAction, useTx } from '../components/common.jsx';
import { KeyPanel, useEncryptionKey } from '../components/KeyPanel.jsx';
import { AddRecordForm, CategoryBadge, RecordContent, RecordTable, usePatientRecords } from '../components/Records.jsx';
import { CATEGORIES, Enum, PURPOSES, SENSITIVE, short, text, when, words } from '../lib/chain.js';
import { envelopeArg, textHash, unwrapKey, wrapKey } from '../lib/crypto.js';
import { openRecord, publishedKeyOf } from '../lib/records.js';
import { vaultFor } from '../lib/vault.js';

/** The registry's organizations, for choosing a grantee by name. */
function useOrganizations(chain) {
  const [organizations, setOrganizations] = useState([]);
  useEffect(() => {
    chain.api.query.Organizations.Organizations.getEntries()
      .then((entries) =>
        setOrganizations(
          entries
            .filter(({ value }) => value.suspension === undefined && value.deregistered_at === undefined)
            .map(({ keyArgs: [account], value }) => ({ account, name: text(value.name), kind: value.kind.type }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        ),
      )
      .catch(() => setOrganizations([]));
  }, [chain]);
  return organizations;
}

function MyRecords({ chain, account, keys, refreshKey }) {
  const { records, more, reload } = usePatientRecords(chain, account.address);
  const [opened, setOpened] = useState(null);
  const [versions, setVersions] = useState(null);
  const [sharing, setSharing] = useState(null);
  const [erasing, setErasing] = useState(null);
  const [recipient, setRecipient] = useState('');
  const [stage, setStage] = useState(null);
  const [status, run] = useTx();
  const { error, act } = useAction();

  useEffect(() => {
    reload().catch(() => {});
  }, [refreshKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const open = (record) =>
    act(async () => {
      setOpened(null);
      setOpened({ id: record.id, ...(await openRecord({ chain, reader: account, keyPair: keys.pair, record, run, onStage: setStage })) });
    }).finally(() => setStage(null));

  const showVersions = (record) =>
    act(async () => setVersions({ id: record.id, chain: await chain.api.apis.RecordsApi.versions(record.id) }));

  const share = (event) => {
    event.preventDefault();
    act(async () => {
      const record = sharing;
      const own = record.envelopes.find((entry) => entry.recipient === account.address);
      const dataKey = await unwrapKey(own.wrapped_key, keys.pair.secretKey);
      const recipientKey = await publishedKeyOf(chain, recipient).catch(() => {
        throw { name: 'RecipientHasNoKey', meaning: 'The recipient has not published an encryption key yet.' };
      });
      const envelope = await wrapKey(dataKey, recipientKey);
      await run('Share the key', chain.api.tx.Records.share_key({ record_id: record.id, recipient, envelope: envelopeArg(envelope) }), account.signer);
      setSharing(null);
      await reload();
    });
  };

  const erase = () =>
    act(async () => {
      await run('Erase the record', chain.api.tx.Records.erase_record({ record_id: erasing.id }), account.signer);
      setErasing(null);
      setOpened(null);
      await reload();
    });

  return (
    <Section title="My records" id="records-title">
      <RecordTable
        records={records}
        actions={(record) => (
          <>
            <button type="button" onClick={() => open(record)} disabled={!keys.pair}>
              Open
            </button>
            <button type="button" onClick={() => showVersions(record)}>
              Versions
            </button>
            <button type="button" onClick={() => { setSharing(record); setRecipient(''); }}>
              Share key
            </button>
            <button type="button" className="danger" onClick={() => setErasing(record)}>
              Erase
            </button>
          </>
        )}
      />
      {more ? <button type="button" onClick={more}>More records</button> : null}
      {stage ? <p role="status">{stage}</p> : null}
      {opened ? <RecordContent opened={opened} onClose={() => setOpened(null)} /> : null}
      {versions ? (
        <div className="versions" aria-label={`Versions of record ${versions.id}`}>
          <h3>Versions of record #{String(versions.id)}</h3>
          <ol>
            {versions.chain.map((view) => (
              <li key={String(view.value.id)}>
                #{String(view.value.id)}, version {view.value.version}:{' '}
                {view.type === 'Live' ? `${words(view.value.status.type)}, added ${when(view.value.created_at)}` : `erased ${when(view.value.erased_at)}`}
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => setVersions(null)}>Close</button>
        </div>
      ) : null}
      {sharing ? (
        <form onSubmit={share} aria-label="Share the record's key">
          <p>
            Share the key of record #{String(sharing.id)} (<CategoryBadge category={sharing.category.type} />). The recipient must be allowed to
            read this category: grant them first.
          </p>
          <Field label="Recipient's account">
            <input value={recipient} onChange={(event) => setRecipient(event.target.value.trim())} required />
          </Field>
          <button type="submit" disabled={!keys.pair}>Share</button> <button type="button" onClick={() => setSharing(null)}>Cancel</button>
        </form>
      ) : null}
      {erasing ? (
        <div className="confirm" role="alertdialog" aria-labelledby="erase-title">
          <h3 id="erase-title">Erase record #{String(erasing.id)}?</h3>
          <p>
            Erasure removes, from the chain's current state, the hash, the location and every wrapped key of every version of this record, and
            the vault deletes the encrypted file. A tombstone remains with the category and the time of erasure. It cannot remove what was
            already read, what someone copied, or the chain's past blocks, which keep the hash and the wrapped keys (never the content).
          </p>
          <button type="button" className="danger" onClick={erase}>Erase for good</button> <button type="button" onClick={() => setErasing(null)}>Keep it</button>
        </div>
      ) : null}
      <TxStatus status={status} />
      {status?.stage !== 'failed' ? <ErrorNote error={error} /> : null}
    </Section>
  );
}

const SENSITIVE_WARNING =
  'Genomic, mental-health, sexual and reproductive, and substance-use data are sensitive: only a grant that names them covers them. Choose them only if you mean to share them.';

function Consent({ chain, account }) {
  const organizations = useOrganizations(chain);
  const [grantee, setGrantee] = useState('');
  const [other, setOther] = useState('');
  const [wildcard, setWildcard] = useState(false);
  const [categories, setCategories] = useState(new Set(['LabResult']));
  const [sensitiveConfirmed, setSensitiveConfirmed] = useState(false);
  const [read, setRead] = useState(true);
  const [write, setWrite] = useState(false);
  const [purpose, setPurpose] = useState('Treatment');
  const [startsAt, setStartsAt] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [grants, setGrants] = useState(null);
  const [status, run] = useTx();
  const { error, act } = useAction();

  const load = async () => setGrants((await chain.api.apis.ConsentApi.consents_by_patient(account.address, undefined, 100)).items);
  useEffect(() => {
    load().catch(() => setGrants([]));
  }, [account.address]); // eslint-disable-line react-hooks/exhaustive-deps

  const chosenSensitive = [...categories].filter((code) => SENSITIVE.has(code));
  const toggle = (code) =>
    setCategories((known) => {
      const next = new Set(known);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  const millis = (local) => (local ? BigInt(new Date(local).getTime()) : undefined);

  const grant = (event) => {
    event.preventDefault();
    act(async () => {
      const to = grantee === 'other' ? other : grantee;
      await run(
        'Grant consent',
        chain.api.tx.Consent.grant({
          grantee: to,
          categories: { wildcard, categories: [...categories].map((code) => Enum(code)) },
          actions: { read, write },
          purpose: Enum(purpose),
          starts_at: millis(startsAt),
          expires_at: millis(expiresAt),
        }),
        account.signer,
      );
      await load();
    });
  };
  const revoke = (id) =>
    act(async () => {
      await run('Revoke the grant', chain.api.tx.Consent.revoke({ consent_id: id }), account.signer);
      await load();
    });
  const nameOf = (address) => organizations.find((org) => org.account === address)?.name ?? short(address);

  return (
    <Section title="Consent" id="consent-title">
      <form onSubmit={grant} aria-label="Grant consent">
        <Field label="Grantee">
          <select value={grantee} onChange={(event) => setGrantee(event.target.value)} required>
            <option value="">Choose an organization or an account…</option>
            {organizations.map((org) => (
              <option key={org.account} value={org.account}>
                {org.name} ({org.kind})
              </option>
            ))}
            <option value="other">Another account…</option>
          </select>
        </Field>
        {grantee === 'other' ? (
          <Field label="Grantee's account">
            <input value={other} onChange={(event) => setOther(event.target.value.trim())} required />
          </Field>
        ) : null}
        <fieldset>
          <legend>Categories</legend>
          <label className="check">
            <input type="checkbox" checked={wildcard} onChange={(event) => setWildcard(event.target.checked)} /> Every category that is not
            sensitive
          </label>
          {CATEGORIES.map((code) => (
            <label className={`check ${SENSITIVE.has(code) ? 'sensitive' : ''}`} key={code}>
              <input type="checkbox" checked={categories.has(code)} onChange={() => toggle(code)} /> {words(code)}
              {SENSITIVE.has(code) ? ' (sensitive)' : ''}
            </label>
          ))}
          {chosenSensitive.length ? (
            <div className="warning" role="alert">
              <p>{SENSITIVE_WARNING}</p>
              <label className="check">
                <input type="checkbox" checked={sensitiveConfirmed} onChange={(event) => setSensitiveConfirmed(event.target.checked)} /> I mean to
                share {chosenSensitive.map(words).join(', ')}
              </label>
            </div>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Actions</legend>
          <label className="check">
            <input type="checkbox" checked={read} onChange={(event) => setRead(event.target.checked)} /> Read
          </label>
          <label className="check">
            <input type="checkbox" checked={write} onChange={(event) => setWrite(event.target.checked)} /> Write
          </label>
        </fieldset>
        <Field label="Purpose">
          <select value={purpose} onChange={(event) => setPurpose(event.target.value)}>
            {PURPOSES.map((code) => (
              <option key={code} value={code}>{words(code)}</option>
            ))}
          </select>
        </Field>
        <Field label="Starts (optional)">
          <input type="datetime-local" value={startsAt} onChange={(event) => setStartsAt(event.target.value)} />
        </Field>
        <Field label="Expires (optional)">
          <input type="datetime-local" value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />
        </Field>
        <button type="submit" disabled={(chosenSensitive.length > 0 && !sensitiveConfirmed) || (!wildcard && categories.size === 0) || (!read && !write)}>
          Grant
        </button>
      </form>
      <h3>My grants</h3>
      {grants === null ? (
        <p>Loading…</p>
      ) : grants.length === 0 ? (
        <p>You have granted nothing.</p>
      ) : (
        <table>
          <Head columns={['Grant', 'Grantee', 'Categories', 'Actions', 'Purpose', 'Period', '']} />
          <tbody>
            {grants.map((g) => (
              <tr key={String(g.id)} data-grant={String(g.id)}>
                <td>#{String(g.id)}</td>
                <td>{nameOf(g.grantee)}</td>
                <td>
                  {g.categories.wildcard ? 'Every non-sensitive category' : null}
                  {g.categories.categories.map((c) => (
                    <CategoryBadge key={c.type} category={c.type} />
                  ))}
                </td>
                <td>{[g.actions.read ? 'Read' : null, g.actions.write ? 'Write' : null].filter(Boolean).join(', ')}</td>
                <td>{words(g.purpose.type)}</td>
                <td>
                  {g.starts_at !== undefined ? `from ${when(g.starts_at)} ` : ''}
                  {g.expires_at !== undefined ? `until ${when(g.expires_at)}` : 'no expiry'}
                </td>
                <td>
                  <button type="button" className="danger" onClick={() => revoke(g.id)}>
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TxStatus status={status} />
      {status?.stage !== 'failed' ? <ErrorNote error={error} /> : null}
    </Section>
  );
}

function routeOf(via) {
  if (via.type === 'Consent') return `consent #${via.value}`;
  if (via.type === 'Emergency') return `emergency access #${via.value}`;
  return 'you';
}

function AccessLog({ chain, account }) {
  const [entries, setEntries] = useState(null);
  const [emergencies, setEmergencies] = useState(null);
  const [releases, setReleases] = useState(null);
  const [releasesError, setReleasesError] = useState(null);
  const [note, setNote] = useState('');
  const [status, run] = useTx();
  const { error, act } = useAction();

  const load = async () => {
    const [log, accesses] = await Promise.all([
      chain.api.apis.RecordsApi.access_log(account.address, undefined, 50),
      chain.api.apis.RecordsApi.emergency_accesses(account.address, undefined, 50),
    ]);
    setEntries(log.items);
    setEmergencies(accesses.items);
    setReleasesError(null);
    setReleases(
      await vaultFor(account)
        .releases({ limit: 50 })
        .then((page) => page.items)
        .catch((error) => {
          setReleasesError(error);
          return null;
        }),
    );
  };
  useEffect(() => {
    load().catch(() => setEntries([]));
  }, [account.address]); // eslint-disable-line react-hooks/exhaustive-deps

  const end = (access) =>
    act(async () => {
      await run('End the emergency access', chain.api.tx.Records.end_emergency_access({ patient: account.address, accessor: access.accessor }), account.signer);
      await load();
    });
  const flag = (access) =>
    act(async () => {
      await run(
        'Flag for review',
        chain.api.tx.Records.flag_emergency_access({ patient: account.address, access_id: access.id, note_hash: textHash(note || 'flagged by the patient') }),
        account.signer,
      );
      await load();
    });

  return (
    <Section title="Who accessed my data" id="log-title">
      <button type="button" onClick={() => load()}>Refresh</button>
      {emergencies?.length ? (
        <div className="emergencies">
          <h3>Emergency accesses</h3>
          {emergencies.map((access) => (
            <div className={`emergency ${access.active ? 'active' : ''}`} key={String(access.id)} data-emergency={String(access.id)}>
              <p>
                <strong>Break-glass access #{String(access.id)}</strong> by {short(access.accessor)} for {short(access.organization)}:{' '}
                {words(access.reason.type)}, from {when(access.started_at)} until {when(access.ended_at ?? access.expires_at)}
                {access.active ? ' — in force now' : ''}
                {access.flag ? ` — flagged for review${access.flag.closed_at !== undefined ? ', review closed' : ''}` : ''}
              </p>
              {access.active ? (
                <button type="button" className="danger" onClick={() => end(access)}>
                  End it now
                </button>
              ) : null}
              {!access.flag ? (
                <>
                  <Field label="Review note (kept off chain; the chain keeps its hash)">
                    <input value={note} onChange={(event) => setNote(event.target.value)} />
                  </Field>
                  <button type="button" onClick={() => flag(access)}>Flag for review</button>
                </>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
      <h3>Access log</h3>
      {entries === null ? (
        <p>Loading…</p>
      ) : entries.length === 0 ? (
        <p>Nobody has accessed your records.</p>
      ) : (
        <table aria-label="Access log">
          <Head columns={['When', 'Who', 'Record', 'Why', 'Through']} />
          <tbody>
            {entries.map((entry) => (
              <tr key={String(entry.seq)} className={entry.via.type === 'Emergency' ? 'emergency-row' : ''} data-log-record={String(entry.record_id)}>
                <td>{when(entry.at)}</td>
                <td title={entry.accessor}>{entry.accessor === account.address ? 'you' : short(entry.accessor)}</td>
                <td>#{String(entry.record_id)}</td>
                <td>{words(entry.purpose.type)}</td>
                <td>{routeOf(entry.via)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {releases?.length ? (
        <>
          <h3>What the vault released or refused</h3>
          <table aria-label="Vault release log">
            <Head columns={['When', 'Who', 'Record', 'Answer']} />
            <tbody>
              {releases.map((entry) => (
                <tr key={entry.id}>
                  <td>{when(entry.at)}</td>
                  <td>{entry.requester === account.address ? 'you' : short(entry.requester)}</td>
                  <td>#{entry.recordId}</td>
                  <td>{entry.released ? 'released' : `refused: ${entry.reason}${entry.denial ? ` (${entry.denial})` : ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <ErrorNote label="Reading the vault's log" error={releasesError} />
      <TxStatus status={status} />
      {status?.stage !== 'failed' ? <ErrorNote error={error} /> : null}
    </Section>
  );
}

export function PatientView({ chain, account }) {
  const keys = useEncryptionKey(chain, account);
  const [added, setAdded] = useState(0);
  return (
    <>
      <KeyPanel chain={chain} account={account} keys={keys} />
      <MyRecords chain={chain} account={account} keys={keys} refreshKey={added} />
      <Section title="Add a record" id="add-title">
        {keys.ready ? (
          <AddRecordForm chain={chain} author={account} patient={account.address} onAdded={() => setAdded((n) => n + 1)} />
        ) : (
          <p>Publish your encryption key first.</p>
        )}
      </Section>
      <Consent chain={chain} account={account} />
      <AccessLog chain={chain} account={account} />
    </>
  );
}

