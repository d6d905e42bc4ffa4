// The portal's view of the chain, through polkadot-api (PAPI) and the descriptors generated
// from the runtime's metadata (.papi/): reads through runtime APIs and storage, transactions
// signed by the chosen account, and errors named and explained from the metadata's own docs.

import { healthchain } from '@polkadot-api/descriptors';
import { decAnyMetadata, unifyMetadata } from '@polkadot-api/substrate-bindings';
import { createClient, Enum } from 'polkadot-api';
import { getWsProvider } from 'polkadot-api/ws';

export { Enum };

/** Connects to the node at `url`; resolves once the chain's name is known. */
export async function connect(url) {
  const client = createClient(getWsProvider(url));
  const api = client.getTypedApi(healthchain);
  const spec = await client.getChainSpecData();
  return { client, api, name: spec.name, url };
}

let errorDocs;

/** The docs of every pallet error, and of every enum variant an error may carry, by name. */
async function errorDocsOf() {
  if (!errorDocs) {
    const metadata = unifyMetadata(decAnyMetadata(await healthchain.getMetadata()));
    const variantsOf = (typeId) => {
      const entry = metadata.lookup[typeId];
      return entry?.def?.tag === 'variant' ? entry.def.value : [];
    };
    const docs = new Map();
    for (const pallet of metadata.pallets) {
      if (pallet.errors === undefined) continue;
      for (const variant of variantsOf(pallet.errors.type)) {
        docs.set(`${pallet.name}.${variant.name}`, variant.docs.join(' '));
        // An error that carries a reason (AccessDenied(Revoked)): the reason's own docs.
        for (const field of variant.fields) {
          for (const inner of variantsOf(field.type)) docs.set(`${pallet.name}.${variant.name}.${inner.name}`, inner.docs.join(' '));
        }
      }
    }
    errorDocs = docs;
  }
  return errorDocs;
}

/**
 * A dispatch error in words: `{ name: 'records.AccessDenied(Revoked)', meaning: '…' }`. The
 * meaning is the pallet's documentation of the error, and of its reason when it has one.
 */
export async function describeError(dispatchError) {
  if (dispatchError?.type !== 'Module') {
    return { name: dispatchError?.type ?? 'Unknown', meaning: 'The transaction failed outside any Healthchain pallet.' };
  }
  const pallet = dispatchError.value.type;
  const error = dispatchError.value.value;
  const reason = error.value?.type;
  const section = pallet.charAt(0).toLowerCase() + pallet.slice(1);
  const docs = await errorDocsOf();
  const own = docs.get(`${pallet}.${error.type}`) ?? '';
  const why = reason ? docs.get(`${pallet}.${error.type}.${reason}`) ?? '' : '';
  return {
    name: `${section}.${error.type}${reason ? `(${reason})` : ''}`,
    meaning: [own, why].filter(Boolean).join(' '),
  };
}

/** Why a transaction could not even be submitted (a bad signature, no funds, …), in words. */
function submissionError(error) {
  const text = String(error?.message ?? error);
  if (/Inability to pay some fees|Payment/.test(text)) return { name: 'NotEnoughFunds', meaning: 'The account cannot pay the transaction fee.' };
  if (/Cancelled|Rejected/i.test(text)) return { name: 'Cancelled', meaning: 'The signature was refused in the wallet.' };
  return { name: 'NotSubmitted', meaning: text };
}

/**
 * Signs `tx` with `signer` and follows it, calling `onStatus` with `signing`, `submitted`,
 * `inBlock` (with the block number) and `finalized`. Resolves with the finalized result's
 * events; rejects with `{ name, meaning }` when the chain refused it.
 */
export function submit(tx, signer, onStatus = () => {}) {
  return new Promise((resolve, reject) => {
    onStatus({ stage: 'signing' });
    let settled = false;
    let subscription;
    const fail = async (error) => {
      if (settled) return;
      settled = true;
      subscription?.unsubscribe();
      reject(error);
    };
    subscription = tx.signSubmitAndWatch(signer).subscribe({
      next: async (event) => {
        if (event.type === 'broadcasted') onStatus({ stage: 'submitted' });
        if (event.type === 'txBestBlocksState' && event.found) {
          if (!event.ok) return fail(await describeError(event.dispatchError));
          onStatus({ stage: 'inBlock', block: event.block.number });
        }
        if (event.type === 'finalized') {
          settled = true;
          if (!event.ok) return reject(await describeError(event.dispatchError));
          onStatus({ stage: 'finalized', block: event.block.number });
          resolve(event);
        }
      },
      error: (error) => fail(submissionError(error)),
    });
  });
}

/** The first event `Pallet.Name` of a finalized transaction's events. */
export function eventOf(result, pallet, name) {
  return result.events.find((event) => event.type === pallet && event.value.type === name)?.value.value;
}

// ---- Vocabulary ----

/** Data categories, in the order of the chain's enum; the last four are sensitive. */
export const CATEGORIES = [
  'Summary', 'Encounter', 'Condition', 'Medication', 'Allergy', 'Immunization', 'LabResult', 'Imaging',
  'Procedure', 'Genomic', 'MentalHealth', 'SexualReproductive', 'SubstanceUse',
];
export const SENSITIVE = new Set(['Genomic', 'MentalHealth', 'SexualReproductive', 'SubstanceUse']);
export const PURPOSES = ['Treatment', 'Payment', 'Operations', 'Research', 'PublicHealth'];
export const EMERGENCY_REASONS = ['PatientUnconscious', 'LifeThreatening', 'UnableToConsent', 'Other'];

/** Words for a category code: `LabResult` → `Lab result`. */
export function words(code) {
  const spaced = code.replace(/([a-z])([A-Z])/g, '$1 $2');
  return spaced.charAt(0) + spaced.slice(1).toLowerCase();
}

/** A chain time (ms, bigint or number) as a local date and time. */
export function when(ms) {
  if (ms === undefined || ms === null) return '—';
  return new Date(Number(ms)).toLocaleString();
}

/** An account shortened for display. */
export function short(address) {
  return address ? `${address.slice(0, 6)}…${address.slice(-6)}` : '—';
}

/** Bytes from the chain (Uint8Array) as text. */
export function text(bytes) {
  return bytes instanceof Uint8Array ? new TextDecoder().decode(bytes) : String(bytes ?? '');
}
