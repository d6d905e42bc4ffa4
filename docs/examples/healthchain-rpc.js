// Healthchain's own JSON-RPC methods, as polkadot.js needs them declared: pass this object as
// the `rpc` option of `ApiPromise.create`. Copy this file into your project, or import it:
//
//   import { healthchainRpc } from './healthchain-rpc.js';
//   const api = await ApiPromise.create({ provider, rpc: healthchainRpc });
//
// docs/rpc.md documents every method. The end-to-end tests use this very file.

const at = { name: 'at', type: 'BlockHash', isOptional: true };
const page = [
  { name: 'cursor', type: 'Option<u64>', isOptional: true },
  { name: 'limit', type: 'Option<u32>', isOptional: true },
  at,
];

export const healthchainRpc = {
  organizations: {
    get: {
      description: 'The organization registered under an account, or null.',
      params: [{ name: 'account', type: 'AccountId' }, at],
      type: 'Option<Json>',
    },
    membership: {
      description: 'The organization a member belongs to and its role, or null.',
      params: [{ name: 'member', type: 'AccountId' }, at],
      type: 'Option<Json>',
    },
  },
  consent: {
    checkAccess: {
      description: 'Whether an accessor may act on a patient\'s data, and why.',
      params: [
        { name: 'patient', type: 'AccountId' },
        { name: 'accessor', type: 'AccountId' },
        { name: 'category', type: 'Text' },
        { name: 'action', type: 'Text' },
        { name: 'purpose', type: 'Text' },
        at,
      ],
      type: 'Json',
    },
    byPatient: {
      description: 'The live grants a patient has given, a page at a time.',
      params: [{ name: 'patient', type: 'AccountId' }, ...page],
      type: 'Json',
    },
    byGrantee: {
      description: 'The live grants given to a grantee, a page at a time.',
      params: [{ name: 'grantee', type: 'AccountId' }, ...page],
      type: 'Json',
    },
  },
  records: {
    get: {
      description: 'A record: { live: RecordDetails } or { erased: Tombstone }, or null when unknown.',
      params: [{ name: 'recordId', type: 'u64' }, at],
      type: 'Option<Json>',
    },
    byPatient: {
      description: 'The latest version of each live record of a patient, optionally of one category, a page at a time.',
      params: [
        { name: 'patient', type: 'AccountId' },
        { name: 'category', type: 'Option<Text>', isOptional: true },
        ...page,
      ],
      type: 'Json',
    },
    versions: {
      description: 'Every version of a record, oldest first.',
      params: [{ name: 'recordId', type: 'u64' }, at],
      type: 'Vec<Json>',
    },
    accessLog: {
      description: 'The access log of a patient, newest first, a page at a time.',
      params: [{ name: 'patient', type: 'AccountId' }, ...page],
      type: 'Json',
    },
    emergencyAccesses: {
      description: 'The emergency accesses to a patient\'s data, oldest first, a page at a time.',
      params: [{ name: 'patient', type: 'AccountId' }, ...page],
      type: 'Json',
    },
    payloadRelease: {
      description: 'Whether a payload store may release a record\'s payload to a requester, and why.',
      params: [
        { name: 'recordId', type: 'u64' },
        { name: 'requester', type: 'AccountId' },
        { name: 'contentHash', type: 'H256' },
        { name: 'window', type: 'u64' },
        at,
      ],
      type: 'Json',
    },
    payloadChanges: {
      description: 'What a block did to the payloads records reference.',
      params: [at],
      type: 'Vec<Json>',
    },
    livePayloads: {
      description: 'Every live record version with the content hash it references, a page at a time.',
      params: page,
      type: 'Json',
    },
  },
  trials: {
    get: {
      description: 'A trial, with its investigators and results, or null.',
      params: [{ name: 'trialId', type: 'u64' }, at],
      type: 'Option<Json>',
    },
    protocolHistory: {
      description: 'Every protocol version of a trial, oldest first.',
      params: [{ name: 'trialId', type: 'u64' }, at],
      type: 'Vec<Json>',
    },
    bySponsor: {
      description: 'The trials a sponsor registered, a page at a time.',
      params: [{ name: 'sponsor', type: 'AccountId' }, ...page],
      type: 'Json',
    },
    submissions: {
      description: 'The data submitted to a trial, a page at a time.',
      params: [
        { name: 'trialId', type: 'u64' },
        { name: 'cursor', type: 'Option<u32>', isOptional: true },
        { name: 'limit', type: 'Option<u32>', isOptional: true },
        at,
      ],
      type: 'Json',
    },
    enrollment: {
      description: "A participant's enrollment in a trial, or null.",
      params: [{ name: 'trialId', type: 'u64' }, { name: 'participant', type: 'AccountId' }, at],
      type: 'Option<Json>',
    },
    overdueResults: {
      description: 'Trials whose results are overdue, most overdue first, a page at a time.',
      params: page,
      type: 'Json',
    },
  },
  drugLots: {
    verify: {
      description: "What a scanner learns about a lot, and whether a serial belongs to it.",
      params: [
        { name: 'gtin', type: 'Text' },
        { name: 'lotNumber', type: 'Text' },
        { name: 'serial', type: 'Option<Text>', isOptional: true },
        { name: 'proof', type: 'Option<Vec<H256>>', isOptional: true },
        at,
      ],
      type: 'Json',
    },
    get: {
      description: 'A lot, or null.',
      params: [{ name: 'gtin', type: 'Text' }, { name: 'lotNumber', type: 'Text' }, at],
      type: 'Option<Json>',
    },
    history: {
      description: "A lot's custody history, a page at a time.",
      params: [
        { name: 'gtin', type: 'Text' },
        { name: 'lotNumber', type: 'Text' },
        { name: 'cursor', type: 'Option<u32>', isOptional: true },
        { name: 'limit', type: 'Option<u32>', isOptional: true },
        at,
      ],
      type: 'Json',
    },
    holdings: {
      description: 'Who holds how much of a lot, a page at a time.',
      params: [
        { name: 'gtin', type: 'Text' },
        { name: 'lotNumber', type: 'Text' },
        { name: 'cursor', type: 'Option<AccountId>', isOptional: true },
        { name: 'limit', type: 'Option<u32>', isOptional: true },
        at,
      ],
      type: 'Json',
    },
    byManufacturer: {
      description: 'The lots a manufacturer commissioned, a page at a time; the cursor is [gtin, lotNumber].',
      params: [
        { name: 'manufacturer', type: 'AccountId' },
        { name: 'cursor', type: 'Option<(Text, Text)>', isOptional: true },
        { name: 'limit', type: 'Option<u32>', isOptional: true },
        at,
      ],
      type: 'Json',
    },
    pendingShipments: {
      description: 'Shipments in transit to an account, a page at a time.',
      params: [{ name: 'account', type: 'AccountId' }, ...page],
      type: 'Json',
    },
  },
  dev: {
    advanceTime: {
      description: "Moves the --dev chain's clock forward; returns how far ahead of the wall clock it runs (ms).",
      params: [{ name: 'millis', type: 'u64' }],
      type: 'u64',
    },
  },
};
