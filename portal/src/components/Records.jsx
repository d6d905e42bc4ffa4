// Records: a list, an opened record's content, and the form that adds one.

import { useEffect, useMemo, useState } from 'react';

import { CATEGORIES, SENSITIVE, when, words } from '../lib/chain.js';
import { addRecord } from '../lib/records.js';
import { ErrorNote, Field, Head, TxStatus, useAction, useTx } from './common.jsx';

export function CategoryBadge({ category }) {
  return (
    <span className={`badge ${SENSITIVE.has(category) ? 'sensitive' : ''}`}>
      {words(category)}
      {SENSITIVE.has(category) ? ' · sensitive' : ''}
    </span>
  );
}

/** The content of an opened record: text, an image or a PDF, and a download link. */
export function RecordContent({ opened, onClose }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([opened.plaintext], { type: opened.type })), [opened]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <div className="opened" aria-live="polite" data-testid="record-content">
      <p>
        Record {String(opened.id)}, decrypted in this browser
        {opened.route ? <> (released by the vault through <strong>{opened.route}</strong>)</> : null}.{' '}
        <a href={url} download={`record-${opened.id}.${opened.extension}`}>Download</a>{' '}
        <button type="button" onClick={onClose}>Close</button>
      </p>
      {opened.kind === 'text' ? <pre data-testid="record-text">{opened.text}</pre> : null}
      {opened.kind === 'image' ? <img src={url} alt={`Record ${opened.id}`} /> : null}
      {opened.kind === 'pdf' ? <iframe title={`Record ${opened.id}`} src={url} className="pdf" /> : null}
      {opened.kind === 'binary' ? <p>This file cannot be shown here: download it.</p> : null}
    </div>
  );
}

/** A table of records, each with the actions the caller passes. */
export function RecordTable({ records, actions }) {
  if (!records) return <p>Loading…</p>;
  if (records.length === 0) return <p>No records.</p>;
  return (
    <table>
      <Head columns={['Record', 'Category', 'Version', 'Status', 'Added', 'Actions']} />
      <tbody>
        {records.map((record) => (
          <tr key={String(record.id)} data-record={String(record.id)}>
            <td>#{String(record.id)}</td>
            <td>
              <CategoryBadge category={record.category.type} />
            </td>
            <td>{record.version}</td>
            <td>{words(record.status.type)}</td>
            <td>{when(record.created_at)}</td>
            <td className="actions">{actions(record)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A patient's live records, a page at a time. */
export function usePatientRecords(chain, patient) {
  const [records, setRecords] = useState(null);
  const [next, setNext] = useState(undefined);
  const load = async (cursor) => {
    const page = await chain.api.apis.RecordsApi.records_by_patient(patient, undefined, cursor, 20);
    setRecords((known) => (cursor === undefined ? page.items : [...(known ?? []), ...page.items]));
    setNext(page.next);
  };
  useEffect(() => {
    setRecords(null);
    if (patient) load(undefined).catch(() => setRecords([]));
  }, [patient]); // eslint-disable-line react-hooks/exhaustive-deps
  return { records, more: next === undefined ? null : () => load(next), reload: () => load(undefined) };
}

/** Choose a file, encrypt it here, upload it with progress, register it. */
export function AddRecordForm({ chain, author, patient, purpose, onAdded }) {
  const [category, setCategory] = useState('LabResult');
  const [file, setFile] = useState(null);
  const [stage, setStage] = useState(null);
  const [progress, setProgress] = useState(null);
  const [status, run] = useTx();
  const { error, busy, act } = useAction();

  const submitForm = (event) => {
    event.preventDefault();
    act(async () => {
      setProgress(null);
      const { hash } = await addRecord({
        chain,
        author,
        patient,
        category,
        file,
        purpose,
        run,
        onStage: setStage,
        onProgress: (sent, total) => setProgress({ sent, total }),
      });
      onAdded?.(hash);
    }).finally(() => setStage(null));
  };

  return (
    <form onSubmit={submitForm} aria-label="Add a record">
      <Field label="Category">
        <select value={category} onChange={(event) => setCategory(event.target.value)}>
          {CATEGORIES.map((code) => (
            <option key={code} value={code}>
              {words(code)}
              {SENSITIVE.has(code) ? ' (sensitive)' : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field label="File" hint="It is encrypted in this browser before it leaves it. The chain gets only its hash.">
        <input type="file" required onChange={(event) => setFile(event.target.files[0] ?? null)} />
      </Field>
      <button type="submit" disabled={!file || busy}>
        Encrypt, upload and add
      </button>
      {stage ? <p role="status">{stage}</p> : null}
      {progress ? (
        <label className="field">
          <span>Upload</span>
          <progress max={progress.total || 1} value={progress.sent} aria-label="Upload progress" />
        </label>
      ) : null}
      <TxStatus status={status} />
      {status?.stage !== 'failed' ? <ErrorNote label="Adding the record" error={error} /> : null}
    </form>
  );
}
