//! The pallet's tests, one file per concern. Every test ends by checking the invariants and
//! the deposits (see `mock::run`).

mod access;
mod grant;
mod poke_deposit;
mod prune;
mod queries;
mod revoke;

use crate::{mock::*, *};

pub use polkadot_sdk::frame_support::{assert_noop, assert_ok};
pub use polkadot_sdk::sp_runtime::DispatchError;

pub type ConsentPallet = Pallet<Test>;

pub const READ: Actions = Actions { read: true, write: false };
pub const WRITE: Actions = Actions { read: false, write: true };
pub const READ_WRITE: Actions = Actions { read: true, write: true };

pub fn named(categories: &[DataCategory]) -> CategoryScope {
	CategoryScope { wildcard: false, categories: categories.to_vec().try_into().unwrap() }
}

pub fn wildcard() -> CategoryScope {
	CategoryScope { wildcard: true, categories: Default::default() }
}

/// `patient` grants `grantee` the actions on `scope` for `purpose`; returns the grant's id.
pub fn grant(
	patient: u64,
	grantee: u64,
	scope: CategoryScope,
	actions: Actions,
	purpose: Purpose,
	starts_at: Option<Moment>,
	expires_at: Option<Moment>,
) -> ConsentId {
	let id = NextConsentId::<Test>::get();
	assert_ok!(ConsentPallet::grant(
		RuntimeOrigin::signed(patient),
		grantee,
		scope,
		actions,
		purpose,
		starts_at,
		expires_at
	));
	id
}

/// The most common grant: read lab results for treatment, open-ended.
pub fn grant_lab_read(patient: u64, grantee: u64) -> ConsentId {
	grant(patient, grantee, named(&[DataCategory::LabResult]), READ, Purpose::Treatment, None, None)
}

pub fn decide(
	accessor: u64,
	category: DataCategory,
	action: Action,
	purpose: Purpose,
) -> AccessDecision {
	<ConsentPallet as AccessControl<u64>>::decide(&PATIENT, &accessor, category, action, purpose)
}

pub fn read_lab(accessor: u64) -> AccessDecision {
	decide(accessor, DataCategory::LabResult, Action::Read, Purpose::Treatment)
}

pub fn denied(reason: DenialReason) -> AccessDecision {
	AccessDecision::Denied(reason)
}

pub fn via_consent(id: ConsentId) -> AccessDecision {
	AccessDecision::Allowed(AccessVia::Consent(id))
}
