//! A JSON-lines body (`Accept: application/jsonl`) read as a stream of items, whatever the
//! chunks' boundaries.

use crate::{Error, Result};
use futures_util::{Stream, StreamExt, stream};
use serde::de::DeserializeOwned;
use std::collections::VecDeque;

/// Collects bytes and hands out each complete line.
#[derive(Default)]
struct Lines {
    pending: Vec<u8>,
}

impl Lines {
    /// The lines `chunk` completes (without their newline; blank ones skipped).
    fn push(&mut self, chunk: &[u8]) -> Vec<String> {
        self.pending.extend_from_slice(chunk);
        let Some(last_newline) = self.pending.iter().rposition(|&b| b == b'\n') else {
            return Vec::new();
        };
        let rest = self.pending.split_off(last_newline + 1);
        let complete = std::mem::replace(&mut self.pending, rest);
        split(&complete)
    }

    /// What is left once the body ended without a final newline.
    fn finish(self) -> Vec<String> {
        split(&self.pending)
    }
}

fn split(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse<T: DeserializeOwned>(line: String) -> Result<T> {
    serde_json::from_str(&line).map_err(|e| Error::Unexpected {
        status: 200,
        body: format!("{e}: {line}"),
    })
}

/// The items of a JSON-lines body, in order; a transport error ends it.
pub(crate) fn items<T, B>(
    body: impl Stream<Item = reqwest::Result<B>> + 'static,
) -> impl Stream<Item = Result<T>> + 'static
where
    T: DeserializeOwned + 'static,
    B: AsRef<[u8]>,
{
    let reading = Reading {
        body: Box::pin(body),
        lines: Lines::default(),
        ready: VecDeque::new(),
        ended: false,
    };
    stream::unfold(reading, |mut reading| async move {
        loop {
            if let Some(line) = reading.ready.pop_front() {
                return Some((parse(line), reading));
            }
            if reading.ended {
                return None;
            }
            match reading.body.next().await {
                Some(Ok(chunk)) => reading.ready.extend(reading.lines.push(chunk.as_ref())),
                Some(Err(error)) => {
                    reading.ended = true;
                    return Some((Err(Error::Transport(error)), reading));
                }
                None => {
                    reading.ended = true;
                    let rest = std::mem::take(&mut reading.lines).finish();
                    reading.ready.extend(rest);
                }
            }
        }
    })
}

struct Reading<S> {
    body: std::pin::Pin<Box<S>>,
    lines: Lines,
    ready: VecDeque<String>,
    ended: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_across_chunks_come_out_whole() {
        let mut lines = Lines::default();
        assert!(lines.push(b"{\"type\":\"tok").is_empty());
        assert_eq!(
            lines.push(b"en\"}\n\n{\"a\":1}\n{\"b\""),
            ["{\"type\":\"token\"}", "{\"a\":1}"]
        );
        assert_eq!(lines.push(b":2}"), Vec::<String>::new());
        assert_eq!(lines.finish(), ["{\"b\":2}"]);
    }

    #[tokio::test]
    async fn a_body_becomes_its_events() {
        use parley_shared_types::chat::ChatStreamEvent;
        let chunks: Vec<reqwest::Result<&'static [u8]>> = vec![
            Ok(b"{\"type\":\"token\",\"text\":\"Hel"),
            Ok(b"lo\"}\n{\"type\":\"error\",\"detail\":\"x\"}"),
        ];
        let events: Vec<ChatStreamEvent> = items(stream::iter(chunks))
            .map(|event| event.unwrap())
            .collect()
            .await;
        assert_eq!(
            events,
            [
                ChatStreamEvent::Token {
                    text: "Hello".into()
                },
                ChatStreamEvent::Error { detail: "x".into() }
            ]
        );
    }
}
