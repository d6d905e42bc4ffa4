// Organizations and Consent end to end, as a dApp drives them: sudo registers an organization,
// it adds a clinician, a patient grants and revokes, and the node's RPC gives the access
// decision at each step.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertFailedWith, assertSuccess, eventsOf } from './lib/chain.js';
import { connect, devAccounts, startDevNode, stopNode, submitAndWatch } from './lib/node.js';
import { healthchainRpc } from './lib/rpc.js';

describe('Organizations and Consent', () => {
  let node;
  let api;
  let accounts;

  before(async () => {
    accounts = await devAccounts();
    node = await startDevNode();
    api = await connect(node, { rpc: healthchainRpc });
  });

  after(async () => {
    await api?.disconnect();
    if (node) await stopNode(node, 'SIGINT');
  });

  test('the development genesis has the demo organizations', async () => {
    const { hospital, clinician, regulator } = accounts;
    const details = (await api.rpc.organizations.get(hospital.address)).unwrap().toJSON();
    assert.equal(details.account, hospital.address);
    assert.equal(details.kind, 'Hospital');
    assert.equal(details.name, 'Healthchain General Hospital');
    assert.equal(details.license, 'HOSP-GB-0001');
    assert.equal(details.jurisdiction, 'GB');
    assert.equal(details.status, 'Active');
    assert.equal(details.memberCount, 1);

    const membership = (await api.rpc.organizations.membership(clinician.address)).unwrap().toJSON();
    assert.deepEqual(
      { organization: membership.organization, role: membership.role, active: membership.active },
      { organization: hospital.address, role: 'Clinician', active: true },
    );
    assert.equal((await api.rpc.organizations.get(regulator.address)).unwrap().toJSON().kind, 'Regulator');
    assert.ok((await api.rpc.organizations.get(accounts.ferdie.address)).isNone);
  });

  test('register, add a clinician, grant, check, revoke, check again', async () => {
    const { alice, dave: clinic, eve: clinician, ferdie: patient, charlie: stranger } = accounts;

    // 1. Sudo (the registrar) registers an organization.
    const registered = await submitAndWatch(
      api.tx.sudo.sudo(api.tx.organizations.register(clinic.address, 'Clinic', 'Dave Clinic', 'CL-0042', 'GB')),
      alice,
      node,
    );
    assertSuccess(api, registered);
    const [[name, data]] = eventsOf(registered.events, 'organizations');
    assert.equal(name, 'OrganizationRegistered');
    assert.equal(data.organization.toString(), clinic.address);
    assert.equal(data.kind.toString(), 'Clinic');

    // 2. The organization adds a clinician.
    const added = await submitAndWatch(api.tx.organizations.addMember(clinician.address, 'Clinician'), clinic, node);
    assertSuccess(api, added);
    assert.deepEqual(eventsOf(added.events, 'organizations').map(([n]) => n), ['MemberAdded']);
    const membership = (await api.rpc.organizations.membership(clinician.address)).unwrap().toJSON();
    assert.equal(membership.organization, clinic.address);

    // 3. The patient grants Read on LabResult to the organization, for treatment.
    const granted = await submitAndWatch(
      api.tx.consent.grant(
        clinic.address,
        { wildcard: false, categories: ['LabResult'] },
        { read: true, write: false },
        'Treatment',
        null,
        null,
      ),
      patient,
      node,
    );
    assertSuccess(api, granted);
    const [[grantedName, grantedData]] = eventsOf(granted.events, 'consent');
    assert.equal(grantedName, 'ConsentGranted');
    assert.equal(grantedData.patient.toString(), patient.address);
    assert.equal(grantedData.grantee.toString(), clinic.address);
    const consentId = grantedData.consentId.toNumber();
    // The deposit is held from the patient.
    const held = eventsOf(granted.events, 'balances').find(([n]) => n === 'Held');
    assert.ok(held, 'the grant holds a deposit');
    assert.equal(held[1].who.toString(), patient.address);

    // 4. The access decision allows the clinician, through the grant.
    // polkadot.js sends every argument it is given: leave `at` out, not undefined, for the best block.
    const check = (...at) =>
      api.rpc.consent.checkAccess(patient.address, clinician.address, 'LabResult', 'Read', 'Treatment', ...at);
    assert.deepEqual((await check(granted.blockHash)).toJSON(), { allowed: { consent: consentId } });
    // The runtime API, decoded by polkadot.js from the metadata alone, gives the same JSON.
    const viaRuntimeApi = await (await api.at(granted.blockHash)).call.consentApi.checkAccess(
      patient.address, clinician.address, 'LabResult', 'Read', 'Treatment');
    assert.deepEqual(viaRuntimeApi.toJSON(), (await check(granted.blockHash)).toJSON());
    assert.deepEqual(
      (await api.rpc.consent.checkAccess(patient.address, clinician.address, 'Genomic', 'Read', 'Treatment')).toJSON(),
      { denied: 'CategoryNotCovered' },
    );
    const byGrantee = (await api.rpc.consent.byGrantee(clinic.address)).toJSON();
    assert.deepEqual(byGrantee.items.map((g) => g.id), [consentId]);
    assert.equal(byGrantee.items[0].patient, patient.address);
    assert.deepEqual(byGrantee.items[0].categories, { wildcard: false, categories: ['LabResult'] });
    assert.equal(byGrantee.next, null);
    const byPatient = (await api.rpc.consent.byPatient(patient.address, null, 10)).toJSON();
    assert.deepEqual(byPatient.items.map((g) => g.id), [consentId]);

    // 6. Anyone but the patient is refused with the pallet's named error.
    const refused = await submitAndWatch(api.tx.consent.revoke(consentId), stranger, node);
    assertFailedWith(api, refused, 'consent.NotPatient');

    // 5. The patient revokes: from that block on, access is denied as revoked.
    const revoked = await submitAndWatch(api.tx.consent.revoke(consentId), patient, node);
    assertSuccess(api, revoked);
    assert.deepEqual(eventsOf(revoked.events, 'consent').map(([n]) => n), ['ConsentRevoked']);
    assert.deepEqual((await check(revoked.blockHash)).toJSON(), { denied: 'Revoked' });
    assert.deepEqual((await check()).toJSON(), { denied: 'Revoked' });
    // The grant was live at its own block and is gone now.
    assert.deepEqual((await check(granted.blockHash)).toJSON(), { allowed: { consent: consentId } });
    assert.deepEqual((await api.rpc.consent.byPatient(patient.address)).toJSON().items, []);
  });

  test('the RPC refuses malformed parameters with a clear error', async () => {
    const { ferdie: patient, eve } = accounts;
    await assert.rejects(
      api.rpc.consent.checkAccess(patient.address, eve.address, 'NotACategory', 'Read', 'Treatment'),
      /NotACategory|unknown variant/,
    );
  });
});
