//! Pallet configurations, one module per area.

pub mod call_filter;
mod collators;
mod governance;
mod health;
mod monetary;
pub mod safety;
mod system;
mod utility;
pub mod xcm_config;

pub use governance::{
	CouncilMajority, HealthAuthorityInstance, HealthAuthorityMaxMembers, RootOrCouncilMajority,
};
pub use health::{RecordsHoldReason, StorageDeposit, TrialsHoldReason, EMERGENCY_ACCESS_DURATION};
pub use system::RuntimeBlockWeights;
pub use utility::ProxyType;
