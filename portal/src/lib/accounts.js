// Who signs: the demo accounts of a development chain, or an account of a browser wallet (the
// polkadot.js extension, Talisman, SubWallet) in production. Either gives a PAPI signer for
// transactions and a `signBytes` for the vault's signed requests.

import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy, ss58Address } from '@polkadot-labs/hdkd-helpers';
import { connectInjectedExtension, getInjectedExtensions } from 'polkadot-api/pjs-signer';
import { getPolkadotSigner } from 'polkadot-api/signer';

/** The demo cast of the `development` preset (docs/demo-accounts.md), by role. */
export const DEMO_ACCOUNTS = [
  { uri: '//Patient', role: 'Patient' },
  { uri: '//Clinician', role: 'Clinician at Healthchain General Hospital' },
  { uri: '//Pharmacy', role: 'Healthchain Community Pharmacy' },
  { uri: '//Hospital', role: 'Healthchain General Hospital' },
  { uri: '//Regulator', role: 'Medicines regulator' },
  { uri: '//Manufacturer', role: 'Manufacturer' },
  { uri: '//Guardian', role: 'Guardian' },
  { uri: '//Ferdie', role: 'Another patient' },
];

let derive;

/** A demo account: its address and signers. The dev seed is public: dev chains only. */
export function demoAccount(uri) {
  derive ??= sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  const pair = derive(uri);
  const address = ss58Address(pair.publicKey);
  const role = DEMO_ACCOUNTS.find((demo) => demo.uri === uri)?.role ?? uri;
  return {
    address,
    name: `${uri.slice(2)} (${role})`,
    signer: getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign),
    signBytes: async (bytes) => pair.sign(bytes),
  };
}

/** The names of the browser wallets that injected themselves into this page. */
export function injectedWallets() {
  return getInjectedExtensions();
}

/** The accounts a browser wallet shares with the portal, once the user allows it. */
export async function walletAccounts(walletName) {
  const extension = await connectInjectedExtension(walletName, 'Healthchain portal');
  return extension.getAccounts().map((account) => ({
    address: account.address,
    name: `${account.name ?? account.address} (${walletName})`,
    signer: account.polkadotSigner,
    // The wallet wraps raw bytes in <Bytes>…</Bytes> before signing; the vault accepts that.
    signBytes: (bytes) => account.polkadotSigner.signBytes(bytes),
  }));
}
