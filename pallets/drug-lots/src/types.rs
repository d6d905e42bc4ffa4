//! The pallet's storage records.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{traits::ConstU32, BoundedVec},
	frame_system,
};
use scale_info::TypeInfo;

pub use healthchain_primitives::{
	CustodyEvent, CustodyReason, DestroyReason, LotStatus, RejectReason,
};

use crate::{CalendarDate, Config, Gtin, Hash32, Moment};

/// A lot number: 1 to 20 characters of GS1 AI 10.
pub type LotNumber = BoundedVec<u8, ConstU32<20>>;

/// A lot is identified by its product and its lot number.
pub type LotKey = (Gtin, LotNumber);

pub type ShipmentId = u64;

/// A regulator's decision on a suspect report.
#[derive(
	Copy,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum SuspectOutcome {
	/// Back to Active (or to Recalled, if it was recalled meanwhile).
	Cleared,
	/// The lot is illegitimate: it can only be returned to its manufacturer and
	/// destroyed.
	Illegitimate,
}

/// An item that holds a storage deposit from its manufacturer.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum DepositItem {
	/// The product registered under this GTIN.
	Product(Gtin),
	/// The lot of this product and lot number.
	Lot(LotKey),
}

#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Product<AccountId, Name, Ticket> {
	pub manufacturer: AccountId,
	/// The public product name, never about a person.
	pub name: Name,
	pub registered_at: Moment,
	/// The storage deposit, held from the manufacturer.
	pub deposit: Ticket,
}

#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Lot<AccountId, Ticket> {
	pub manufacturer: AccountId,
	pub expiry: CalendarDate,
	/// How many units were commissioned.
	pub quantity: u64,
	/// The Merkle root of the lot's serial numbers (see `healthchain_primitives::serials`).
	pub serials_root: Option<Hash32>,
	pub status: LotStatus,
	/// The status to return to when a suspect report is cleared.
	pub status_before_suspect: Option<LotStatus>,
	pub commissioned_at: Moment,
	pub in_transit: u64,
	pub dispensed: u64,
	pub destroyed: u64,
	/// How many accounts hold some of it.
	pub holders: u32,
	/// How many of its shipments are in transit. Each keeps a holder's place free, for its
	/// recipient or, if rejected or cancelled, its sender: receiving, rejecting and cancelling
	/// never fail for want of room.
	pub shipments: u32,
	/// The position its next history entry takes; the history keeps the latest
	/// `MaxHistoryPerLot` entries.
	pub history: u32,
	/// Who reported it suspect, while a report awaits a regulator.
	pub reporter: Option<AccountId>,
	/// The storage deposit, held from the manufacturer.
	pub deposit: Ticket,
}

/// What changes a lot's status. Custody moves (shipping, dispensing, destroying) never do.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum LotChange {
	Recall,
	ReportSuspect,
	/// A regulator cleared the report: back to the status before it.
	Clear,
	/// A regulator found the lot illegitimate.
	FindIllegitimate,
}

/// Why a lot's status cannot change so.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum LotChangeRefused {
	AlreadyRecalled,
	AlreadySuspect,
	NotSuspect,
}

impl<AccountId, Ticket> Lot<AccountId, Ticket> {
	/// Whether the lot is recalled, or will be once a pending report is cleared.
	pub fn recalled(&self) -> bool {
		match self.status {
			LotStatus::Recalled | LotStatus::Illegitimate => true,
			LotStatus::Suspect => self.status_before_suspect == Some(LotStatus::Recalled),
			LotStatus::Active => false,
		}
	}

	/// The lot's one transition function, and the only place its lifecycle is written:
	/// - Active → Recalled; Active or Recalled → Suspect, which remembers where it came from;
	/// - Suspect → back where it came from (cleared), or → Illegitimate, which is final;
	/// - a suspect lot recalled stays Suspect under its report, and is Recalled if cleared.
	pub fn change(&mut self, change: LotChange) -> Result<(), LotChangeRefused> {
		use LotStatus::*;
		match change {
			LotChange::Recall => {
				if self.recalled() {
					return Err(LotChangeRefused::AlreadyRecalled);
				}
				match self.status {
					Suspect => self.status_before_suspect = Some(Recalled),
					_ => self.status = Recalled,
				}
			},
			LotChange::ReportSuspect => {
				if matches!(self.status, Suspect | Illegitimate) {
					return Err(LotChangeRefused::AlreadySuspect);
				}
				self.status_before_suspect = Some(self.status);
				self.status = Suspect;
			},
			LotChange::Clear | LotChange::FindIllegitimate => {
				if self.status != Suspect {
					return Err(LotChangeRefused::NotSuspect);
				}
				let before = self.status_before_suspect.take().unwrap_or(Active);
				self.status = if change == LotChange::Clear { before } else { Illegitimate };
			},
		}
		Ok(())
	}
}

#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Shipment<AccountId> {
	pub lot: LotKey,
	pub from: AccountId,
	pub to: AccountId,
	pub quantity: u64,
	pub shipped_at: Moment,
}

#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct HistoryEntry<AccountId> {
	pub at: Moment,
	pub event: CustodyEvent,
	/// Why, for a rejection or a destruction; `None` for every other event.
	pub reason: Option<CustodyReason>,
	pub from: Option<AccountId>,
	pub to: Option<AccountId>,
	pub quantity: u64,
}

pub type AccountIdOf<T> = <T as frame_system::Config>::AccountId;
pub type ProductOf<T> =
	Product<AccountIdOf<T>, BoundedVec<u8, <T as Config>::MaxNameLength>, TicketOf<T>>;
pub type LotOf<T> = Lot<AccountIdOf<T>, TicketOf<T>>;
pub type ShipmentOf<T> = Shipment<AccountIdOf<T>>;
pub type HistoryEntryOf<T> = HistoryEntry<AccountIdOf<T>>;
pub type TicketOf<T> = <T as Config>::Consideration;
