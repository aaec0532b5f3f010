//! `cargo xtask soak [messages] [seed]`: the resume-under-loss exchange at length (10 000
//! messages by default) against a fresh local `wrangler dev`, through a fault proxy that
//! delays, refuses, cuts and black-holes connections. Prints what was sent, lost, duplicated
//! and out of order, and fails unless nothing was. The seed replays the proxy's decisions.

use parley_tests::Server;
use parley_tests::exchange::exchange;
use parley_tests::fault_proxy::{FaultProxy, Faults};
use parley_tests::fixtures::Team;
use std::process::ExitCode;
use std::time::Instant;

const DEFAULT_MESSAGES: usize = 10_000;
const DEFAULT_SEED: u64 = 19;
/// One message in this many comes from the agent (whose own limit is 100 requests a minute).
const AGENT_EVERY: usize = 50;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let messages = args
        .next()
        .map_or(DEFAULT_MESSAGES, |n| n.parse().expect("messages: a number"));
    let seed = args
        .next()
        .map_or(DEFAULT_SEED, |n| n.parse().expect("seed: a number"));
    let server = Server::start().await.unwrap_or_else(|e| panic!("{e}"));
    let team = Team::new(&server).await;
    let visitor = team.visitor().await;
    let faults = Faults {
        seed,
        max_delay_ms: 20,
        refuse_per_mille: 20,
        cut_per_mille: 5,
        black_hole_per_mille: 1,
        black_hole_ms: 2500,
    };
    let proxy = FaultProxy::start(&server.base_url, faults)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    println!("soak: {messages} messages through a fault proxy ({faults:?})");
    let started = Instant::now();
    let tally = exchange(
        &server.base_url,
        &proxy.base_url,
        &team,
        &visitor,
        messages,
        AGENT_EVERY,
    )
    .await;
    println!(
        "{tally}network: {}\ntook {:.0} s",
        proxy.counts.summary(),
        started.elapsed().as_secs_f64()
    );
    if tally.is_clean() && tally.sent == messages {
        ExitCode::SUCCESS
    } else {
        println!("soak: messages were lost, duplicated or reordered (replay with seed {seed})");
        ExitCode::FAILURE
    }
}
