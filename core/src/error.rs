//! Bad input as data: every problem with a stable code, a message and the JSON path of the field.

use serde::{Deserialize, Serialize};

use crate::names::wire_enum;
use crate::rules::catalog::Rule;

wire_enum! {
    /// Stable code of an input error.
    ErrorCode {
        /// The text is not JSON.
        InvalidJson = "invalidJson",
        /// A value has the wrong JSON type.
        InvalidType = "invalidType",
        /// A required field is absent.
        MissingField = "missingField",
        /// A field the schema does not know.
        UnknownField = "unknownField",
        /// The same field twice in one object.
        DuplicateField = "duplicateField",
        /// A string is not one of the allowed values.
        UnknownVariant = "unknownVariant",
        /// A value is malformed (e.g. a currency code).
        InvalidValue = "invalidValue",
        /// A timestamp without an offset, or not a real instant (TIME-1).
        InvalidTimestamp = "invalidTimestamp",
        /// A calendar date that is malformed or impossible.
        InvalidDate = "invalidDate",
        /// A number outside its allowed range, or not whole where it must be.
        OutOfRange = "outOfRange",
        /// An amount that is not a decimal, is negative, or has too many decimals.
        InvalidMoney = "invalidMoney",
        /// An end that comes before its start.
        EndBeforeStart = "endBeforeStart",
        /// A request, string or list larger than the engine accepts.
        TooLarge = "tooLarge",
        /// Facts no subscription can have (LIFE-1): `now` before the order, a term that starts
        /// before its order, a billing cycle longer than the term.
        Impossible = "impossible",
        /// Prices in two currencies in one decision (MONEY-6).
        CurrencyMismatch = "currencyMismatch",
    }
}

/// One problem in a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct InputError {
    /// Stable code.
    pub code: ErrorCode,
    /// JSON path of the field, e.g. `subscription.orderedAt` or `customer.subscriptions[2].id`;
    /// empty for the request as a whole.
    pub path: String,
    /// Lowercase English message; user input is quoted in backticks.
    pub message: String,
    /// The POLICY.md rule behind the check, where there is one (e.g. TIME-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
}

impl InputError {
    /// A new error.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            code,
            path: path.into(),
            message: message.into(),
            rule: None,
        }
    }

    /// The same error, naming the rule behind the check.
    pub fn with_rule(mut self, rule: Rule) -> Self {
        self.rule = Some(rule);
        self
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at `{}`: {}", self.code, self.path, self.message)
        }
    }
}

/// Every problem found in one request (never empty when returned as an error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(transparent)]
pub struct InputErrors(pub Vec<InputError>);

impl InputErrors {
    /// The errors.
    pub fn errors(&self) -> &[InputError] {
        &self.0
    }
}

impl std::fmt::Display for InputErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputErrors {}
