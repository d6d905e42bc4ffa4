// The pharmacist or dispenser: verify a pack before it goes to a patient.

import { useEffect, useState } from 'react';

import { ErrorNote, Field, Section, useAction } from '../components/common.jsx';
import { short, text } from '../lib/chain.js';

/**
 * The GS1 element string a 2D code carries, as a scanner types it: with the application
 * identifiers in parentheses, `(01)…(17)YYMMDD(10)lot(21)serial`, or raw with the group
 * separator (ASCII 29) ending the variable-length fields.
 */
export function parseGs1(scan) {
  const fields = {};
  const bracketed = [...scan.matchAll(/\((\d{2})\)([^(]*)/g)];
  if (bracketed.length) {
    for (const [, ai, value] of bracketed) fields[ai] = value.trim();
  } else {
    let rest = scan.replace(/^\]d2/, '').trim();
    const fixed = { '01': 14, 17: 6 };
    while (rest.length >= 2) {
      const ai = rest.slice(0, 2);
      rest = rest.slice(2);
      if (fixed[ai]) {
        fields[ai] = rest.slice(0, fixed[ai]);
        rest = rest.slice(fixed[ai]);
      } else {
        const end = rest.indexOf('\u001d');
        fields[ai] = end === -1 ? rest : rest.slice(0, end);
        rest = end === -1 ? '' : rest.slice(end + 1);
      }
    }
  }
  const expiry = fields['17'];
  return {
    gtin: fields['01'] ?? '',
    lot: fields['10'] ?? '',
    serial: fields['21'] ?? '',
    expiry: expiry && /^\d{6}$/.test(expiry) ? `20${expiry.slice(0, 2)}-${expiry.slice(2, 4)}-${expiry.slice(4, 6)}` : '',
  };
}

/** A serial's proof: the JSON `scripts/serials.sh proof` prints, a JSON list, or hashes one per line. */
export function parseProof(input) {
  const trimmed = input.trim();
  if (!trimmed) return { proof: [] };
  try {
    const json = JSON.parse(trimmed);
    if (Array.isArray(json)) return { proof: json };
    return { proof: json.proof ?? [], serial: json.serial };
  } catch {
    return { proof: trimmed.split(/[\s,]+/).filter(Boolean) };
  }
}

const bytes = (value) => new TextEncoder().encode(value);
const dateText = (date) => `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

/** The verdict in one glance: may the pack be dispensed, and if not, why. */
function verdictOf(answer, packExpiry) {
  if (!answer.known) return { ok: false, headline: 'STOP: unknown lot', why: 'The chain knows no lot with this GTIN and lot number.' };
  const status = answer.status.type;
  if (status === 'Recalled') return { ok: false, headline: 'STOP: recalled', why: 'The manufacturer or a regulator recalled this lot. Do not dispense; quarantine the pack.' };
  if (status === 'Illegitimate') return { ok: false, headline: 'STOP: illegitimate product', why: 'A regulator found this lot illegitimate. Quarantine the pack and report it.' };
  if (status === 'Suspect') return { ok: false, headline: 'STOP: suspect product', why: 'The lot is reported as suspect and awaits a regulator. Do not dispense.' };
  if (answer.expired) return { ok: false, headline: 'STOP: expired', why: 'The lot is past its expiry date.' };
  if (answer.serial_valid === false) return { ok: false, headline: 'STOP: serial not in this lot', why: 'The serial number and its proof do not belong to this lot: the pack may be counterfeit.' };
  if (packExpiry && answer.expiry && packExpiry !== dateText(answer.expiry)) {
    return { ok: false, headline: 'STOP: expiry does not match', why: `The pack says ${packExpiry}; the chain says ${dateText(answer.expiry)}.` };
  }
  return { ok: true, headline: 'OK to dispense', why: 'Known, active, not expired.' };
}

export function DispenserView({ chain }) {
  const [scan, setScan] = useState('');
  const [gtin, setGtin] = useState('');
  const [lot, setLot] = useState('');
  const [expiry, setExpiry] = useState('');
  const [serial, setSerial] = useState('');
  const [proofText, setProofText] = useState('');
  const [answer, setAnswer] = useState(null);
  const [manufacturer, setManufacturer] = useState(null);
  const { error, busy, act } = useAction();

  useEffect(() => {
    if (!scan) return;
    const parsed = parseGs1(scan);
    setGtin(parsed.gtin);
    setLot(parsed.lot);
    setSerial(parsed.serial);
    setExpiry(parsed.expiry);
  }, [scan]);

  const verify = (event) => {
    event.preventDefault();
    act(async () => {
      setAnswer(null);
      const { proof, serial: proofSerial } = parseProof(proofText);
      const asked = serial || proofSerial || '';
      const result = await chain.api.apis.DrugLotsApi.verify(bytes(gtin), bytes(lot), asked ? bytes(asked) : undefined, proof, { at: 'best' });
      const maker = result.manufacturer ? await chain.api.apis.OrganizationsApi.organization(result.manufacturer) : undefined;
      setManufacturer(maker ? text(maker.name) : null);
      setAnswer({ ...result, verdict: verdictOf(result, expiry), serial: asked });
    });
  };

  return (
    <Section title="Verify a pack" id="verify-title">
      <form onSubmit={verify} aria-label="Verify a pack">
        <Field label="Scan" hint="Scan the pack's 2D code here, or type its human-readable line: (01)…(17)…(10)…(21)…">
          <input value={scan} onChange={(event) => setScan(event.target.value)} autoComplete="off" />
        </Field>
        <Field label="GTIN">
          <input value={gtin} onChange={(event) => setGtin(event.target.value.trim())} required inputMode="numeric" pattern="\d{8,14}" />
        </Field>
        <Field label="Lot number">
          <input value={lot} onChange={(event) => setLot(event.target.value.trim())} required />
        </Field>
        <Field label="Expiry on the pack (optional)">
          <input type="date" value={expiry} onChange={(event) => setExpiry(event.target.value)} />
        </Field>
        <Field label="Serial number (optional)">
          <input value={serial} onChange={(event) => setSerial(event.target.value.trim())} />
        </Field>
        <Field label="Serial proof (optional)" hint="From the manufacturer's feed: the JSON of scripts/serials.sh proof, or the hashes one per line.">
          <textarea value={proofText} onChange={(event) => setProofText(event.target.value)} rows={3} />
        </Field>
        <button type="submit" disabled={busy}>
          Verify
        </button>
      </form>
      <ErrorNote label="Verification" error={error} />
      {answer ? (
        <div className={`verdict ${answer.verdict.ok ? 'go' : 'stop'}`} role="alert" data-verdict={answer.verdict.ok ? 'go' : 'stop'}>
          <p className="headline">{answer.verdict.headline}</p>
          <p>{answer.verdict.why}</p>
          {answer.known ? (
            <dl>
              <dt>Status</dt>
              <dd>{answer.status.type}</dd>
              <dt>Expiry</dt>
              <dd>
                {dateText(answer.expiry)}
                {answer.expired ? ' (expired)' : ''}
              </dd>
              <dt>Manufacturer</dt>
              <dd>{manufacturer ?? short(answer.manufacturer)}</dd>
              <dt>Serial</dt>
              <dd>
                {answer.serial_valid === undefined
                  ? answer.serial
                    ? 'not checked: the lot has no serial list on chain, or no proof was given'
                    : 'not checked'
                  : answer.serial_valid
                    ? `${answer.serial} belongs to this lot`
                    : `${answer.serial} does not belong to this lot`}
              </dd>
            </dl>
          ) : null}
        </div>
      ) : null}
    </Section>
  );
}
