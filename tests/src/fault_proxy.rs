//! A TCP proxy between clients and `wrangler dev` that misbehaves like a bad network: it
//! delays chunks, refuses connections, cuts them in the middle of a chunk (so mid-frame for
//! HTTP and WebSocket alike) and black-holes them (holds everything, then cuts). Every
//! decision comes from a seeded generator per connection, so a run with the same seed makes
//! the same decisions for the same traffic.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};

/// How badly the network behaves; probabilities are per mille.
#[derive(Clone, Copy, Debug)]
pub struct Faults {
    pub seed: u64,
    /// Each chunk waits up to this long.
    pub max_delay_ms: u64,
    /// A new connection is closed at once.
    pub refuse_per_mille: u64,
    /// A chunk is forwarded in part, then the connection is cut.
    pub cut_per_mille: u64,
    /// A chunk and everything after it is held this long, then the connection is cut.
    pub black_hole_per_mille: u64,
    pub black_hole_ms: u64,
}

impl Faults {
    /// A network that only delays.
    pub fn delay_only(seed: u64, max_delay_ms: u64) -> Faults {
        Faults {
            seed,
            max_delay_ms,
            refuse_per_mille: 0,
            cut_per_mille: 0,
            black_hole_per_mille: 0,
            black_hole_ms: 0,
        }
    }
}

/// What the proxy did, for the run's figures.
#[derive(Default, Debug)]
pub struct FaultCounts {
    pub connections: AtomicU64,
    pub refused: AtomicU64,
    pub cut: AtomicU64,
    pub black_holed: AtomicU64,
    pub delayed: AtomicU64,
}

impl FaultCounts {
    pub fn summary(&self) -> String {
        let get = |n: &AtomicU64| n.load(Ordering::Relaxed);
        format!(
            "{} connections: {} refused, {} cut mid-chunk, {} black-holed, {} chunks delayed",
            get(&self.connections),
            get(&self.refused),
            get(&self.cut),
            get(&self.black_holed),
            get(&self.delayed)
        )
    }
}

pub struct FaultProxy {
    /// `http://127.0.0.1:<port>`: the proxied server's address for clients.
    pub base_url: String,
    pub counts: Arc<FaultCounts>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultProxy {
    /// Listens on a free port and forwards to `upstream` (`http://host:port`).
    pub async fn start(upstream: &str, faults: Faults) -> crate::Result<FaultProxy> {
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("fault proxy: bind: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let counts = Arc::new(FaultCounts::default());
        let task = tokio::spawn(accept(listener, upstream, faults, counts.clone()));
        Ok(FaultProxy {
            base_url: format!("http://127.0.0.1:{port}"),
            counts,
            task,
        })
    }
}

async fn accept(listener: TcpListener, upstream: String, faults: Faults, counts: Arc<FaultCounts>) {
    let mut index = 0u64;
    while let Ok((client, _)) = listener.accept().await {
        index += 1;
        counts.connections.fetch_add(1, Ordering::Relaxed);
        let mut rng = Rng::new(faults.seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        if rng.per_mille(faults.refuse_per_mille) {
            counts.refused.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        let upstream = upstream.clone();
        let counts = counts.clone();
        tokio::spawn(async move {
            let Ok(server) = TcpStream::connect(&upstream).await else {
                return;
            };
            let _ = client.set_nodelay(true);
            let _ = server.set_nodelay(true);
            let (client_read, client_write) = client.into_split();
            let (server_read, server_write) = server.into_split();
            let up = pump(client_read, server_write, rng.fork(), faults, &counts);
            let down = pump(server_read, client_write, rng.fork(), faults, &counts);
            // Whichever direction ends (closed, cut, black-holed) ends the connection.
            tokio::select! {
                () = up => {}
                () = down => {}
            }
        });
    }
}

/// Forwards one direction chunk by chunk, misbehaving as `faults` say.
async fn pump(
    mut from: OwnedReadHalf,
    mut to: OwnedWriteHalf,
    mut rng: Rng,
    faults: Faults,
    counts: &FaultCounts,
) {
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let read = match from.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(read) => read,
        };
        let chunk = &buffer[..read];
        if faults.max_delay_ms > 0 {
            let delay = rng.below(faults.max_delay_ms + 1);
            if delay > 0 {
                counts.delayed.fetch_add(1, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(delay)).await;
            }
        }
        if rng.per_mille(faults.black_hole_per_mille) {
            counts.black_holed.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(faults.black_hole_ms)).await;
            return;
        }
        if rng.per_mille(faults.cut_per_mille) {
            counts.cut.fetch_add(1, Ordering::Relaxed);
            let part = rng.below(chunk.len() as u64) as usize;
            let _ = to.write_all(&chunk[..part]).await;
            return;
        }
        if to.write_all(chunk).await.is_err() {
            return;
        }
    }
}

/// SplitMix64: small, seedable, and the same everywhere (no dependency for a test proxy).
#[derive(Clone, Copy)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..bound` (0 for a bound of 0).
    fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 { 0 } else { self.next() % bound }
    }

    fn per_mille(&mut self, chance: u64) -> bool {
        chance > 0 && self.below(1000) < chance
    }

    /// An independent generator for one direction of a connection.
    fn fork(&mut self) -> Rng {
        Rng(self.next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_makes_the_same_decisions() {
        let draws = |seed| {
            let mut rng = Rng::new(seed);
            (0..32).map(|_| rng.below(1000)).collect::<Vec<_>>()
        };
        assert_eq!(draws(7), draws(7));
        assert_ne!(draws(7), draws(8));
        let mut rng = Rng::new(1);
        let hits = (0..10_000).filter(|_| rng.per_mille(100)).count();
        assert!((800..1200).contains(&hits), "about one in ten: {hits}");
        assert!(!Rng::new(1).per_mille(0));
    }
}
