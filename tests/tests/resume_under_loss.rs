//! No message is lost or shown twice when the network misbehaves: a visitor and an agent
//! exchange messages through a proxy that delays, refuses, cuts (mid-frame) and black-holes
//! connections; both resend with their `clientMessageId` and resume their sockets with
//! `lastSeq`. Every acknowledged message reaches both exactly once and in `seq` order, and is
//! stored once. `cargo xtask soak` runs the same exchange with 10 000 messages.

use parley_tests::Server;
use parley_tests::exchange::exchange;
use parley_tests::fault_proxy::{FaultProxy, Faults};
use parley_tests::fixtures::Team;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn every_message_arrives_once_and_in_order_through_cuts_and_delays() {
    let server = Server::shared().await;
    let team = Team::new(server).await;
    let visitor = team.visitor().await;
    let faults = Faults {
        seed: 19,
        max_delay_ms: 30,
        refuse_per_mille: 50,
        cut_per_mille: 40,
        black_hole_per_mille: 10,
        black_hole_ms: 2500,
    };
    let proxy = FaultProxy::start(&server.base_url, faults).await.unwrap();
    let tally = exchange(&server.base_url, &proxy.base_url, &team, &visitor, 60, 4).await;
    println!("{tally}{}", proxy.counts.summary());
    assert_eq!(tally.sent, 60);
    assert!(tally.is_clean(), "{tally}");
    assert!(
        proxy.counts.cut.load(Ordering::Relaxed) > 0
            && tally.visitor.reconnects + tally.agent.reconnects > 0,
        "the network must actually fail for this test to mean anything: {}",
        proxy.counts.summary()
    );
}
