//! `cargo xtask soak [messages] [seed]`: the resume-under-loss exchange at length (10 000
//! messages by default) against a fresh local `wrangler dev`, through a fault proxy that
//! delays, refuses, cuts and black-holes connections. Prints what was sent, lost, duplicated
//! and out of order; then fuzzes the API with schemathesis, single calls and stateful
//! sequences (over 5 000 calls), and prints server errors and spec violations. Fails unless
//! all are zero. The seed replays the proxy's decisions and schemathesis' generation.

use parley_shared_types::api_key::{KeyEnvironment, KeyScope};
use parley_tests::exchange::exchange;
use parley_tests::fault_proxy::{FaultProxy, Faults};
use parley_tests::fixtures::Team;
use parley_tests::{Server, schemathesis};
use std::process::ExitCode;
use std::time::Instant;

const DEFAULT_MESSAGES: usize = 10_000;
const DEFAULT_SEED: u64 = 19;
/// Generated cases per operation and phase: over 5 000 calls in all. (The stateful phase stops
/// by itself after a few hundred calls, so the single-call phases carry most of the count.)
const FUZZ_EXAMPLES: u32 = 60;
const FUZZ_PHASES: &str = "examples,coverage,fuzzing,stateful";
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
    let messages_clean = tally.is_clean() && tally.sent == messages;
    if !messages_clean {
        println!("soak: messages were lost, duplicated or reordered (replay with seed {seed})");
    }

    println!("\nsoak: API fuzzing ({FUZZ_PHASES}, up to {FUZZ_EXAMPLES} cases per operation)");
    let key = team.api_key(KeyEnvironment::Test, KeyScope::Full).await;
    let (fuzz_clean, summary) =
        schemathesis::run(&server, &key.secret, FUZZ_PHASES, FUZZ_EXAMPLES, seed);
    println!("{summary}");
    println!(
        "API fuzzing: {} calls generated, {} links covered, {}",
        schemathesis::figure(&summary, "Test cases:").unwrap_or(0),
        schemathesis::figure(&summary, "API Links:").unwrap_or(0),
        if fuzz_clean {
            "0 server errors, 0 spec violations"
        } else {
            "FAILURES (above)"
        }
    );
    if messages_clean && fuzz_clean {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
