// Trials end to end, a researcher's day: the demo sponsor registers a trial and names the demo
// investigator; the trial recruits; two patients enroll and one withdraws; the investigator
// submits interim data and an adverse event; the trial completes and the sponsor publishes
// results; the node's RPC shows all of it; a non-investigator's submission is refused.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { blake2AsHex } from '@polkadot/util-crypto';
import { stringToHex } from '@polkadot/util';

import { assertFailedWith, assertSuccess, eventsOf } from './lib/chain.js';
import { connect, devAccounts, startDevNode, stopNode, submitAndWatch } from './lib/node.js';
import { healthchainRpc } from './lib/rpc.js';

const hash = (text) => blake2AsHex(text, 256);

describe('Trials', () => {
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

  const send = async (tx, signer) => {
    const result = await submitAndWatch(tx, signer, node);
    assertSuccess(api, result);
    return result;
  };

  test("a researcher's day", async () => {
    const { sponsor, investigator, patient, dave, clinician } = accounts;
    const plannedCompletion = Date.now() + 365 * 24 * 3600 * 1000;

    // 1. The sponsor registers a trial and names the investigator.
    const registered = await send(
      api.tx.trials.registerTrial(
        [[stringToHex('NCT'), stringToHex('NCT01234567')]],
        stringToHex('Aspirin after minor stroke'),
        'Phase3',
        hash('protocol v1'),
        hash('primary outcomes'),
        10,
        plannedCompletion,
      ),
      sponsor,
    );
    const [[, data]] = eventsOf(registered.events, 'trials').filter(([name]) => name === 'TrialRegistered');
    const trialId = data.trialId.toNumber();
    await send(api.tx.trials.addInvestigator(trialId, investigator.address), sponsor);

    // 2. Recruiting.
    await send(api.tx.trials.setStatus(trialId, 'Recruiting', null), sponsor);

    // 3. Two patients enroll; one withdraws.
    await send(api.tx.trials.enroll(trialId, hash('consent form v1')), patient);
    await send(api.tx.trials.enroll(trialId, hash('consent form v1')), dave);
    await send(api.tx.trials.withdraw(trialId), dave);

    // 4. Interim data and an adverse event.
    await send(api.tx.trials.submitData(trialId, 'Interim', hash('interim'), 'ContentHash'), investigator);
    const adverse = await send(
      api.tx.trials.submitData(trialId, { AdverseEvent: { severity: 'Severe' } }, hash('ae-1'), { Ipfs: hash('ae-1') }),
      investigator,
    );
    assert.ok(eventsOf(adverse.events, 'trials').some(([name]) => name === 'TrialDataSubmitted'));

    // A non-investigator is refused with the named error.
    const refused = await submitAndWatch(
      api.tx.trials.submitData(trialId, 'Interim', hash('x'), 'ContentHash'),
      clinician,
      node,
    );
    assertFailedWith(api, refused, 'trials.NotInvestigator');

    // 5. Completion and results.
    await send(api.tx.trials.setStatus(trialId, 'ActiveNotRecruiting', null), sponsor);
    await send(api.tx.trials.setStatus(trialId, 'Completed', null), sponsor);
    await send(api.tx.trials.publishResults(trialId, hash('results'), 'ContentHash'), sponsor);

    // 6. The RPC shows all of it.
    const trial = (await api.rpc.trials.get(trialId)).unwrap().toJSON();
    assert.equal(trial.sponsor, sponsor.address);
    assert.equal(trial.title, 'Aspirin after minor stroke');
    assert.deepEqual(trial.registryIds, [{ registry: 'NCT', id: 'NCT01234567' }]);
    assert.equal(trial.phase, 'Phase3');
    assert.equal(trial.status, 'Completed');
    assert.equal(trial.enrolled, 1);
    assert.equal(trial.withdrawn, 1);
    assert.deepEqual(trial.investigators, [investigator.address]);
    assert.equal(trial.submissions, 2);
    assert.equal(trial.results.length, 1);
    assert.equal(trial.results[0].resultsHash, hash('results'));
    assert.equal(trial.resultsOverdue, false);
    assert.ok(trial.completedAt >= trial.registeredAt);

    const history = (await api.rpc.trials.protocolHistory(trialId)).toJSON();
    assert.deepEqual(history.map(({ version, protocolHash }) => [version, protocolHash]), [[1, hash('protocol v1')]]);
    const submissions = (await api.rpc.trials.submissions(trialId)).toJSON();
    assert.deepEqual(submissions.items.map(({ kind }) => kind), [{ interim: null }, { adverseEvent: { severity: 'Severe' } }]);
    const mine = (await api.rpc.trials.bySponsor(sponsor.address)).toJSON();
    assert.ok(mine.items.some(({ id }) => id === trialId));
    const enrollment = (await api.rpc.trials.enrollment(trialId, dave.address)).toJSON();
    assert.ok(enrollment.withdrawnAt);
    assert.equal((await api.rpc.trials.overdueResults()).toJSON().items.length, 0);
  });
});
