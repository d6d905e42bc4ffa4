//! The pallet's tests, one file per concern. Every test ends by checking the invariants and
//! every account's deposits (see `mock::run`).

mod deposits;
mod enrollment;
mod investigators;
mod protocol;
mod register;
mod results;
mod status;
mod submissions;

use crate::{mock::*, *};

pub use polkadot_sdk::frame_support::{assert_noop, assert_ok};
pub use polkadot_sdk::sp_runtime::DispatchResult;

pub type TrialsPallet = Pallet<Test>;

pub const TITLE: &[u8] = b"Aspirin after stroke";

pub fn hash(n: u8) -> Hash32 {
	[n; 32]
}

pub fn nct() -> Vec<(Vec<u8>, Vec<u8>)> {
	vec![(b"NCT".to_vec(), b"NCT01234567".to_vec())]
}

/// `sponsor` registers a trial for `target` participants; returns its identifier.
pub fn register_for(sponsor: u64, target: u32) -> TrialId {
	let id = NextTrialId::<Test>::get();
	assert_ok!(TrialsPallet::register_trial(
		RuntimeOrigin::signed(sponsor),
		nct(),
		TITLE.to_vec(),
		TrialPhase::Phase3,
		hash(1),
		hash(2),
		target,
		NOW + 365 * DAY
	));
	id
}

/// The sponsor registers a trial for two participants.
pub fn register() -> TrialId {
	register_for(SPONSOR, 2)
}

pub fn set_status(id: TrialId, status: TrialStatus) -> DispatchResult {
	TrialsPallet::set_status(RuntimeOrigin::signed(SPONSOR), id, status, Some(hash(9)))
}

/// A registered trial, moved to `status` along the lifecycle.
pub fn trial_in(status: TrialStatus) -> TrialId {
	trial_with(status, |_| {})
}

/// A registered trial, set up by `setup` while it is still `Registered`, then moved to
/// `status` along the lifecycle.
pub fn trial_with(status: TrialStatus, setup: impl FnOnce(TrialId)) -> TrialId {
	use TrialStatus::*;
	let id = register();
	setup(id);
	let path: &[TrialStatus] = match status {
		Registered => &[],
		Recruiting => &[Recruiting],
		ActiveNotRecruiting => &[Recruiting, ActiveNotRecruiting],
		Completed => &[Recruiting, ActiveNotRecruiting, Completed],
		Suspended => &[Recruiting, Suspended],
		Terminated => &[Terminated],
	};
	for next in path {
		assert_ok!(set_status(id, *next));
	}
	id
}

pub fn recruiting() -> TrialId {
	trial_in(TrialStatus::Recruiting)
}

pub fn enroll(who: u64, id: TrialId) -> DispatchResult {
	TrialsPallet::enroll(RuntimeOrigin::signed(who), id, hash(5))
}

pub fn add_investigator(id: TrialId, who: u64) -> DispatchResult {
	TrialsPallet::add_investigator(RuntimeOrigin::signed(SPONSOR), id, who)
}

pub fn submit(who: u64, id: TrialId, kind: SubmissionKind) -> DispatchResult {
	TrialsPallet::submit_data(RuntimeOrigin::signed(who), id, kind, hash(6), Locator::Ipfs(hash(1)))
}

pub fn trial(id: TrialId) -> TrialOf<Test> {
	Trials::<Test>::get(id).expect("a trial")
}

pub fn set_time(now: Moment) {
	Timestamp::set_timestamp(now);
}

pub fn event(e: Event<Test>) -> RuntimeEvent {
	RuntimeEvent::ClinicalTrials(e)
}
