//! The vault's connections to the node, against a JSON-RPC server that, like a Substrate
//! node's, leaves Nagle's algorithm on. A second answer in flight on one connection waits for
//! the client's delayed acknowledgement (about 40 ms), so no connection may carry two calls at
//! once, nor a subscription's notifications besides answers. Checked by the server's own
//! count of the calls in flight on each connection, never by a time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]

use std::{
	collections::{HashMap, HashSet},
	sync::{Arc, Mutex},
	time::Duration,
};

use healthchain_vault::chain::{BlockHash, Chain, CONNECTIONS};
use jsonrpsee::{
	server::{ConnectionId, Server, SubscriptionMessage},
	RpcModule,
};

#[derive(Default)]
struct Seen {
	/// For each connection: the calls in flight now, and the most there ever were.
	calls: HashMap<ConnectionId, (usize, usize)>,
	subscriptions: HashSet<ConnectionId>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_made_at_once_never_share_a_connection() {
	let seen = Arc::new(Mutex::new(Seen::default()));
	let mut module = RpcModule::new(seen.clone());
	module
		.register_async_method("chain_getFinalizedHead", |_, seen, extensions| async move {
			let connection = *extensions.get::<ConnectionId>().unwrap();
			{
				let mut seen = seen.lock().unwrap();
				let (now, most) = seen.calls.entry(connection).or_default();
				*now += 1;
				*most = (*most).max(*now);
			}
			// Long enough for every call of a round to be in flight together.
			tokio::time::sleep(Duration::from_millis(50)).await;
			seen.lock().unwrap().calls.get_mut(&connection).unwrap().0 -= 1;
			format!("0x{}", "11".repeat(32))
		})
		.unwrap();
	module
		.register_subscription(
			"chain_subscribeFinalizedHeads",
			"chain_finalizedHead",
			"chain_unsubscribeFinalizedHeads",
			|_, pending, seen, extensions| async move {
				let connection = *extensions.get::<ConnectionId>().unwrap();
				seen.lock().unwrap().subscriptions.insert(connection);
				let sink = pending.accept().await.unwrap();
				let header = serde_json::json!({ "number": "0x7" });
				sink.send(SubscriptionMessage::from_json(&header).unwrap()).await.unwrap();
				sink.closed().await;
			},
		)
		.unwrap();
	let server = Server::builder().set_tcp_no_delay(false).build("127.0.0.1:0").await.unwrap();
	let address = server.local_addr().unwrap();
	let server = server.start(module);

	let chain = Chain::new(format!("ws://{address}"), Duration::from_secs(30));
	let mut heads = chain.finalized_heads().await.unwrap();
	assert_eq!(heads.next().await.unwrap().unwrap().number, 7);
	// Twice as many calls at once as there are connections, in two rounds: the second reuses
	// the first's connections.
	for _ in 0..2 {
		let calls = (0..2 * CONNECTIONS).map(|_| chain.finalized_hash());
		for hash in futures::future::join_all(calls).await {
			assert_eq!(hash.unwrap(), BlockHash::repeat_byte(0x11));
		}
	}

	let seen = seen.lock().unwrap();
	let most: Vec<usize> = seen.calls.values().map(|(_, most)| *most).collect();
	assert!(most.iter().all(|most| *most == 1), "calls in flight at once per connection: {most:?}");
	assert!(seen.calls.len() <= CONNECTIONS, "{} connections", seen.calls.len());
	assert!(seen.calls.len() > 1, "the calls were made one after another");
	assert_eq!(seen.subscriptions.len(), 1);
	assert!(
		seen.subscriptions.iter().all(|connection| !seen.calls.contains_key(connection)),
		"the subscription has a connection of its own"
	);
	drop(heads);
	server.stop().unwrap();
}
