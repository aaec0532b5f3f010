//! What a create form does with its request: checks it here first (the reason in words, no
//! call), then sends it and hands the edge's answer on, or keeps the edge's reason.

use crate::api::{ClientError, explain};
use leptos::prelude::*;
use parley_shared_types::validate::{FieldErrors, describe};
use std::future::Future;

/// A form's submission. Cheap to copy into its event handlers.
pub struct Submission<R: 'static> {
    action: Action<R, Result<(), String>>,
    invalid: RwSignal<Option<String>>,
}

impl<R: 'static> Clone for Submission<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R: 'static> Copy for Submission<R> {}

impl<R: Clone + Send + Sync + 'static> Submission<R> {
    /// Sends requests with `send`; `done` gets each answer the edge accepted.
    pub fn new<T, Fut>(send: impl Fn(R) -> Fut + 'static, done: impl Fn(T) + Copy + 'static) -> Self
    where
        T: 'static,
        Fut: Future<Output = Result<T, ClientError>> + 'static,
    {
        let action = Action::new_local(move |request: &R| {
            let sent = send(request.clone());
            async move {
                done(sent.await.map_err(|e| explain(&e))?);
                Ok(())
            }
        });
        Submission {
            action,
            invalid: RwSignal::new(None),
        }
    }

    /// Sends `request` unless `checked` (its own validation) names what is wrong.
    pub fn submit(&self, request: R, checked: Result<(), FieldErrors>) {
        match checked {
            Ok(()) => {
                self.invalid.set(None);
                self.action.dispatch(request);
            }
            Err(errors) => self.invalid.set(Some(describe(&errors))),
        }
    }

    pub fn pending(&self) -> bool {
        self.action.pending().get()
    }

    /// Why the last submission was not accepted: its own check's reason or the edge's.
    pub fn error(&self) -> Option<String> {
        self.invalid
            .get()
            .or_else(|| self.action.value().get().and_then(Result::err))
    }
}
