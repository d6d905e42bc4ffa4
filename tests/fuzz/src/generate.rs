//! Calls generated from random bytes and the runtime's own type information, so that every call
//! of the chosen pallets is reachable, with each argument drawn from values that can matter:
//! the world's accounts (most often those with a part in the call's pallet, or the caller),
//! ids that exist, times around now, the world's products and lots, hashes that repeat, and
//! lengths at and past the bounds.

use polkadot_sdk::*;

use arbitrary::Unstructured;
use codec::{Compact, DecodeLimit, Encode};
use healthchain_runtime::{AccountId, RuntimeCall};
use scale_info::{PortableRegistry, TypeDef, TypeDefPrimitive};

use crate::world::{self, DAY, HOUR, YEAR};

/// The pallets whose calls the sequences make, with how often each is picked: the five
/// pallets' about as often as they have calls.
pub const PALLETS: [(&str, u32); 8] = [
	("Organizations", 5),
	("Consent", 3),
	("Records", 7),
	("Trials", 7),
	("DrugLots", 6),
	("Balances", 1),
	("Utility", 2),
	("Proxy", 2),
];

/// Root-only calls the harness does not make, by pallet and call; Root is trusted with them, as
/// with `set_storage`. The first sequences found what each does:
/// - `force_unreserve` releases reserved balance whatever holds it, so it frees a pallet's
///   deposits behind its back;
/// - `dispatch_as` lets Root fabricate any origin, such as a council motion passed by more
///   members than the council has, whose proportion check then overflows.
const EXCLUDED_CALLS: [(&str, &str); 3] = [
	("pallet_balances", "force_unreserve"),
	("pallet_utility", "dispatch_as"),
	("pallet_utility", "dispatch_as_fallible"),
];

/// Calls of the five pallets that no sequence can make succeed, each with why;
/// `tests/sequences.rs` expects every other one to succeed. None today. (`poke_deposit`
/// succeeds, but always finds the deposit at its price: the runtime's prices are constants, so
/// re-pricing needs a runtime upgrade, which the pallets' unit tests stage.)
pub const UNREACHABLE_CALLS: [(&str, &str, &str); 0] = [];

/// Calls nest (a batch of batches) at most this deep.
const MAX_DEPTH: u8 = 2;

/// The decoding depth limit the runtime applies to an extrinsic's call.
const DECODE_DEPTH: u32 = 256;

/// The world's GTIN with a wrong check digit.
const BAD_GTIN: &[u8] = b"00012345600013";

/// Byte strings worth trying: the world's product and lot, another valid GTIN, one with a wrong
/// check digit, names and registry ids.
const STRINGS: [&[u8]; 11] = [
	world::GTIN,
	world::OTHER_GTIN,
	BAD_GTIN,
	world::LOT,
	world::OTHER_LOT,
	b"Aspirin",
	b"GB",
	b"NCT",
	b"NCT01234567",
	b"",
	b"x",
];

/// What an argument means, read from its field's name and type name.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Hint {
	Plain,
	/// A time in milliseconds.
	Moment,
	/// An item's identifier.
	Id,
	/// A quantity of packs or participants.
	Quantity,
	/// An amount of HLTH.
	Balance,
	/// A product's GTIN.
	Gtin,
	/// A lot number.
	Lot,
	/// A country code.
	Jurisdiction,
}

fn hint_of(name: Option<&String>, type_name: Option<&String>) -> Hint {
	let name = name.map(String::as_str).unwrap_or("");
	let type_name = type_name.map(String::as_str).unwrap_or("");
	if name == "gtin" {
		Hint::Gtin
	} else if name == "lot_number" || type_name == "LotKey" {
		Hint::Lot
	} else if name == "jurisdiction" {
		Hint::Jurisdiction
	} else if type_name.contains("Moment") || name.ends_with("_at") || name.contains("completion") {
		Hint::Moment
	} else if name.ends_with("_id") || name == "id" || type_name.ends_with("Id") {
		Hint::Id
	} else if name.contains("quantity") || name.contains("target") || name == "index" {
		Hint::Quantity
	} else if type_name.contains("Balance") || name == "value" || name == "amount" {
		Hint::Balance
	} else {
		Hint::Plain
	}
}

/// Where a value is generated: how deep in nested calls, in a call of which pallet (its index
/// in `PALLETS`), made by which account (its index in the cast), if signed.
#[derive(Clone, Copy)]
struct Scope {
	depth: u8,
	pallet: usize,
	signer: Option<usize>,
}

/// Generates calls of the runtime.
pub struct Generator {
	registry: PortableRegistry,
	call: u32,
	accounts: Vec<AccountId>,
	/// Per pallet of `PALLETS`, the indexes in `accounts` of the accounts that make its calls,
	/// and of those its calls name.
	callers: Vec<Vec<usize>>,
	named: Vec<Vec<usize>>,
}

impl Generator {
	/// Reads the runtime's types; the cast and who takes part in what are the world's.
	pub fn new() -> Self {
		let mut registry = scale_info::Registry::new();
		let call = registry.register_type(&scale_info::meta_type::<RuntimeCall>()).id;
		let accounts = world::cast();
		let indexes = |of: Vec<AccountId>| -> Vec<usize> {
			of.iter()
				.map(|account| {
					accounts.iter().position(|a| a == account).expect("parts are of the cast")
				})
				.collect()
		};
		let (callers, named) = PALLETS
			.iter()
			.map(|(pallet, _)| {
				let (callers, named) = world::parts(pallet);
				(indexes(callers), indexes(named))
			})
			.unzip();
		Self { registry: registry.into(), call, accounts, callers, named }
	}

	/// The accounts calls are made from and about.
	pub fn accounts(&self) -> &[AccountId] {
		&self.accounts
	}

	/// The accounts (indexes in [`Self::accounts`]) that make the calls of `pallet`, an index
	/// in [`PALLETS`].
	pub fn callers(&self, pallet: usize) -> &[usize] {
		&self.callers[pallet]
	}

	/// A pallet to call, as an index in [`PALLETS`], by the pallets' weights.
	pub fn pallet(&self, u: &mut Unstructured) -> arbitrary::Result<usize> {
		let total: u32 = PALLETS.iter().map(|(_, weight)| weight).sum();
		let mut pick = u.int_in_range(0..=total - 1)?;
		for (i, (_, weight)) in PALLETS.iter().enumerate() {
			if pick < *weight {
				return Ok(i);
			}
			pick -= weight;
		}
		Ok(0)
	}

	/// A call of `pallet` (an index in [`PALLETS`]) that the account `signer` (an index in
	/// [`Self::accounts`]) makes, if signed; or `None` when the bytes generated do not decode
	/// as one (a bounded vector longer than its bound, an invalid enum inside a custom
	/// decoding).
	pub fn call(
		&self,
		u: &mut Unstructured,
		pallet: usize,
		signer: Option<usize>,
	) -> Option<RuntimeCall> {
		let mut bytes = Vec::new();
		let scope = Scope { depth: 0, pallet, signer };
		self.value(u, self.call, Hint::Plain, scope, &mut bytes).ok()?;
		RuntimeCall::decode_all_with_depth_limit(DECODE_DEPTH, &mut bytes.as_slice()).ok()
	}

	/// An account: the caller one time in five, so that calls about oneself meet; otherwise
	/// most often one that the pallet's calls name, so that the right party is named; any else.
	fn account(&self, u: &mut Unstructured, scope: Scope) -> arbitrary::Result<&AccountId> {
		let index = match scope.signer {
			Some(signer) if u.ratio(1, 5)? => signer,
			_ if u.ratio(3, 4)? => *u.choose(&self.named[scope.pallet])?,
			_ => u.choose_index(self.accounts.len())?,
		};
		Ok(&self.accounts[index])
	}

	fn value(
		&self,
		u: &mut Unstructured,
		id: u32,
		hint: Hint,
		scope: Scope,
		out: &mut Vec<u8>,
	) -> arbitrary::Result<()> {
		let ty = self.registry.resolve(id).ok_or(arbitrary::Error::IncorrectFormat)?;
		match ty.path.ident().as_deref() {
			Some("AccountId32") => {
				self.account(u, scope)?.encode_to(out);
				return Ok(());
			},
			// A GTIN inside a type is its 14 digits, unchecked: mostly the world's products.
			Some("Gtin") => {
				let known = [world::GTIN, world::GTIN, world::GTIN, world::OTHER_GTIN, BAD_GTIN];
				if u.ratio(9, 10)? {
					out.extend_from_slice(u.choose(&known)?);
				} else {
					out.extend(u.bytes(14)?);
				}
				return Ok(());
			},
			Some("CalendarDate") => {
				let year = u.int_in_range(2024..=2100u16)?;
				let month = u.int_in_range(1..=12u8)?;
				let day = u.int_in_range(1..=31u8)?;
				healthchain_primitives::CalendarDate { year, month, day }.encode_to(out);
				return Ok(());
			},
			_ => {},
		}
		match &ty.type_def {
			TypeDef::Composite(composite) => {
				for field in &composite.fields {
					let hint = hint_of(field.name.as_ref(), field.type_name.as_ref());
					self.value(u, field.ty.id, hint, scope, out)?;
				}
			},
			TypeDef::Variant(variants) => {
				let is_call = id == self.call;
				let pallet = match ty.path.ident().as_deref() {
					Some("Call") => ty.path.segments.first().map(String::as_str),
					_ => None,
				};
				let candidates: Vec<_> = variants
					.variants
					.iter()
					.filter(|v| !EXCLUDED_CALLS.contains(&(pallet.unwrap_or(""), v.name.as_str())))
					.collect();
				let mut scope = scope;
				let variant = if is_call {
					// The outermost call is of the pallet asked for; a nested one of any, by
					// weight, but no deeper than `MAX_DEPTH`.
					let chosen = if scope.depth == 0 {
						scope.pallet
					} else {
						loop {
							let chosen = self.pallet(u)?;
							if scope.depth < MAX_DEPTH
								|| !matches!(PALLETS[chosen].0, "Utility" | "Proxy")
							{
								break chosen;
							}
						}
					};
					scope.pallet = chosen;
					*candidates
						.iter()
						.find(|v| v.name == PALLETS[chosen].0)
						.ok_or(arbitrary::Error::IncorrectFormat)?
				} else if ty.path.ident().as_deref() == Some("MultiAddress") && u.ratio(9, 10)? {
					// An account id, not an index or a raw address, nine times in ten.
					candidates[0]
				} else {
					*u.choose(&candidates)?
				};
				out.push(variant.index);
				if is_call {
					scope.depth += 1;
				}
				for field in &variant.fields {
					let field_hint = match hint_of(field.name.as_ref(), field.type_name.as_ref()) {
						Hint::Plain => hint,
						own => own,
					};
					self.value(u, field.ty.id, field_hint, scope, out)?;
				}
			},
			TypeDef::Sequence(sequence) => {
				let element = sequence.type_param.id;
				if self.is_u8(element) {
					self.bytes(u, hint)?.encode_to(out);
				} else {
					let len = if element == self.call && scope.depth >= MAX_DEPTH {
						0
					} else {
						*u.choose(&[0u32, 1, 1, 2, 3, 8])?
					};
					Compact(len).encode_to(out);
					for _ in 0..len {
						self.value(u, element, hint, scope, out)?;
					}
				}
			},
			TypeDef::Array(array) => {
				let element = array.type_param.id;
				if self.is_u8(element) && array.len == 32 {
					// Hashes and keys: a few that repeat, so that equal ones meet.
					let byte = *u.choose(&[0u8, 1, 2, 3, 7, 0xff])?;
					out.extend([byte; 32]);
				} else if self.is_u8(element) {
					for _ in 0..array.len {
						out.push(u.arbitrary()?);
					}
				} else {
					for _ in 0..array.len {
						self.value(u, element, hint, scope, out)?;
					}
				}
			},
			TypeDef::Tuple(tuple) => {
				for field in &tuple.fields {
					self.value(u, field.id, hint, scope, out)?;
				}
			},
			TypeDef::Primitive(primitive) => self.primitive(u, primitive, hint, out)?,
			TypeDef::Compact(compact) => {
				let mut inner = Vec::new();
				self.value(u, compact.type_param.id, hint, scope, &mut inner)?;
				let mut padded = [0u8; 16];
				let len = inner.len().min(16);
				padded[..len].copy_from_slice(&inner[..len]);
				Compact(u128::from_le_bytes(padded)).encode_to(out);
			},
			TypeDef::BitSequence(_) => Compact(0u32).encode_to(out),
		}
		Ok(())
	}

	fn is_u8(&self, id: u32) -> bool {
		self.registry
			.resolve(id)
			.is_some_and(|ty| matches!(ty.type_def, TypeDef::Primitive(TypeDefPrimitive::U8)))
	}

	fn bytes(&self, u: &mut Unstructured, hint: Hint) -> arbitrary::Result<Vec<u8>> {
		let known: &[&[u8]] = match hint {
			Hint::Gtin => &[world::GTIN, world::GTIN, world::GTIN, world::OTHER_GTIN, BAD_GTIN],
			Hint::Lot => &[world::LOT, world::LOT, world::LOT, world::OTHER_LOT, b"LOT-C"],
			Hint::Jurisdiction => &[b"GB", b"GB", b"US", b"gb", b"GBR"],
			_ => &[],
		};
		if !known.is_empty() && u.ratio(9, 10)? {
			return Ok(u.choose(known)?.to_vec());
		}
		if u.ratio(3, 4)? {
			return Ok(u.choose(&STRINGS)?.to_vec());
		}
		// Lengths at and past the bounds the pallets use.
		let len = *u.choose(&[1usize, 13, 14, 15, 32, 33, 64, 65, 128, 129, 256, 257])?;
		let mut bytes = Vec::with_capacity(len);
		for _ in 0..len {
			bytes.push(u.int_in_range(b'0'..=b'z')?);
		}
		Ok(bytes)
	}

	fn primitive(
		&self,
		u: &mut Unstructured,
		primitive: &TypeDefPrimitive,
		hint: Hint,
		out: &mut Vec<u8>,
	) -> arbitrary::Result<()> {
		let number = |u: &mut Unstructured, max: u128| -> arbitrary::Result<u128> {
			let value: u128 = match hint {
				// Most often the first items, which the world made.
				Hint::Id => match u.int_in_range(0..=3u8)? {
					0 | 1 => u.int_in_range(0..=1)?,
					2 => u.int_in_range(0..=3)?,
					_ => u.int_in_range(0..=7)?,
				},
				Hint::Moment => {
					let now =
						u128::from(pallet_timestamp::Now::<healthchain_runtime::Runtime>::get());
					let offset =
						u128::from(*u.choose(&[0, HOUR, DAY, 30 * DAY, YEAR, 10 * YEAR])?);
					if u.arbitrary()? {
						now + offset
					} else {
						now.saturating_sub(offset)
					}
				},
				Hint::Quantity => *u.choose(&[0u128, 1, 2, 5, 10, 100, 1_000, 1_001, u128::MAX])?,
				Hint::Balance => {
					let unit = healthchain_runtime::UNIT;
					*u.choose(&[0, 1, unit / 100, unit, 1_000 * unit, 1_000_000 * unit, u128::MAX])?
				},
				Hint::Plain | Hint::Gtin | Hint::Lot | Hint::Jurisdiction => {
					match u.int_in_range(0..=9u8)? {
						0..=5 => u.int_in_range(0..=16)?,
						6 => u128::MAX,
						_ => u.arbitrary()?,
					}
				},
			};
			Ok(value.min(max))
		};
		match primitive {
			TypeDefPrimitive::Bool => out.push(u8::from(u.arbitrary::<bool>()?)),
			TypeDefPrimitive::U8 => out.push(number(u, u8::MAX.into())? as u8),
			TypeDefPrimitive::U16 => (number(u, u16::MAX.into())? as u16).encode_to(out),
			TypeDefPrimitive::U32 => (number(u, u32::MAX.into())? as u32).encode_to(out),
			TypeDefPrimitive::U64 => (number(u, u64::MAX.into())? as u64).encode_to(out),
			TypeDefPrimitive::U128 => number(u, u128::MAX)?.encode_to(out),
			TypeDefPrimitive::Str => String::from_utf8_lossy(&self.bytes(u, hint)?).encode_to(out),
			// No call of the chosen pallets takes any other primitive.
			_ => return Err(arbitrary::Error::IncorrectFormat),
		}
		Ok(())
	}
}

impl Default for Generator {
	fn default() -> Self {
		Self::new()
	}
}
