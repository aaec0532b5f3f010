//! Screens that show something still changing on the edge (an agent loop's execution) ask
//! again on an interval until it settles.

use crate::api::sleep;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How often a changing thing is asked for again.
pub const POLL_MS: i32 = 1000;

/// Bumps `tick` (which the data's `LocalResource` tracks) [`POLL_MS`] after each answer for
/// which `changing()` holds.
pub fn refetch_while(tick: RwSignal<u32>, changing: impl Fn() -> bool + 'static) {
    Effect::new(move |_| {
        if changing() {
            spawn_local(async move {
                sleep(POLL_MS).await;
                tick.try_update(|n| *n += 1);
            });
        }
    });
}
