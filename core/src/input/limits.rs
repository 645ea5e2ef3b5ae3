//! Input limits: beyond them a request gets a `tooLarge` or `outOfRange` error, never a hang.

/// Largest JSON request accepted by the JSON entry point, in bytes.
pub const MAX_REQUEST_BYTES: usize = 1 << 20;
/// Longest string field, in characters.
pub const MAX_STRING_CHARS: usize = 256;
/// Most add-ons on one subscription.
pub const MAX_ADD_ONS: usize = 100;
/// Most scheduled changes on one subscription.
pub const MAX_SCHEDULED_CHANGES: usize = 50;
/// Most upgrade paths on one subscription.
pub const MAX_UPGRADE_PATHS: usize = 100;
/// Most subscriptions listed for one customer.
pub const MAX_CUSTOMER_SUBSCRIPTIONS: usize = 1_000;
/// Most entries in a list of countries, segments, partners or base offers.
pub const MAX_SMALL_LIST: usize = 300;
/// Most roles on one actor.
pub const MAX_ROLES: usize = 16;
/// Largest licence count.
pub const MAX_QUANTITY: u32 = 1_000_000;
/// Largest unit price (in currency units).
pub const MAX_UNIT_PRICE: i64 = 1_000_000_000;
/// Most errors reported for one request.
pub const MAX_ERRORS: usize = 100;
/// Most offers in one catalog query.
pub const MAX_OFFERS: usize = 1_000;
/// Most actions in one available-actions or timeline query.
pub const MAX_ACTIONS: usize = 64;
/// Most requests in one batch.
pub const MAX_BATCH: usize = 100_000;
/// Most seat additions on one subscription.
pub const MAX_SEAT_ADDITIONS: usize = 100;
/// Largest JSON text accepted by the batch entry point ([`crate::evaluate_many_json`]), in
/// bytes: 64 MiB. Each request of a batch is bounded by its lists and strings; this bounds the
/// text (and so the memory of the parsed value) before it is parsed.
pub const MAX_BATCH_BYTES: usize = 64 << 20;
/// Deepest nesting of arrays and objects read from one request: a container at this depth or
/// deeper (the request itself is at depth 0; a valid request nests 5 levels) is `tooLarge`.
/// The same for JSON text and for a JS value (where it also stops a cycle).
pub const MAX_DEPTH: usize = 64;
/// Most JSON values (every object, array, string, number, boolean and `null`, the request
/// itself included; keys are not values) read from one request, from text or from a JS value.
pub const MAX_VALUES: usize = 200_000;

/// Which of the reader's limits stopped it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadLimit {
    /// More than [`MAX_REQUEST_BYTES`] bytes of JSON text (for a JS value: of the compact text
    /// `JSON.stringify` writes for it).
    Bytes,
    /// More than [`MAX_VALUES`] values.
    Values,
    /// A container deeper than [`MAX_DEPTH`] allows.
    Depth,
}

impl ReadLimit {
    /// The `tooLarge` error at the request's root, as every reader reports it.
    pub fn error(self) -> crate::error::InputError {
        let message = match self {
            ReadLimit::Bytes => format!(
                "more than {MAX_REQUEST_BYTES} bytes of JSON text; at most that many are read"
            ),
            ReadLimit::Values => {
                format!("more than {MAX_VALUES} values; at most that many are read")
            }
            ReadLimit::Depth => {
                format!("nested more than {MAX_DEPTH} levels deep (is there a cycle?)")
            }
        };
        crate::error::InputError::new(crate::error::ErrorCode::TooLarge, "", message)
    }
}

/// The latest year of an instant or a date the engine reads (its UTC year). Every instant an
/// answer holds is an input instant plus terms (at most five years), windows and retention (at
/// most `MAX_WINDOW_DAYS`, ten years, each), so it stays far below the year 10000,
/// which RFC 3339 cannot write and the reader would refuse.
pub const LATEST_YEAR: i32 = 9899;

/// Check the size of a batch of `n` requests (or a prepared subscription's actions) against
/// [`MAX_BATCH`].
pub fn check_batch(n: usize) -> Result<(), crate::error::InputErrors> {
    use crate::error::{ErrorCode, InputError, InputErrors};
    if n > MAX_BATCH {
        return Err(InputErrors(vec![InputError::new(
            ErrorCode::TooLarge,
            "",
            format!("{n} requests in one batch; at most {MAX_BATCH} are accepted"),
        )]));
    }
    Ok(())
}
