// The clinician: the patients who granted me (or my organization), opening a record, adding
// one under a Write consent, and break-glass emergency access.

import { useEffect, useState } from 'react';

import { ErrorNote, Field, Head, Section, TxStatus, useAction, useTx } from '../components/common.jsx';
import { KeyPanel, useEncryptionKey } from '../components/KeyPanel.jsx';
import { AddRecordForm, CategoryBadge, RecordContent, RecordTable, usePatientRecords } from '../components/Records.jsx';
import { EMERGENCY_REASONS, Enum, PURPOSES, short, text, when, words } from '../lib/chain.js';
import { textHash } from '../lib/crypto.js';
import { openRecord } from '../lib/records.js';

/** The grants to me and to the organization I act for, a page at a time each. */
function useGrants(chain, account) {
  const [organization, setOrganization] = useState(null);
  const [grants, setGrants] = useState(null);
  const [next, setNext] = useState({});
  const load = async (cursors = {}) => {
    const membership = await chain.api.apis.OrganizationsApi.membership(account.address);
    const org = membership ? { account: membership.organization, role: membership.role.type, active: membership.active } : null;
    setOrganization(org);
    if (org) {
      const details = await chain.api.apis.OrganizationsApi.organization(org.account);
      org.name = details ? text(details.name) : short(org.account);
    }
    const grantees = [account.address, ...(org ? [org.account] : [])];
    const pages = await Promise.all(
      grantees.map((grantee) => chain.api.apis.ConsentApi.consents_by_grantee(grantee, cursors[grantee], 50).then((page) => [grantee, page])),
    );
    setGrants((known) => [...(Object.keys(cursors).length ? known ?? [] : []), ...pages.flatMap(([, page]) => page.items)]);
    setNext(Object.fromEntries(pages.filter(([, page]) => page.next !== undefined).map(([grantee, page]) => [grantee, page.next])));
  };
  useEffect(() => {
    setGrants(null);
    load().catch(() => setGrants([]));
  }, [account.address]); // eslint-disable-line react-hooks/exhaustive-deps
  return { organization, grants, more: Object.keys(next).length ? () => load(next) : null };
}

function PatientRecords({ chain, account, keys, patient }) {
  const { records } = usePatientRecords(chain, patient);
  const [purpose, setPurpose] = useState('Treatment');
  const [opened, setOpened] = useState(null);
  const [stage, setStage] = useState(null);
  const [status, run] = useTx();
  const { error, act } = useAction();

  const open = (record) =>
    act(async () => {
      setOpened(null);
      setOpened({ id: record.id, ...(await openRecord({ chain, reader: account, keyPair: keys.pair, record, logPurpose: purpose, run, onStage: setStage })) });
    }).finally(() => setStage(null));

  return (
    <div aria-label={`Records of ${patient}`}>
      <h3>Records of {short(patient)}</h3>
      <Field label="Purpose of my access" hint="Opening a record logs the access on chain, with this purpose, in the patient's access log.">
        <select value={purpose} onChange={(event) => setPurpose(event.target.value)}>
          {PURPOSES.map((code) => (
            <option key={code} value={code}>{words(code)}</option>
          ))}
        </select>
      </Field>
      <RecordTable
        records={records}
        actions={(record) => (
          <button type="button" onClick={() => open(record)} disabled={!keys.ready}>
            Open
          </button>
        )}
      />
      {stage ? <p role="status">{stage}</p> : null}
      {opened ? <RecordContent opened={opened} onClose={() => setOpened(null)} /> : null}
      <TxStatus status={status} />
      {status?.stage !== 'failed' ? <ErrorNote label="Opening the record" error={error} /> : null}
    </div>
  );
}

function BreakGlass({ chain, account }) {
  const [patient, setPatient] = useState('');
  const [reason, setReason] = useState('PatientUnconscious');
  const [justification, setJustification] = useState('');
  const [status, run] = useTx();
  const { error, act } = useAction();
  const breakGlass = (event) => {
    event.preventDefault();
    act(() =>
      run(
        'Break the glass',
        chain.api.tx.Records.emergency_access({ patient, reason: Enum(reason), justification_hash: textHash(justification) }),
        account.signer,
      ),
    );
  };
  return (
    <Section title="Emergency access (break the glass)" id="glass-title">
      <p className="warning">
        For an emergency only. The access is logged on chain, the patient sees it at once, and the patient or a regulator can flag it for
        review. It lasts 24 hours, ends when the patient ends it, and holds only while you are a clinician of an active hospital or clinic.
      </p>
      <form onSubmit={breakGlass} aria-label="Break the glass">
        <Field label="Patient's account">
          <input value={patient} onChange={(event) => setPatient(event.target.value.trim())} required />
        </Field>
        <Field label="Reason">
          <select value={reason} onChange={(event) => setReason(event.target.value)}>
            {EMERGENCY_REASONS.map((code) => (
              <option key={code} value={code}>{words(code)}</option>
            ))}
          </select>
        </Field>
        <Field label="Justification" hint="Kept off chain, in your records; the chain keeps its hash, so it can be checked in a review.">
          <textarea value={justification} onChange={(event) => setJustification(event.target.value)} required />
        </Field>
        <button type="submit" className="danger">
          Break the glass
        </button>
      </form>
      <TxStatus status={status} />
      {status?.stage !== 'failed' ? <ErrorNote error={error} /> : null}
    </Section>
  );
}

export function ClinicianView({ chain, account }) {
  const keys = useEncryptionKey(chain, account);
  const { organization, grants, more } = useGrants(chain, account);
  const [patient, setPatient] = useState(null);
  const [writeFor, setWriteFor] = useState('');
  const patients = [...new Set((grants ?? []).map((g) => g.patient))];

  return (
    <>
      <KeyPanel chain={chain} account={account} keys={keys} />
      <Section title="Patients who granted me" id="patients-title">
        <p>
          {organization
            ? `You act for ${organization.name} as ${organization.role}${organization.active ? '' : ' (the organization is not active)'}.`
            : 'You are not a member of an organization: only grants to your own account apply.'}
        </p>
        {grants === null ? (
          <p>Loading…</p>
        ) : patients.length === 0 ? (
          <p>No patient has granted you or your organization anything.</p>
        ) : (
          <table>
            <Head columns={['Patient', 'Granted', '']} />
            <tbody>
              {patients.map((address) => (
                <tr key={address} data-patient={address}>
                  <td title={address}>{short(address)}</td>
                  <td>
                    {grants
                      .filter((g) => g.patient === address)
                      .map((g) => (
                        <div key={String(g.id)}>
                          {g.categories.wildcard ? 'Every non-sensitive category ' : null}
                          {g.categories.categories.map((c) => (
                            <CategoryBadge key={c.type} category={c.type} />
                          ))}{' '}
                          {[g.actions.read ? 'read' : null, g.actions.write ? 'write' : null].filter(Boolean).join(' and ')} for {words(g.purpose.type)}
                          {g.expires_at !== undefined ? `, until ${when(g.expires_at)}` : ''}
                          {g.grantee === account.address ? ' (to you)' : ' (to your organization)'}
                        </div>
                      ))}
                  </td>
                  <td>
                    <button type="button" onClick={() => setPatient(address)}>
                      Records
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {more ? <button type="button" onClick={more}>More grants</button> : null}
        {patient ? <PatientRecords chain={chain} account={account} keys={keys} patient={patient} /> : null}
      </Section>
      <Section title="Add a record for a patient" id="write-title">
        <p>Under the patient's Write consent for the category and purpose.</p>
        <Field label="Patient's account">
          <input value={writeFor} onChange={(event) => setWriteFor(event.target.value.trim())} />
        </Field>
        {writeFor ? <AddRecordForm chain={chain} author={account} patient={writeFor} purpose="Treatment" /> : null}
      </Section>
      <BreakGlass chain={chain} account={account} />
    </>
  );
}
