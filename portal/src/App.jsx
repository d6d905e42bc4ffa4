// The portal's shell: the chain connection, who is signing, and the three roles' screens.

import { useEffect, useMemo, useState } from 'react';

import { ErrorNote } from './components/common.jsx';
import { DEMO_ACCOUNTS, demoAccount, injectedWallets, walletAccounts } from './lib/accounts.js';
import { connect } from './lib/chain.js';
import { ClinicianView } from './views/Clinician.jsx';
import { DispenserView } from './views/Dispenser.jsx';
import { PatientView } from './views/Patient.jsx';

const TABS = [
  { id: 'patient', label: 'Patient' },
  { id: 'clinician', label: 'Clinician' },
  { id: 'dispenser', label: 'Dispenser' },
];

/** The node to talk to: `?chain=` if given, else the one the vault follows. */
async function chainUrl() {
  const asked = new URLSearchParams(globalThis.location.search).get('chain');
  if (asked) return asked;
  try {
    const health = await (await fetch('/healthz')).json();
    if (health.chain) return health.chain;
  } catch {
    // No vault answering on this origin: the default dev node.
  }
  return 'ws://127.0.0.1:9944';
}

/** A development chain's name, whose demo accounts anyone may use. */
const isDevChain = (name) => /dev|local/i.test(name);

export function App() {
  const [chain, setChain] = useState(null);
  const [failure, setFailure] = useState(null);
  const [finalized, setFinalized] = useState(null);
  const [wallet, setWallet] = useState([]);
  const [address, setAddress] = useState(() => new URLSearchParams(globalThis.location.search).get('as') ?? '');
  const [tab, setTab] = useState(() => new URLSearchParams(globalThis.location.search).get('tab') ?? 'patient');

  useEffect(() => {
    let client;
    chainUrl()
      .then(connect)
      .then((connected) => {
        client = connected.client;
        setChain(connected);
        connected.client.finalizedBlock$.subscribe((block) => setFinalized(block.number));
      })
      .catch((error) => setFailure({ name: 'ChainUnavailable', meaning: `The chain cannot be reached: ${error.message ?? error}` }));
    return () => client?.destroy();
  }, []);

  const demo = useMemo(() => (chain && isDevChain(chain.name) ? DEMO_ACCOUNTS.map(({ uri }) => ({ uri, ...demoAccount(uri) })) : []), [chain]);
  const accounts = [...demo, ...wallet];
  const account = accounts.find((candidate) => candidate.address === address || candidate.uri === address) ?? null;

  const connectWallet = async (name) => {
    try {
      setWallet(await walletAccounts(name));
    } catch (error) {
      setFailure({ name: 'WalletRefused', meaning: String(error.message ?? error) });
    }
  };

  return (
    <div className="app">
      <header>
        <h1>Healthchain</h1>
        <p className="chain" role="status" aria-live="polite" data-testid="chain-status">
          {chain ? `${chain.name} · finalized #${finalized ?? '…'}` : failure ? 'not connected' : 'connecting…'}
        </p>
        <label className="account">
          <span>Signing as</span>
          <select value={account?.address ?? ''} onChange={(event) => setAddress(event.target.value)} aria-label="Account">
            <option value="">Choose an account…</option>
            {accounts.map((candidate) => (
              <option key={candidate.address} value={candidate.address}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        {injectedWallets().map((name) => (
          <button type="button" key={name} onClick={() => connectWallet(name)}>
            Connect {name}
          </button>
        ))}
      </header>
      <nav aria-label="Roles">
        {TABS.map(({ id, label }) => (
          <button type="button" key={id} aria-pressed={tab === id} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </nav>
      <main>
        <ErrorNote error={failure} />
        {chain && account && tab === 'patient' ? <PatientView key={account.address} chain={chain} account={account} /> : null}
        {chain && account && tab === 'clinician' ? <ClinicianView key={account.address} chain={chain} account={account} /> : null}
        {chain && tab === 'dispenser' ? <DispenserView chain={chain} /> : null}
        {chain && !account && tab !== 'dispenser' ? (
          <p className="card">
            Choose who you are: {demo.length ? 'a demo account of this development chain, or ' : ''}an account of your browser wallet.
          </p>
        ) : null}
        {account ? (
          <p className="whoami">
            Account <code>{account.address}</code>
          </p>
        ) : null}
      </main>
      <footer>
        <p>
          No health data goes on chain: records are encrypted in this browser, and the chain keeps only hashes, locations and wrapped keys.
        </p>
      </footer>
    </div>
  );
}
