//! What one request may spend while it runs: a deadline, and bytes of answer.
//!
//! Complexity is counted before a request runs, from `first` arguments; it cannot see how large
//! a `subgraph`, an `export` or an extracted sentence turns out to be. The budget sees them as
//! they are made: the request extension charges every value a field resolves to, and once the
//! answer is over its limit (or the deadline has passed) every further field waits forever, so
//! [`run`] drops the whole execution and answers one error that names the limit. Nothing past the
//! limit is built, and a request stopped at its deadline stops working too, rather than running
//! on after its client was told it timed out.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::time::Duration;

use async_graphql::{Response, Value};
use tokio::sync::Notify;
use tokio::time::Instant;

use super::error::ErrorCode;
use super::{KgraphSchema, request_error};

/// The largest answer by default, in bytes.
pub const DEFAULT_MAX_ANSWER_BYTES: usize = 16 << 20;

/// What a request may still spend.
#[derive(Debug)]
pub struct Budget {
    deadline: Instant,
    timeout: Duration,
    max_answer_bytes: usize,
    spent: AtomicUsize,
    /// 0 while within budget, else the [`Exhausted`] it ran out of.
    state: AtomicU8,
    stopped: Notify,
}

/// What a request ran out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exhausted {
    /// Its time.
    Time = 1,
    /// Room in its answer.
    Answer = 2,
}

impl Budget {
    /// A budget of `timeout` from now and `max_answer_bytes` of answer.
    pub fn new(timeout: Duration, max_answer_bytes: usize) -> Arc<Budget> {
        Arc::new(Budget {
            deadline: Instant::now() + timeout,
            timeout,
            max_answer_bytes,
            spent: AtomicUsize::new(0),
            state: AtomicU8::new(0),
            stopped: Notify::new(),
        })
    }

    /// When the request must be done.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// Bytes of answer still allowed.
    pub fn remaining(&self) -> usize {
        self.max_answer_bytes
            .saturating_sub(self.spent.load(Ordering::Relaxed))
    }

    /// The largest answer allowed.
    pub fn max_answer_bytes(&self) -> usize {
        self.max_answer_bytes
    }

    /// What the request ran out of, if it did; checks the deadline.
    pub fn exhausted(&self) -> Option<Exhausted> {
        match self.state.load(Ordering::Acquire) {
            1 => Some(Exhausted::Time),
            2 => Some(Exhausted::Answer),
            _ if Instant::now() >= self.deadline => {
                self.stop(Exhausted::Time);
                Some(Exhausted::Time)
            }
            _ => None,
        }
    }

    fn stop(&self, why: Exhausted) {
        if self
            .state
            .compare_exchange(0, why as u8, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
        {
            self.stopped.notify_one();
        }
    }

    /// Counts `bytes` of answer; `false` (and the request stops) when that is over the limit.
    pub fn charge(&self, bytes: usize) -> bool {
        let spent = self.spent.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if spent > self.max_answer_bytes {
            self.stop(Exhausted::Answer);
            return false;
        }
        true
    }

    /// Counts a resolved value: its strings and a fixed cost per field and list item, about what
    /// it takes in memory as a `Value` and then as JSON. Objects and lists of objects are counted
    /// by their own fields, which pass here one by one.
    pub fn charge_value(&self, value: &Value) -> bool {
        self.charge(weigh(value))
    }

    /// The error the request ends with once its budget is exhausted.
    pub fn error(&self, why: Exhausted) -> async_graphql::ServerError {
        match why {
            Exhausted::Time => timeout_error(self.timeout),
            Exhausted::Answer => request_error(
                ErrorCode::AnswerTooLarge,
                format!(
                    "the answer would be larger than the limit of {} (--max-answer-mb); ask for \
                     less: smaller `first`, fewer fields, a filter on `subgraph` or `export`",
                    mebibytes(self.max_answer_bytes)
                ),
            ),
        }
    }
}

/// The error of a request stopped at its deadline.
pub fn timeout_error(timeout: Duration) -> async_graphql::ServerError {
    let seconds = timeout.as_secs_f64();
    request_error(
        ErrorCode::Timeout,
        format!(
            "the request ran longer than {seconds} s and was stopped; ask for less (smaller \
             `first`, fewer levels)"
        ),
    )
}

/// Bytes as MiB, for messages.
pub fn mebibytes(bytes: usize) -> String {
    if bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// The bytes a value is charged: 32 per value, and the length of its strings.
fn weigh(value: &Value) -> usize {
    const PER_VALUE: usize = 32;
    match value {
        Value::String(s) => PER_VALUE + s.len(),
        Value::List(items) => {
            PER_VALUE
                + items
                    .iter()
                    .map(|v| match v {
                        // Their fields are charged as they resolve.
                        Value::Object(_) => PER_VALUE,
                        other => weigh(other),
                    })
                    .sum::<usize>()
        }
        _ => PER_VALUE,
    }
}

/// Runs `request` within `budget`: the answer, or one error when the budget ran out first (the
/// execution is dropped then, with everything it had built).
pub async fn run(
    schema: &KgraphSchema,
    request: async_graphql::Request,
    budget: Arc<Budget>,
) -> Response {
    let execution = schema.execute(request.data(budget.clone()));
    tokio::select! {
        biased;
        response = execution => match budget.exhausted_now() {
            // The last field went over: what was built is not the whole answer.
            Some(why) => Response::from_errors(vec![budget.error(why)]),
            None => response,
        },
        () = budget.stopped.notified() => {
            let why = budget.exhausted_now().unwrap_or(Exhausted::Time);
            Response::from_errors(vec![budget.error(why)])
        }
        () = tokio::time::sleep_until(budget.deadline) => {
            budget.stop(Exhausted::Time);
            Response::from_errors(vec![budget.error(Exhausted::Time)])
        }
    }
}

impl Budget {
    /// What the request ran out of, without checking the clock.
    fn exhausted_now(&self) -> Option<Exhausted> {
        match self.state.load(Ordering::Acquire) {
            1 => Some(Exhausted::Time),
            2 => Some(Exhausted::Answer),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_budget_stops_at_its_limit() {
        let budget = Budget::new(Duration::from_secs(30), 1000);
        assert!(budget.charge_value(&Value::String("x".repeat(500))));
        assert_eq!(budget.exhausted(), None);
        assert!(!budget.charge_value(&Value::String("x".repeat(500))));
        assert_eq!(budget.exhausted(), Some(Exhausted::Answer));
        let message = budget.error(Exhausted::Answer).message;
        assert!(message.contains("1000 bytes"), "{message}");
    }

    #[tokio::test]
    async fn the_deadline_is_checked() {
        let budget = Budget::new(Duration::from_millis(1), 1000);
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert_eq!(budget.exhausted(), Some(Exhausted::Time));
    }
}
