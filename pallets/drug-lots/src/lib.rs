//! # DrugLots pallet
//!
//! Drug-lot tracking after GS1 EPCIS 2.0 events (commissioning, shipping, receiving,
//! dispensing, destroying) and US DSCSA: products by GTIN-14, lots by (GTIN, lot number),
//! two-step custody, dispensing, recall, suspect and illegitimate product, verification.
//!
//! ## Terminology
//!
//! - **Manufacturer**: an active `Manufacturer` organization; registers its products and
//!   commissions their lots.
//! - **Trading partner**: an active Distributor, Pharmacy, Hospital, Clinic or Manufacturer.
//! - **Holder**: a trading partner holding some of a lot's quantity.
//! - **Shipment**: quantity in transit from a holder to a trading partner, until the
//!   recipient receives or rejects it.
//!
//! ## Assumptions
//!
//! - Quantities are conserved: for every lot, commissioned = held + in transit + dispensed +
//!   destroyed, checked by `try_state`.
//! - A lot expires at the end of its expiry date, UTC.
//!
//! ## Who may act
//!
//! Every check goes through the registry's one rule (`OrganizationRegistry::authorize`):
//! registering products and commissioning lots needs an active Manufacturer, moving stock an
//! active trading partner, dispensing an active Pharmacy, Hospital or Clinic, and resolving
//! suspect reports an active Regulator. Safety always goes through:
//! - the lot's manufacturer recalls it whatever its own standing, and so does any active
//!   regulator;
//! - a holder whose organization is suspended or deregistered may still return stock to the
//!   lot's manufacturer, reject shipments sent to it and cancel its own shipments; it can do
//!   nothing else with the stock. A return is accepted by the manufacturer in any standing, so
//!   recalled stock can always go home, and the manufacturer may destroy its own lot's stock
//!   in any standing;
//! - the custody history keeps the latest `MaxHistoryPerLot` entries, so it never blocks a
//!   call (the events are the complete record), and a shipment in transit keeps its holder's
//!   place, so receiving, rejecting or cancelling it never fails for want of room.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod mock;
mod queries;
#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests;
mod types;
pub mod weights;

use alloc::vec::Vec;

use polkadot_sdk::sp_runtime;
use polkadot_sdk::{frame_support, frame_system};

use frame_support::{
	pallet_prelude::*,
	traits::{Consideration, Footprint, Time},
};
use frame_system::pallet_prelude::*;
use healthchain_primitives::deposit::reprice;

pub use healthchain_primitives::{
	is_valid_lot_number, Actor, CalendarDate, Capability, Gtin, Hash32, Moment, OrganizationKind,
	OrganizationRegistry, Page, Refusal,
};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// Bumped by every change of the storage layout, with its migration.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		type Organizations: OrganizationRegistry<Self::AccountId>;
		type Time: Time<Moment = Moment>;
		type Consideration: Consideration<Self::AccountId, Footprint>;
		#[pallet::constant]
		type MaxNameLength: Get<u32>;
		/// The most holders a lot may have at once, counting the recipients of its shipments
		/// in transit.
		#[pallet::constant]
		type MaxHoldersPerLot: Get<u32>;
		/// How many of its latest events a lot's custody history keeps.
		#[pallet::constant]
		type MaxHistoryPerLot: Get<u32>;
		type WeightInfo: WeightInfo;
	}

	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit of a product or a lot, held from its manufacturer.
		StorageDeposit,
	}

	/// Every registered product, by GTIN, with its deposit.
	#[pallet::storage]
	pub type Products<T: Config> = StorageMap<_, Blake2_128Concat, Gtin, ProductOf<T>>;

	/// Every commissioned lot, by GTIN and lot number, with its deposit.
	#[pallet::storage]
	pub type Lots<T: Config> = StorageMap<_, Blake2_128Concat, LotKey, LotOf<T>>;

	/// What each holder holds of each lot; absent when nothing.
	#[pallet::storage]
	pub type Holdings<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, LotKey, Blake2_128Concat, T::AccountId, u64>;

	/// The identifier the next shipment gets.
	#[pallet::storage]
	pub type NextShipmentId<T: Config> = StorageValue<_, ShipmentId, ValueQuery>;

	/// Shipments in transit.
	#[pallet::storage]
	pub type Shipments<T: Config> = StorageMap<_, Twox64Concat, ShipmentId, ShipmentOf<T>>;

	/// Shipments in transit, by recipient.
	#[pallet::storage]
	pub type PendingShipments<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ShipmentId, ()>;

	/// Each lot's custody history, by position.
	#[pallet::storage]
	pub type History<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, LotKey, Twox64Concat, u32, HistoryEntryOf<T>>;

	/// The lots of each manufacturer, for lookups by manufacturer.
	#[pallet::storage]
	pub type LotsByManufacturer<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Blake2_128Concat, LotKey, ()>;

	/// Who reported a lot suspect and saw the report cleared: they may not report it again.
	#[pallet::storage]
	pub type ClearedReports<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, LotKey, Blake2_128Concat, T::AccountId, ()>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A manufacturer registered a product under its GTIN.
		ProductRegistered { gtin: Gtin, manufacturer: T::AccountId },
		/// The product's manufacturer commissioned a lot, and holds all of its `quantity`.
		LotCommissioned {
			lot: LotKey,
			manufacturer: T::AccountId,
			quantity: u64,
			expiry: CalendarDate,
		},
		/// `from` shipped `quantity` of the lot to `to`; it is in transit until received,
		/// rejected or cancelled.
		Shipped {
			shipment_id: ShipmentId,
			lot: LotKey,
			from: T::AccountId,
			to: T::AccountId,
			quantity: u64,
		},
		/// The recipient received a shipment: the quantity is now its stock.
		Received { shipment_id: ShipmentId, lot: LotKey, by: T::AccountId, quantity: u64 },
		/// The recipient rejected a shipment, for `reason`: the quantity returned to the sender.
		Rejected {
			shipment_id: ShipmentId,
			lot: LotKey,
			by: T::AccountId,
			quantity: u64,
			reason: RejectReason,
		},
		/// A pharmacy, hospital or clinic dispensed `quantity` of its stock to patients.
		Dispensed { lot: LotKey, by: T::AccountId, quantity: u64 },
		/// A holder destroyed `quantity` of its stock, for `reason`.
		Destroyed { lot: LotKey, by: T::AccountId, quantity: u64, reason: DestroyReason },
		/// The lot was recalled; `holders` are everyone holding some of it now.
		LotRecalled {
			lot: LotKey,
			by: T::AccountId,
			reason_hash: Hash32,
			holders: Vec<T::AccountId>,
		},
		/// The lot was reported suspect (DSCSA): it cannot be shipped or dispensed until a
		/// regulator resolves the report.
		SuspectReported { lot: LotKey, by: T::AccountId, reason_hash: Hash32 },
		/// A regulator resolved a suspect report: cleared, or the lot is illegitimate.
		SuspectResolved { lot: LotKey, by: T::AccountId, outcome: SuspectOutcome },
		/// The sender took back a shipment before it was received.
		ShipmentCancelled { shipment_id: ShipmentId, lot: LotKey, by: T::AccountId, quantity: u64 },
		/// The manufacturer had the deposit of a product or a lot re-priced at the current
		/// price.
		DepositPoked { who: T::AccountId, item: DepositItem },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The GTIN is not 14 digits with a valid GS1 check digit.
		InvalidGtin,
		/// The lot number is not 1 to 20 characters of the GS1 set (AI 10).
		InvalidLotNumber,
		/// The expiry is not a valid calendar date.
		InvalidExpiry,
		/// The product's name is empty.
		EmptyName,
		/// The product's name is longer than `MaxNameLength` bytes.
		NameTooLong,
		/// Only an active manufacturer may do this.
		NotManufacturer,
		/// Only the product's manufacturer commissions its lots.
		NotProductManufacturer,
		/// A product with this GTIN, or a lot with this number, exists already.
		AlreadyExists,
		/// No product has this GTIN.
		UnknownProduct,
		/// No lot of this product has this number.
		UnknownLot,
		/// The quantity is zero.
		ZeroQuantity,
		/// The caller holds less than the quantity.
		InsufficientStock,
		/// The account is not an active trading partner (Manufacturer, Distributor, Pharmacy,
		/// Hospital or Clinic), or the recipient is not.
		NotTradingPartner,
		/// The caller's organization is suspended.
		OrganizationSuspended,
		/// The caller's organization was deregistered.
		OrganizationDeregistered,
		/// Shipping to oneself moves nothing.
		SelfShipment,
		/// The lot is recalled, suspect or illegitimate: only a return to its manufacturer.
		LotNotShippable,
		/// The lot is recalled, suspect or illegitimate.
		LotNotDispensable,
		/// The lot's expiry date has passed: it is not commissioned, shipped (except back to
		/// its manufacturer) or dispensed.
		LotExpired,
		/// Only a pharmacy, hospital or clinic dispenses.
		NotDispenser,
		/// No shipment in transit has this identifier.
		UnknownShipment,
		/// Only the shipment's recipient receives or rejects it.
		NotRecipient,
		/// Only the sender cancels a shipment.
		NotSender,
		/// The lot has `MaxHoldersPerLot` holders and shipments in transit.
		TooManyHolders,
		/// Only the lot's manufacturer or an active regulator recalls.
		NotManufacturerOrRegulator,
		/// The lot is recalled already.
		AlreadyRecalled,
		/// Only an active regulator resolves a suspect report.
		NotRegulator,
		/// The lot is not under a suspect report.
		NotSuspect,
		/// The lot is already under a suspect report or illegitimate.
		AlreadySuspect,
		/// Only a holder of the lot, its manufacturer or a regulator reports it suspect.
		NoCustody,
		/// The caller's earlier report on this lot was cleared; it may not report it again.
		AlreadyReported,
		/// Shipment identifiers are exhausted.
		ShipmentIdOverflow,
		/// Only the manufacturer a deposit is held from pokes it.
		NotDepositor,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a product by GTIN-14. Holds its deposit from the manufacturer.
		///
		/// Origin: an active manufacturer. Emits `ProductRegistered`. O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_product())]
		pub fn register_product(
			origin: OriginFor<T>,
			gtin: Vec<u8>,
			name: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::authorize(&who, Capability::Manufacture, Error::<T>::NotManufacturer)?;
			let gtin = Gtin::parse(&gtin).ok_or(Error::<T>::InvalidGtin)?;
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			let name = name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
			ensure!(!Products::<T>::contains_key(gtin), Error::<T>::AlreadyExists);
			let deposit = T::Consideration::new(&who, Self::product_footprint())?;
			Products::<T>::insert(
				gtin,
				Product { manufacturer: who.clone(), name, registered_at: T::Time::now(), deposit },
			);
			Self::deposit_event(Event::ProductRegistered { gtin, manufacturer: who });
			Ok(())
		}

		/// Commissions a lot of the caller's product: the whole quantity is held by the
		/// manufacturer. Holds the lot's deposit.
		///
		/// Origin: the product's manufacturer, while active. Emits `LotCommissioned`. O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::commission_lot())]
		pub fn commission_lot(
			origin: OriginFor<T>,
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			expiry: CalendarDate,
			quantity: u64,
			serials_root: Option<Hash32>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let key = Self::lot_key(&gtin, &lot_number)?;
			let product = Products::<T>::get(key.0).ok_or(Error::<T>::UnknownProduct)?;
			ensure!(product.manufacturer == who, Error::<T>::NotProductManufacturer);
			Self::authorize(&who, Capability::Manufacture, Error::<T>::NotManufacturer)?;
			ensure!(expiry.is_valid(), Error::<T>::InvalidExpiry);
			let now = T::Time::now();
			// Nothing already expired enters the supply chain.
			ensure!(now < expiry.end_of_day_ms(), Error::<T>::LotExpired);
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			ensure!(!Lots::<T>::contains_key(&key), Error::<T>::AlreadyExists);
			let deposit = T::Consideration::new(&who, Self::lot_footprint())?;
			let mut lot = Lot {
				manufacturer: who.clone(),
				expiry,
				quantity,
				serials_root,
				status: LotStatus::Active,
				status_before_suspect: None,
				commissioned_at: now,
				in_transit: 0,
				dispensed: 0,
				destroyed: 0,
				holders: 0,
				shipments: 0,
				history: 0,
				reporter: None,
				deposit,
			};
			Self::credit(&key, &mut lot, &who, quantity);
			Self::record(&key, &mut lot, CustodyEvent::Commissioned, None, Some(&who), quantity);
			Lots::<T>::insert(&key, lot);
			LotsByManufacturer::<T>::insert(&who, &key, ());
			Self::deposit_event(Event::LotCommissioned {
				lot: key,
				manufacturer: who,
				quantity,
				expiry,
			});
			Ok(())
		}

		/// Ships `quantity` of the lot to `to`: it leaves the caller's holding and is in
		/// transit until `to` receives or rejects it, or the caller cancels it.
		///
		/// Origin: a holder with enough stock, an active trading partner, and `to` must be one
		/// too. A return to the lot's manufacturer is always possible, whatever the standing of
		/// either: a recalled, suspect or illegitimate lot may only be returned. Emits
		/// `Shipped`. O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::ship())]
		pub fn ship(
			origin: OriginFor<T>,
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			to: T::AccountId,
			quantity: u64,
		) -> DispatchResult {
			let from = ensure_signed(origin)?;
			let key = Self::lot_key(&gtin, &lot_number)?;
			let mut lot = Lots::<T>::get(&key).ok_or(Error::<T>::UnknownLot)?;
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			ensure!(to != from, Error::<T>::SelfShipment);
			let returning = to == lot.manufacturer;
			if !returning {
				Self::authorize(&from, Capability::Trade, Error::<T>::NotTradingPartner)?;
				T::Organizations::authorize(&to, Capability::Trade)
					.map_err(|_| Error::<T>::NotTradingPartner)?;
			}
			ensure!(lot.status == LotStatus::Active || returning, Error::<T>::LotNotShippable);
			let now = T::Time::now();
			// Expired stock only goes back to its manufacturer, for destruction.
			ensure!(returning || !Self::is_expired(&lot, now), Error::<T>::LotExpired);
			Self::debit(&key, &mut lot, &from, quantity)?;
			// The shipment keeps a holder's place for whoever ends up with its quantity.
			ensure!(
				lot.holders.saturating_add(lot.shipments) < T::MaxHoldersPerLot::get(),
				Error::<T>::TooManyHolders
			);
			lot.shipments = lot.shipments.saturating_add(1);
			let shipment_id = NextShipmentId::<T>::get();
			let next = shipment_id.checked_add(1).ok_or(Error::<T>::ShipmentIdOverflow)?;
			NextShipmentId::<T>::put(next);
			lot.in_transit = lot.in_transit.saturating_add(quantity);
			Self::record(&key, &mut lot, CustodyEvent::Shipped, Some(&from), Some(&to), quantity);
			Shipments::<T>::insert(
				shipment_id,
				Shipment {
					lot: key.clone(),
					from: from.clone(),
					to: to.clone(),
					quantity,
					shipped_at: now,
				},
			);
			PendingShipments::<T>::insert(&to, shipment_id, ());
			Lots::<T>::insert(&key, lot);
			Self::deposit_event(Event::Shipped { shipment_id, lot: key, from, to, quantity });
			Ok(())
		}

		/// Receives a shipment: its quantity joins the caller's holding.
		///
		/// Origin: the shipment's recipient, an active trading partner; the lot's manufacturer
		/// receives in any standing. Emits `Received`. O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::receive())]
		pub fn receive(origin: OriginFor<T>, shipment_id: ShipmentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (shipment, mut lot) = Self::take_shipment(shipment_id, &who)?;
			if who != lot.manufacturer {
				Self::authorize(&who, Capability::Trade, Error::<T>::NotTradingPartner)?;
			}
			let key = shipment.lot.clone();
			Self::credit(&key, &mut lot, &who, shipment.quantity);
			Self::record(
				&key,
				&mut lot,
				CustodyEvent::Received,
				Some(&shipment.from),
				Some(&who),
				shipment.quantity,
			);
			Lots::<T>::insert(&key, lot);
			Self::deposit_event(Event::Received {
				shipment_id,
				lot: key,
				by: who,
				quantity: shipment.quantity,
			});
			Ok(())
		}

		/// Rejects a shipment: its quantity returns to the sender. The lot's history keeps the
		/// reason.
		///
		/// Origin: the shipment's recipient, in any standing. Emits `Rejected`. O(1).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(
			origin: OriginFor<T>,
			shipment_id: ShipmentId,
			reason: RejectReason,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (shipment, mut lot) = Self::take_shipment(shipment_id, &who)?;
			let key = shipment.lot.clone();
			Self::credit(&key, &mut lot, &shipment.from, shipment.quantity);
			Self::record_with_reason(
				&key,
				&mut lot,
				CustodyReason::Rejected(reason),
				Some(&who),
				Some(&shipment.from),
				shipment.quantity,
			);
			Lots::<T>::insert(&key, lot);
			Self::deposit_event(Event::Rejected {
				shipment_id,
				lot: key,
				by: who,
				quantity: shipment.quantity,
				reason,
			});
			Ok(())
		}

		/// Dispenses `quantity` of the lot to patients.
		///
		/// Origin: an active pharmacy, hospital or clinic holding the stock. Refused for a
		/// recalled, suspect, illegitimate or expired lot. Emits `Dispensed`. O(1).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::dispense())]
		pub fn dispense(
			origin: OriginFor<T>,
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			quantity: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let key = Self::lot_key(&gtin, &lot_number)?;
			let mut lot = Lots::<T>::get(&key).ok_or(Error::<T>::UnknownLot)?;
			Self::authorize(&who, Capability::Dispense, Error::<T>::NotDispenser)?;
			ensure!(lot.status == LotStatus::Active, Error::<T>::LotNotDispensable);
			ensure!(!Self::is_expired(&lot, T::Time::now()), Error::<T>::LotExpired);
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			Self::debit(&key, &mut lot, &who, quantity)?;
			lot.dispensed = lot.dispensed.saturating_add(quantity);
			Self::record(&key, &mut lot, CustodyEvent::Dispensed, Some(&who), None, quantity);
			Lots::<T>::insert(&key, lot);
			Self::deposit_event(Event::Dispensed { lot: key, by: who, quantity });
			Ok(())
		}

		/// Destroys `quantity` of the caller's holding. The lot's history keeps the reason.
		///
		/// Origin: a holder that is an active trading partner; the lot's manufacturer destroys
		/// in any standing. Emits `Destroyed`. O(1).
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::destroy())]
		pub fn destroy(
			origin: OriginFor<T>,
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			quantity: u64,
			reason: DestroyReason,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let key = Self::lot_key(&gtin, &lot_number)?;
			let mut lot = Lots::<T>::get(&key).ok_or(Error::<T>::UnknownLot)?;
			if who != lot.manufacturer {
				Self::authorize(&who, Capability::Trade, Error::<T>::NotTradingPartner)?;
			}
			ensure!(quantity > 0, Error::<T>::ZeroQuantity);
			Self::debit(&key, &mut lot, &who, quantity)?;
			lot.destroyed = lot.destroyed.saturating_add(quantity);
			Self::record_with_reason(
				&key,
				&mut lot,
				CustodyReason::Destroyed(reason),
				Some(&who),
				None,
				quantity,
			);
			Lots::<T>::insert(&key, lot);
			Self::deposit_event(Event::Destroyed { lot: key, by: who, quantity, reason });
			Ok(())
		}

		/// Recalls the lot. The event names every current holder. A safety action: nothing
		/// about the lot's history or holders can block it.
		///
		/// Origin: the lot's manufacturer, whatever its standing, or an active regulator.
		/// Emits `LotRecalled`. O(`MaxHoldersPerLot`).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::recall())]
		pub fn recall(
			origin: OriginFor<T>,
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			reason_hash: Hash32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let key = Self::lot_key(&gtin, &lot_number)?;
			let mut lot = Lots::<T>::get(&key).ok_or(Error::<T>::UnknownLot)?;
			ensure!(
				who == lot.manufacturer
					|| T::Organizations::authorize(&who, Capability::Regulate).is_ok(),
				Error::<T>::NotManufacturerOrRegulator
			);
			lot.change(LotChange::Recall).map_err(Error::<T>::from)?;
			Self::record(&key, &mut lot, CustodyEvent::Recalled, Some(&who), None, 0);
			let holders: Vec<_> = Holdings::<T>::iter_key_prefix(&key).collect();
			Lots::<T>::insert(&key, lot);
			Self::deposit_event(Event::LotRecalled { lot: key, by: who, reason_hash, holders });
			Ok(())
		}

		/// Reports the lot as suspect, pending a regulator's decision.
		///
		/// Origin: an active trading partner with custody of the lot (a holder of it, or its
		/// manufacturer), or an active regulator. A reporter whose earlier report on the lot
		/// was cleared may not report it again. Emits `SuspectReported`. O(1).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::report_suspect())]
		pub fn report_suspect(
			origin: OriginFor<T>,
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			reason_hash: Hash32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let key = Self::lot_key(&gtin, &lot_number)?;
			let mut lot = Lots::<T>::get(&key).ok_or(Error::<T>::UnknownLot)?;
			if T::Organizations::authorize(&who, Capability::Regulate).is_err() {
				Self::authorize(&who, Capability::Trade, Error::<T>::NotTradingPartner)?;
				ensure!(
					who == lot.manufacturer || Holdings::<T>::contains_key(&key, &who),
					Error::<T>::NoCustody
				);
			}
			ensure!(!ClearedReports::<T>::contains_key(&key, &who), Error::<T>::AlreadyReported);
			lot.change(LotChange::ReportSuspect).map_err(Error::<T>::from)?;
			lot.reporter = Some(who.clone());
			Self::record(&key, &mut lot, CustodyEvent::ReportedSuspect, Some(&who), None, 0);
			Lots::<T>::insert(&key, lot);
			Self::deposit_event(Event::SuspectReported { lot: key, by: who, reason_hash });
			Ok(())
		}

		/// Resolves a suspect report: cleared (back to where it was) or illegitimate.
		///
		/// Origin: an active regulator. Emits `SuspectResolved`. O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::resolve_suspect())]
		pub fn resolve_suspect(
			origin: OriginFor<T>,
			gtin: Vec<u8>,
			lot_number: Vec<u8>,
			outcome: SuspectOutcome,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::authorize(&who, Capability::Regulate, Error::<T>::NotRegulator)?;
			let key = Self::lot_key(&gtin, &lot_number)?;
			let mut lot = Lots::<T>::get(&key).ok_or(Error::<T>::UnknownLot)?;
			let event = match outcome {
				SuspectOutcome::Cleared => {
					lot.change(LotChange::Clear).map_err(Error::<T>::from)?;
					if let Some(reporter) = lot.reporter.take() {
						ClearedReports::<T>::insert(&key, reporter, ());
					}
					CustodyEvent::Cleared
				},
				SuspectOutcome::Illegitimate => {
					lot.change(LotChange::FindIllegitimate).map_err(Error::<T>::from)?;
					lot.reporter = None;
					CustodyEvent::FoundIllegitimate
				},
			};
			Self::record(&key, &mut lot, event, Some(&who), None, 0);
			Lots::<T>::insert(&key, lot);
			Self::deposit_event(Event::SuspectResolved { lot: key, by: who, outcome });
			Ok(())
		}

		/// Takes back a shipment not yet received: its quantity returns to the caller.
		///
		/// Origin: the shipment's sender, in any standing. Emits `ShipmentCancelled`. O(1).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::cancel_shipment())]
		pub fn cancel_shipment(origin: OriginFor<T>, shipment_id: ShipmentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let shipment = Shipments::<T>::get(shipment_id).ok_or(Error::<T>::UnknownShipment)?;
			ensure!(shipment.from == who, Error::<T>::NotSender);
			let (shipment, mut lot) = Self::take_shipment(shipment_id, &shipment.to)?;
			let key = shipment.lot.clone();
			Self::credit(&key, &mut lot, &who, shipment.quantity);
			Self::record(
				&key,
				&mut lot,
				CustodyEvent::Cancelled,
				Some(&shipment.to),
				Some(&who),
				shipment.quantity,
			);
			Lots::<T>::insert(&key, lot);
			Self::deposit_event(Event::ShipmentCancelled {
				shipment_id,
				lot: key,
				by: who,
				quantity: shipment.quantity,
			});
			Ok(())
		}

		/// Re-prices the deposit of a product or a lot at the current price: holds the
		/// difference when the price rose, releases it when it fell. Free when the deposit
		/// changed; otherwise the caller pays the fee and nothing changes.
		///
		/// Origin: the item's manufacturer, in any standing. Emits `DepositPoked` when the
		/// deposit changed. O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::poke_deposit())]
		pub fn poke_deposit(origin: OriginFor<T>, item: DepositItem) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let repriced = match &item {
				DepositItem::Product(gtin) => {
					let mut product = Products::<T>::get(gtin).ok_or(Error::<T>::UnknownProduct)?;
					ensure!(product.manufacturer == who, Error::<T>::NotDepositor);
					let repriced = reprice(&who, &mut product.deposit, Self::product_footprint())?;
					if repriced.changed {
						Products::<T>::insert(gtin, product);
					}
					repriced
				},
				DepositItem::Lot(key) => {
					let mut lot = Lots::<T>::get(key).ok_or(Error::<T>::UnknownLot)?;
					ensure!(lot.manufacturer == who, Error::<T>::NotDepositor);
					let repriced = reprice(&who, &mut lot.deposit, Self::lot_footprint())?;
					if repriced.changed {
						Lots::<T>::insert(key, lot);
					}
					repriced
				},
			};
			if repriced.changed {
				Self::deposit_event(Event::DepositPoked { who, item });
			}
			Ok(repriced.post_info())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// A product, its deposit inside it.
	pub fn product_footprint() -> Footprint {
		Footprint::from_parts(1, ProductOf::<T>::max_encoded_len())
	}

	/// A lot (its deposit inside it) and its index entry. Its history and holdings are bounded
	/// per lot and paid for by the fees of the calls that write them: every trading partner's
	/// call writes one, and none of them may be removed by whoever wrote it.
	pub fn lot_footprint() -> Footprint {
		Footprint::from_parts(
			2,
			LotOf::<T>::max_encoded_len()
				.saturating_add(T::AccountId::max_encoded_len())
				.saturating_add(LotKey::max_encoded_len().saturating_mul(2)),
		)
	}

	/// The lot key of `gtin` and `lot_number`, if both are valid.
	pub fn lot_key(gtin: &[u8], lot_number: &[u8]) -> Result<LotKey, Error<T>> {
		let gtin = Gtin::parse(gtin).ok_or(Error::<T>::InvalidGtin)?;
		ensure!(is_valid_lot_number(lot_number), Error::<T>::InvalidLotNumber);
		let lot_number =
			LotNumber::try_from(lot_number.to_vec()).map_err(|_| Error::<T>::InvalidLotNumber)?;
		Ok((gtin, lot_number))
	}

	/// Asks the registry whether `who` may use `capability`: `not_allowed` when it does not
	/// hold it, the standing's own error when its organization is not active.
	fn authorize(
		who: &T::AccountId,
		capability: Capability,
		not_allowed: Error<T>,
	) -> Result<Actor<T::AccountId>, Error<T>> {
		T::Organizations::authorize(who, capability).map_err(|refusal| {
			refusal.error(
				not_allowed,
				Error::<T>::OrganizationSuspended,
				Error::<T>::OrganizationDeregistered,
			)
		})
	}

	/// Whether the lot is past its expiry date at `now`.
	pub fn is_expired(lot: &LotOf<T>, now: Moment) -> bool {
		now >= lot.expiry.end_of_day_ms()
	}

	/// Adds `quantity` to `who`'s holding. Never fails: commissioning starts a lot's only
	/// holder, and every other credit settles a shipment, whose place it takes.
	fn credit(key: &LotKey, lot: &mut LotOf<T>, who: &T::AccountId, quantity: u64) {
		Holdings::<T>::mutate(key, who, |held| {
			if held.is_none() {
				lot.holders = lot.holders.saturating_add(1);
			}
			*held = Some(held.unwrap_or(0).saturating_add(quantity));
		})
	}

	fn debit(
		key: &LotKey,
		lot: &mut LotOf<T>,
		who: &T::AccountId,
		quantity: u64,
	) -> DispatchResult {
		Holdings::<T>::try_mutate_exists(key, who, |held| -> DispatchResult {
			let left =
				held.unwrap_or(0).checked_sub(quantity).ok_or(Error::<T>::InsufficientStock)?;
			if left == 0 {
				*held = None;
				lot.holders = lot.holders.saturating_sub(1);
			} else {
				*held = Some(left);
			}
			Ok(())
		})
	}

	fn take_shipment(
		shipment_id: ShipmentId,
		who: &T::AccountId,
	) -> Result<(ShipmentOf<T>, LotOf<T>), DispatchError> {
		let shipment = Shipments::<T>::get(shipment_id).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(shipment.to == *who, Error::<T>::NotRecipient);
		let mut lot = Lots::<T>::get(&shipment.lot).ok_or(Error::<T>::UnknownLot)?;
		Shipments::<T>::remove(shipment_id);
		PendingShipments::<T>::remove(who, shipment_id);
		lot.in_transit = lot.in_transit.saturating_sub(shipment.quantity);
		lot.shipments = lot.shipments.saturating_sub(1);
		Ok((shipment, lot))
	}

	/// Appends an event given without a reason to the lot's custody history.
	fn record(
		key: &LotKey,
		lot: &mut LotOf<T>,
		event: CustodyEvent,
		from: Option<&T::AccountId>,
		to: Option<&T::AccountId>,
		quantity: u64,
	) {
		Self::append(key, lot, event, None, from, to, quantity)
	}

	/// Appends the event `reason` explains, with the reason, to the lot's custody history.
	fn record_with_reason(
		key: &LotKey,
		lot: &mut LotOf<T>,
		reason: CustodyReason,
		from: Option<&T::AccountId>,
		to: Option<&T::AccountId>,
		quantity: u64,
	) {
		Self::append(key, lot, reason.event(), Some(reason), from, to, quantity)
	}

	/// Appends to the lot's custody history, dropping the oldest entry beyond
	/// `MaxHistoryPerLot`. Never fails: a full history must not block a recall or strand stock.
	fn append(
		key: &LotKey,
		lot: &mut LotOf<T>,
		event: CustodyEvent,
		reason: Option<CustodyReason>,
		from: Option<&T::AccountId>,
		to: Option<&T::AccountId>,
		quantity: u64,
	) {
		if let Some(oldest) = lot.history.checked_sub(T::MaxHistoryPerLot::get()) {
			History::<T>::remove(key, oldest);
		}
		History::<T>::insert(
			key,
			lot.history,
			HistoryEntry {
				at: T::Time::now(),
				event,
				reason,
				from: from.cloned(),
				to: to.cloned(),
				quantity,
			},
		);
		lot.history = lot.history.saturating_add(1);
	}

	/// The pallet's invariant: for every lot, commissioned = held + in transit + dispensed +
	/// destroyed.
	///
	/// In every build, not only with `try-runtime`: the fuzzing harness (`tests/fuzz`) checks it
	/// after each call.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		// One pass over the shipments, so that the checks are O(n), not O(lots × shipments).
		let mut transit = alloc::collections::BTreeMap::<LotKey, (u32, u64)>::new();
		for (id, shipment) in Shipments::<T>::iter() {
			ensure!(
				PendingShipments::<T>::contains_key(&shipment.to, id),
				"a shipment is missing from its recipient's pending list"
			);
			let (count, quantity) = transit.entry(shipment.lot).or_default();
			*count = count.saturating_add(1);
			*quantity = quantity.saturating_add(shipment.quantity);
		}
		for (key, lot) in Lots::<T>::iter() {
			let held = Holdings::<T>::iter_prefix_values(&key).fold(0u64, u64::saturating_add);
			let (shipments, in_transit) = transit.remove(&key).unwrap_or_default();
			ensure!(in_transit == lot.in_transit, "a lot's in-transit count disagrees");
			let accounted = held
				.saturating_add(in_transit)
				.saturating_add(lot.dispensed)
				.saturating_add(lot.destroyed);
			ensure!(accounted == lot.quantity, "a lot's quantity is not conserved");
			ensure!(
				Holdings::<T>::iter_prefix(&key).count() as u32 == lot.holders,
				"a lot's holder count disagrees"
			);
			ensure!(shipments == lot.shipments, "a lot's shipment count disagrees");
			ensure!(
				lot.holders.saturating_add(lot.shipments) <= T::MaxHoldersPerLot::get(),
				"a lot has more holders and shipments than it may"
			);
			let mut kept = 0u32;
			for entry in History::<T>::iter_prefix_values(&key) {
				kept = kept.saturating_add(1);
				let reasoned =
					matches!(entry.event, CustodyEvent::Rejected | CustodyEvent::Destroyed);
				ensure!(
					entry.reason.map(|reason| reason.event()) == reasoned.then_some(entry.event),
					"a history entry's reason is missing or explains another event"
				);
			}
			ensure!(
				kept == lot.history.min(T::MaxHistoryPerLot::get()),
				"a lot's history keeps the wrong number of entries"
			);
			ensure!(
				(lot.status == LotStatus::Suspect) == lot.reporter.is_some(),
				"a suspect report and its reporter disagree"
			);
		}
		ensure!(transit.is_empty(), "a shipment is of no lot");
		ensure!(
			PendingShipments::<T>::iter_keys().all(|(_, id)| Shipments::<T>::contains_key(id)),
			"a pending-shipment entry names no shipment"
		);
		Ok(())
	}
}

impl<T: Config> From<LotChangeRefused> for Error<T> {
	fn from(refused: LotChangeRefused) -> Self {
		match refused {
			LotChangeRefused::AlreadyRecalled => Error::<T>::AlreadyRecalled,
			LotChangeRefused::AlreadySuspect => Error::<T>::AlreadySuspect,
			LotChangeRefused::NotSuspect => Error::<T>::NotSuspect,
		}
	}
}
