//! The pallet's tests, one file per concern; `mock::run` checks the invariants after each.

mod deregister;
mod members;
mod poke_deposit;
mod queries;
mod register;
mod state;
mod suspension;
mod update_details;

use crate::{mock::*, *};

use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	sp_runtime::DispatchError,
};

pub(super) type Orgs = Pallet<Test>;

pub(super) fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

pub(super) fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

pub(super) fn register(account: u64, kind: OrganizationKind) {
	assert_ok!(Orgs::register(
		root(),
		account,
		kind,
		b"St Mary's".to_vec(),
		b"LIC-1".to_vec(),
		b"GB".to_vec()
	));
}

/// The kind of `who`, if it is an active organization.
pub(super) fn active_kind(who: u64) -> Option<OrganizationKind> {
	Orgs::standing(&who).filter(|s| s.is_active()).map(|s| s.kind)
}

/// The active organization `member` acts for, and its role.
pub(super) fn acting_for(member: u64) -> Option<(u64, MemberRole)> {
	Orgs::membership(&member).filter(|(org, _)| active_kind(*org).is_some())
}

pub(super) fn held(who: u64) -> u64 {
	Balances::balance_on_hold(
		&RuntimeHoldReason::Organizations(HoldReason::MembershipDeposit),
		&who,
	)
}
