// The portal in a real headless Chromium (Debian's `chromium`, driven by playwright-core,
// which downloads no browser of its own), against a real dev chain and the real vault that
// serves it. A patient adds a lab result from a file and grants a clinician's hospital; the
// clinician opens it and sees exactly the patient's content; the patient sees the access and
// revokes; the clinician's next open fails, saying the consent was revoked; a pharmacist
// verifies a good pack and a recalled one. Screenshots of the main screens go to
// $HEALTHCHAIN_SCREENSHOTS (docs/portal/ holds the ones the guide shows).

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { stringToHex } from '@polkadot/util';
import { chromium } from 'playwright-core';

import { proof, root } from '../../scripts/serials/serials.mjs';
import { assertSuccess } from './lib/chain.js';
import { connect, devAccounts, removeDir, startDevNode, stopNode, submitAndWatch, tempDir, waitForFinalized } from './lib/node.js';
import { startVault, stop, waitUntilReady } from './lib/vault.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PORTAL = join(ROOT, 'portal', 'dist');
const CHROMIUM = process.env.HEALTHCHAIN_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.HEALTHCHAIN_SCREENSHOTS;
/** How long one step in the browser may take: a transaction is final two blocks later. */
const STEP_MS = 60_000;

const GTIN = '00012345600012';
const SERIALS = ['SN0001', 'SN0002', 'SN0003'];

/** A synthetic FHIR Observation: made up, tagged as test data. */
const OBSERVATION = {
  resourceType: 'Observation',
  meta: { tag: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST' }] },
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glucose [Mass/volume] in Serum or Plasma' }] },
  valueQuantity: { value: 95, unit: 'mg/dL' },
};

describe('the portal, in a real browser', () => {
  let node;
  let api;
  let vaultDir;
  let vault;
  let browser;
  let accounts;
  let files;
  const pages = {};

  before(async () => {
    assert.ok(existsSync(join(PORTAL, 'index.html')), `the portal is built into ${PORTAL} (scripts/portal.sh build)`);
    assert.ok(existsSync(CHROMIUM), `Chromium is at ${CHROMIUM} (scripts/setup.sh --with-browser installs it)`);
    accounts = await devAccounts();
    vaultDir = tempDir('healthchain-e2e-portal-vault-');
    files = tempDir('healthchain-e2e-portal-files-');
    node = await startDevNode();
    api = await connect(node);
    vault = await startVault({ chain: node.url, dataDir: vaultDir, args: ['--portal-dir', PORTAL] });
    await waitUntilReady(vault);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // As root, and on a machine with no network but loopback.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await api?.disconnect();
    if (vault) await stop(vault);
    if (node) await stopNode(node);
    for (const dir of [vaultDir, files]) if (dir) removeDir(dir);
  });

  /** A page of the portal as `who` on `tab`, in a browser context of its own. */
  async function open(who, tab) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.problems = problems;
    await page.goto(`${vault.url}/?${new URLSearchParams({ ...(who ? { as: who } : {}), tab })}`);
    await page.getByTestId('chain-status').filter({ hasText: 'finalized #' }).waitFor();
    return page;
  }

  const section = (page, name) => page.getByRole('region', { name });
  /** Waits until the section's transaction is final, or fails with the portal's error. */
  async function finalized(region) {
    const outcome = region.locator('[data-stage=finalized], [role=alert][data-error]').first();
    await outcome.waitFor();
    const error = await outcome.getAttribute('data-error');
    assert.equal(error, null, `the portal shows an error: ${await outcome.textContent()}`);
  }
  async function shot(page, name) {
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
  async function createKey(page) {
    const keys = section(page, 'My encryption key');
    await keys.getByRole('button', { name: 'Create and publish a key' }).click();
    await keys.getByTestId('key-state').filter({ hasText: 'Ready' }).waitFor();
  }

  let recordId;

  test('1. a patient adds a lab result from a file and grants the clinician’s hospital Read on lab results for treatment', async () => {
    pages.clinician = await open('//Clinician', 'clinician');
    await createKey(pages.clinician);

    const patient = (pages.patient = await open('//Patient', 'patient'));
    await createKey(patient);
    // A backup of the key, as the patient downloads it.
    const [download] = await Promise.all([
      patient.waitForEvent('download'),
      section(patient, 'My encryption key').getByRole('button', { name: 'Export key' }).click(),
    ]);
    await download.saveAs(join(files, 'patient-key.json'));
    const file = join(files, 'glucose.json');
    writeFileSync(file, JSON.stringify(OBSERVATION));
    const add = section(patient, 'Add a record');
    await add.getByLabel('Category').selectOption('LabResult');
    await add.getByLabel('File').setInputFiles(file);
    await add.getByRole('button', { name: 'Encrypt, upload and add' }).click();
    await finalized(add);
    const row = section(patient, 'My records').locator('tr[data-record]').first();
    await row.waitFor();
    recordId = await row.getAttribute('data-record');
    assert.match(await row.textContent(), /Lab result/);

    const consent = section(patient, 'Consent');
    await consent.getByLabel('Grantee').selectOption({ label: 'Healthchain General Hospital (Hospital)' });
    assert.ok(await consent.getByLabel('Lab result').isChecked());
    assert.ok(await consent.getByLabel('Read').isChecked());
    await consent.getByLabel('Purpose').selectOption('Treatment');
    // A sensitive category needs an explicit choice, with a warning.
    await consent.getByLabel('Mental health (sensitive)').check();
    await consent.getByRole('alert').filter({ hasText: 'sensitive' }).waitFor();
    assert.ok(await consent.getByRole('button', { name: 'Grant' }).isDisabled(), 'not without confirming the sensitive category');
    await consent.getByLabel('Mental health (sensitive)').uncheck();
    await consent.getByRole('button', { name: 'Grant' }).click();
    await finalized(consent);
    await consent.locator('tr[data-grant]').filter({ hasText: 'Healthchain General Hospital' }).waitFor();

    // The clinician's key is published: the patient wraps the record's key to it.
    const records = section(patient, 'My records');
    await records.locator(`tr[data-record="${recordId}"]`).getByRole('button', { name: 'Share key' }).click();
    await records.getByLabel("Recipient's account").fill(accounts.clinician.address);
    await records.getByRole('button', { name: 'Share', exact: true }).click();
    await finalized(records);
    await shot(patient, 'patient');

    const onChain = (await api.call.recordsApi.record(Number(recordId))).toJSON().live;
    assert.equal(onChain.category, 'LabResult');
    assert.deepEqual(onChain.locator, { contentHash: null });
    assert.equal(onChain.envelopes.length, 2, 'the patient’s and the clinician’s wrapped keys');
  });

  test('2. the clinician opens it and sees exactly the patient’s content', async () => {
    assert.ok(recordId, 'needs the first test');
    const clinician = pages.clinician;
    await clinician.reload();
    await clinician.getByTestId('chain-status').filter({ hasText: 'finalized #' }).waitFor();
    const patients = section(clinician, 'Patients who granted me');
    await patients.locator(`tr[data-patient="${accounts.patient.address}"]`).getByRole('button', { name: 'Records' }).click();
    await patients.locator(`tr[data-record="${recordId}"]`).getByRole('button', { name: 'Open' }).click();
    await clinician.getByTestId('record-text').or(patients.locator('[role=alert][data-error]')).first().waitFor();
    if (await patients.locator('[role=alert][data-error]').count()) assert.fail(await patients.locator('[role=alert][data-error]').first().textContent());
    const text = await clinician.getByTestId('record-text').textContent();
    assert.deepEqual(JSON.parse(text), OBSERVATION);
    assert.match(await clinician.getByTestId('record-content').textContent(), /through consent/);
    await shot(clinician, 'clinician-record');
  });

  test('3. the patient sees that access in the log, then revokes', async () => {
    assert.ok(recordId, 'needs the first test');
    // On another browser, from the backup: the patient opens their own record.
    const patient = (pages.patient = await open('//Patient', 'patient'));
    await section(patient, 'My encryption key').getByText('This browser holds no key').waitFor();
    await section(patient, 'My encryption key').getByLabel('Import key').setInputFiles(join(files, 'patient-key.json'));
    await section(patient, 'My encryption key').getByTestId('key-state').filter({ hasText: 'Ready' }).waitFor();
    await section(patient, 'My records').locator(`tr[data-record="${recordId}"]`).getByRole('button', { name: 'Open' }).click();
    assert.deepEqual(JSON.parse(await patient.getByTestId('record-text').textContent()), OBSERVATION);

    const log = section(patient, 'Who accessed my data');
    await log.getByRole('button', { name: 'Refresh' }).click();
    const entry = log.getByRole('table', { name: 'Access log' }).locator(`tr[data-log-record="${recordId}"]`).first();
    await entry.waitFor();
    const described = await entry.textContent();
    assert.match(described, /Treatment/);
    assert.match(described, /consent #\d+/);
    await log.getByRole('table', { name: 'Vault release log' }).getByText('released').first().waitFor();
    await shot(patient, 'patient-access-log');

    const consent = section(patient, 'Consent');
    await consent.locator('tr[data-grant]').filter({ hasText: 'Healthchain General Hospital' }).getByRole('button', { name: 'Revoke' }).click();
    await finalized(consent);
    await consent.getByText('You have granted nothing.').waitFor();
  });

  test('4. the clinician’s next open fails with a message that says the consent was revoked', async () => {
    assert.ok(recordId, 'needs the first test');
    const clinician = pages.clinician;
    const patients = section(clinician, 'Patients who granted me');
    await patients.locator(`tr[data-record="${recordId}"]`).getByRole('button', { name: 'Open' }).click();
    const error = patients.locator('[role=alert][data-error]').first();
    await error.waitFor();
    assert.equal(await error.getAttribute('data-error'), 'records.AccessDenied(Revoked)');
    assert.match(await error.textContent(), /revoked by the patient/);
    assert.equal(await clinician.getByTestId('record-content').count(), 0, 'nothing is shown');
    await shot(clinician, 'clinician-revoked');
    assert.deepEqual([...pages.patient.problems, ...clinician.problems], [], 'no script error in the pages');
  });

  test('5. a pharmacist verifies a good pack and a recalled one', async () => {
    const { manufacturer, regulator } = accounts;
    const send = async (tx, signer) => {
      const result = await submitAndWatch(tx, signer, node);
      assertSuccess(api, result);
      return result;
    };
    await send(api.tx.drugLots.registerProduct(stringToHex(GTIN), stringToHex('Aspirin 75 mg tablets')), manufacturer);
    for (const lot of ['LOT-GOOD', 'LOT-BAD']) {
      await send(api.tx.drugLots.commissionLot(stringToHex(GTIN), stringToHex(lot), { year: 2030, month: 12, day: 31 }, 100, root(SERIALS)), manufacturer);
    }
    const recalled = await send(api.tx.drugLots.recall(stringToHex(GTIN), stringToHex('LOT-BAD'), `0x${'22'.repeat(32)}`), regulator);
    await waitForFinalized(api, recalled.blockHash, node);

    const pharmacy = await open('//Pharmacy', 'dispenser');
    const verify = section(pharmacy, 'Verify a pack');
    // A scanner types the pack's GS1 element string; the form takes its fields from it.
    await verify.getByLabel('Scan').fill(`(01)${GTIN}(17)301231(10)LOT-GOOD(21)SN0002`);
    assert.equal(await verify.getByLabel('Lot number').inputValue(), 'LOT-GOOD');
    await verify.getByLabel('Serial proof (optional)').fill(JSON.stringify({ serial: 'SN0002', proof: proof(SERIALS, 'SN0002') }));
    await verify.getByRole('button', { name: 'Verify' }).click();
    const good = verify.locator('[data-verdict]');
    await good.waitFor();
    assert.equal(await good.getAttribute('data-verdict'), 'go');
    const said = await good.textContent();
    assert.match(said, /OK to dispense/);
    assert.match(said, /Healthchain Pharmaceuticals/);
    assert.match(said, /SN0002 belongs to this lot/);
    await shot(pharmacy, 'dispenser-ok');

    await verify.getByLabel('Lot number').fill('LOT-BAD');
    await verify.getByRole('button', { name: 'Verify' }).click();
    await verify.locator('[data-verdict=stop]').waitFor();
    assert.match(await verify.locator('[data-verdict]').textContent(), /STOP: recalled/);
    await shot(pharmacy, 'dispenser-recalled');
    assert.deepEqual(pharmacy.problems, [], 'no script error in the page');
  });
});
