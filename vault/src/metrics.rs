//! Prometheus metrics, served at `/metrics`.

use prometheus::{
	Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, Registry,
	TextEncoder,
};

pub struct Metrics {
	registry: Registry,
	/// HTTP requests answered, by route and status.
	pub requests: IntCounterVec,
	/// Payload requests answered, by outcome (`released` or `refused`) and reason.
	pub releases: IntCounterVec,
	/// Time to reach a release decision with the chain.
	pub decision_seconds: Histogram,
	pub uploads: IntCounter,
	pub upload_bytes: IntCounter,
	/// Payloads deleted, by why: `erased` or `unreferenced`.
	pub deletions: IntCounterVec,
	pub payloads: IntGauge,
	pub stored_bytes: IntGauge,
	/// The last finalized block applied.
	pub finalized: IntGauge,
	/// 1 while the vault follows the chain and may release, 0 while it fails closed.
	pub chain_up: IntGauge,
}

impl Metrics {
	pub fn new() -> Result<Self, prometheus::Error> {
		let registry = Registry::new_custom(Some("healthchain_vault".into()), None)?;
		let metrics = Metrics {
			requests: IntCounterVec::new(
				Opts::new("http_requests_total", "HTTP requests answered"),
				&["route", "status"],
			)?,
			releases: IntCounterVec::new(
				Opts::new("releases_total", "Payload requests answered, released or refused"),
				&["outcome", "reason"],
			)?,
			decision_seconds: Histogram::with_opts(
				HistogramOpts::new(
					"release_decision_seconds",
					"Time to reach a release decision with the chain",
				)
				.buckets(vec![0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0]),
			)?,
			uploads: IntCounter::new("uploads_total", "Payloads stored")?,
			upload_bytes: IntCounter::new("upload_bytes_total", "Bytes of payloads stored")?,
			deletions: IntCounterVec::new(
				Opts::new("deletions_total", "Payloads deleted"),
				&["why"],
			)?,
			payloads: IntGauge::new("payloads", "Payloads held")?,
			stored_bytes: IntGauge::new("stored_bytes", "Bytes of payloads held")?,
			finalized: IntGauge::new("chain_finalized_number", "The last finalized block applied")?,
			chain_up: IntGauge::new(
				"chain_up",
				"1 while the vault follows the chain and may release, 0 while it fails closed",
			)?,
			registry,
		};
		let registry = &metrics.registry;
		registry.register(Box::new(metrics.requests.clone()))?;
		registry.register(Box::new(metrics.releases.clone()))?;
		registry.register(Box::new(metrics.decision_seconds.clone()))?;
		registry.register(Box::new(metrics.uploads.clone()))?;
		registry.register(Box::new(metrics.upload_bytes.clone()))?;
		registry.register(Box::new(metrics.deletions.clone()))?;
		registry.register(Box::new(metrics.payloads.clone()))?;
		registry.register(Box::new(metrics.stored_bytes.clone()))?;
		registry.register(Box::new(metrics.finalized.clone()))?;
		registry.register(Box::new(metrics.chain_up.clone()))?;
		Ok(metrics)
	}

	/// The text exposition format.
	pub fn render(&self) -> String {
		let mut buffer = Vec::new();
		// Encoding into a Vec cannot fail for well-formed metrics.
		let _ = TextEncoder::new().encode(&self.registry.gather(), &mut buffer);
		String::from_utf8_lossy(&buffer).into_owned()
	}
}
