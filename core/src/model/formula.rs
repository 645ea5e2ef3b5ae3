//! The working's formula of a money line ([`Formula`]): its numbers, written out where it is
//! read.

use rust_decimal::Decimal;

/// How a money line's amount was computed, written out
/// ([`Working::formula`](crate::model::decision::Working::formula), e.g.
/// `10.08 × 29 / 31 = 9.4296… → 9.42 per licence × 10 = 94.20`): kept as a template and its
/// numbers until it is read, and written where it is — serialized (straight into the serializer's output),
/// displayed, compared. It reads as the string it stands for: serialized as a JSON string,
/// equal to another formula with the same text, `Display`ed as that text.
#[derive(Clone)]
pub struct Formula(Repr);

#[derive(Clone)]
enum Repr {
    /// A template and its numbers.
    Steps(Steps),
    /// Written already (a deserialized formula).
    Written(String),
}

/// A formula's template and its numbers: amounts (`unitPrice`, the quotient, the per-licence
/// amount, the amount) and counts (the quantity, the remaining days, the period's days).
#[derive(Clone, Copy)]
pub(crate) struct Steps {
    template: &'static [Tok],
    amounts: [Decimal; 4],
    counts: [u32; 3],
    /// Whether the quotient was cut (written with an ellipsis).
    inexact: bool,
}

/// A piece of a formula's template.
#[derive(Clone, Copy)]
enum Tok {
    /// Text.
    T(&'static str),
    /// An amount, by its index, written with every digit of its scale.
    D(usize),
    /// A count, by its index.
    N(usize),
    /// An ellipsis if the quotient was cut.
    Cut,
}

use Tok::{Cut, D, N, T};

/// The amounts' and counts' indices.
const PRICE: usize = 0;
const QUOTIENT: usize = 1;
const PER_UNIT: usize = 2;
const AMOUNT: usize = 3;
const QUANTITY: usize = 0;
const REMAINING: usize = 1;
const DAYS: usize = 2;

/// The whole amount: `unitPrice × quantity = amount`.
const FULL: &[Tok] = &[D(PRICE), T(" × "), N(QUANTITY), T(" = "), D(AMOUNT)];
/// MONEY-3: `unitPrice × remaining / days = q → perUnit per licence × quantity = amount`.
const PRORATED_PER_UNIT: &[Tok] = &[
    D(PRICE),
    T(" × "),
    N(REMAINING),
    T(" / "),
    N(DAYS),
    T(" = "),
    D(QUOTIENT),
    Cut,
    T(" → "),
    D(PER_UNIT),
    T(" per licence × "),
    N(QUANTITY),
    T(" = "),
    D(AMOUNT),
];
/// MONEY-4: `unitPrice × quantity × remaining / days = q → amount`.
const PRORATED_LINE: &[Tok] = &[
    D(PRICE),
    T(" × "),
    N(QUANTITY),
    T(" × "),
    N(REMAINING),
    T(" / "),
    N(DAYS),
    T(" = "),
    D(QUOTIENT),
    Cut,
    T(" → "),
    D(AMOUNT),
];

/// The fraction `num / den` in a formula: exact if it has at most four decimals, else four and
/// an ellipsis.
#[derive(Clone, Copy)]
pub(crate) struct Quotient {
    /// Its value, cut to four decimals.
    pub value: Decimal,
    /// Whether it was cut.
    pub inexact: bool,
}

impl Steps {
    /// `unitPrice × quantity = amount`.
    pub(crate) fn full(unit_price: Decimal, quantity: u32, amount: Decimal) -> Self {
        Steps {
            template: FULL,
            amounts: [unit_price, Decimal::ZERO, Decimal::ZERO, amount],
            counts: [quantity, 0, 0],
            inexact: false,
        }
    }

    /// MONEY-3: `unitPrice × remaining / days = q → perUnit per licence × quantity = amount`.
    pub(crate) fn per_unit(
        unit_price: Decimal,
        (remaining, days): (u32, u32),
        q: Quotient,
        per_unit: Decimal,
        quantity: u32,
        amount: Decimal,
    ) -> Self {
        Steps {
            template: PRORATED_PER_UNIT,
            amounts: [unit_price, q.value, per_unit, amount],
            counts: [quantity, remaining, days],
            inexact: q.inexact,
        }
    }

    /// MONEY-4: `unitPrice × quantity × remaining / days = q → amount`.
    pub(crate) fn line(
        unit_price: Decimal,
        quantity: u32,
        (remaining, days): (u32, u32),
        q: Quotient,
        amount: Decimal,
    ) -> Self {
        Steps {
            template: PRORATED_LINE,
            amounts: [unit_price, q.value, Decimal::ZERO, amount],
            counts: [quantity, remaining, days],
            inexact: q.inexact,
        }
    }

    /// The template written with the numbers (no formatter's machinery: one loop for every
    /// formula).
    #[inline(never)]
    fn write(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for tok in self.template {
            match *tok {
                T(t) => f.write_str(t)?,
                D(i) => {
                    crate::util::write_decimal(f, self.amounts.get(i).unwrap_or(&Decimal::ZERO))?
                }
                N(i) => crate::util::write_count(f, self.counts.get(i).copied().unwrap_or(0))?,
                Cut if self.inexact => f.write_str("…")?,
                Cut => {}
            }
        }
        Ok(())
    }
}

impl Formula {
    /// The text: borrowed where it was written already, else written.
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match &self.0 {
            Repr::Written(s) => std::borrow::Cow::Borrowed(s),
            Repr::Steps(_) => std::borrow::Cow::Owned(self.to_string()),
        }
    }
}

impl std::fmt::Display for Formula {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Repr::Steps(steps) => steps.write(f),
            Repr::Written(s) => f.write_str(s),
        }
    }
}

crate::util::reads_as_text!(Formula, eq);

impl From<Steps> for Formula {
    fn from(steps: Steps) -> Self {
        Formula(Repr::Steps(steps))
    }
}

impl From<String> for Formula {
    fn from(s: String) -> Self {
        Formula(Repr::Written(s))
    }
}

impl serde::Serialize for Formula {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Written(s) => serializer.serialize_str(s),
            // Written straight into the serializer's output.
            Repr::Steps(_) => serializer.collect_str(self),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Formula {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Formula::from)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use rust_decimal_macros::dec;

    /// Each template writes its numbers in place; a formula reads as its text: displayed,
    /// compared (with one written already, too), serialized and read back.
    #[test]
    fn a_formula_reads_as_its_text() {
        let cut = Quotient {
            value: dec!(9.4296),
            inexact: true,
        };
        let exact = Quotient {
            value: dec!(100.8),
            inexact: false,
        };
        for (steps, text) in [
            (
                Steps::full(dec!(20.00), 5, dec!(100.00)),
                "20.00 × 5 = 100.00",
            ),
            (
                Steps::per_unit(dec!(10.08), (29, 31), cut, dec!(9.42), 10, dec!(94.20)),
                "10.08 × 29 / 31 = 9.4296… → 9.42 per licence × 10 = 94.20",
            ),
            (
                Steps::line(dec!(100.80), 1, (31, 31), exact, dec!(100.80)),
                "100.80 × 1 × 31 / 31 = 100.8 → 100.80",
            ),
        ] {
            let f = Formula::from(steps);
            assert_eq!(f.to_string(), text);
            assert_eq!(f, text);
            assert_eq!(f, Formula::from(text.to_string()));
            assert_eq!(format!("{f:?}"), format!("{text:?}"));
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            assert_eq!(serde_json::from_str::<Formula>(&json).unwrap(), f);
        }
    }
}
