//! MONEY-2…5: remaining days and amounts cut to the currency's minor unit (the billing periods
//! of MONEY-1 are the calendar's, [`crate::calendar`]).
//!
//! Every function here is exact (`rust_decimal`) and total: arithmetic is checked, and an
//! amount that cannot be computed is `None` rather than a panic.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::decision::{MoneyKind, MoneyLine, Working};
pub use crate::model::formula::Formula;
use crate::model::formula::{Quotient, Steps};
use crate::policy::params::Rounding;
use crate::rules::catalog::Rule;

pub use crate::calendar::Period;

/// Decimal places of a currency (ISO 4217); 2 unless the currency says otherwise (MONEY-5).
pub fn minor_units(currency: &str) -> u32 {
    // The code as one number, compared with each list's (a match on strings compares bytes arm
    // by arm, and this is asked for every money line).
    const fn code(c: &[u8]) -> u32 {
        match c {
            [a, b, c] => (*a as u32) << 16 | (*b as u32) << 8 | *c as u32,
            _ => 0,
        }
    }
    macro_rules! codes {
        ($($name:ident)*) => { $(const $name: u32 = code(stringify!($name).as_bytes());)* };
    }
    codes!(BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF);
    codes!(BHD IQD JOD KWD LYD OMR TND);
    // Any other length is 0, which names no currency.
    match code(currency.as_bytes()) {
        BIF | CLP | DJF | GNF | ISK | JPY | KMF | KRW | PYG | RWF | UGX | UYI | VND | VUV | XAF
        | XOF | XPF => 0,
        BHD | IQD | JOD | KWD | LYD | OMR | TND => 3,
        _ => 2,
    }
}

/// MONEY-2: days from the event day `day` through the period's end, the event day included
/// (it is not charged as used). Clamped to `0..=period.days`.
pub fn remaining_days(period: &Period, day: NaiveDate) -> u32 {
    if day < period.start {
        period.days
    } else if day > period.end {
        0
    } else {
        u32::try_from((period.end - day).num_days() + 1).unwrap_or(0)
    }
}

/// MONEY-5: cut (or round, per the policy) to `units` decimals, shown with exactly that scale.
pub fn cut(x: Decimal, units: u32, rounding: Rounding) -> Decimal {
    // In integers (below); every rounding is symmetric about zero. An amount whose digits at
    // `units` would not fit rust_decimal's 96 bits (none that input can make) is left as it is.
    let digits = x.mantissa().unsigned_abs();
    let cut = match units.checked_sub(x.scale()) {
        // Nothing to cut: the same digits at `units`.
        Some(more) => pow10(more).and_then(|p| digits.checked_mul(p)),
        None => pow10(x.scale()).and_then(|den| cut_ratio(digits, den, units, rounding)),
    }
    .and_then(|digits| decimal(digits, units));
    match cut {
        Some(c) if x.is_sign_negative() && !c.is_zero() => -c,
        Some(c) => c,
        None => x,
    }
}

/// The fraction `num / den` for a formula: exact if it has at most four decimals, else four
/// and an ellipsis; `None` only for a quotient beyond 96 bits (none that input can make).
fn quotient(num: u128, den: u128) -> Option<Quotient> {
    let (mut digits, rest) = div_rem(num.checked_mul(10_000)?, den)?;
    let mut scale = 4;
    if rest == 0 {
        while scale > 0 && digits % 10 == 0 {
            digits /= 10;
            scale -= 1;
        }
    }
    Some(Quotient {
        value: decimal(digits, scale)?,
        inexact: rest != 0,
    })
}

/// Inputs of a money computation.
#[derive(Debug, Clone)]
pub struct Pricing<'a> {
    /// Licences.
    pub quantity: u32,
    /// Price of one licence for one period.
    pub unit_price: Decimal,
    /// Currency code.
    pub currency: &'a str,
    /// Rounding mode.
    pub rounding: Rounding,
}

impl Pricing<'_> {
    fn units(&self) -> u32 {
        minor_units(self.currency)
    }

    /// What was paid for the period: `unitPrice × quantity`.
    pub fn paid(&self) -> Option<Decimal> {
        self.unit_price.checked_mul(Decimal::from(self.quantity))
    }

    fn line(&self, kind: MoneyKind, rule: Rule, amount: Decimal, working: Working) -> MoneyLine {
        MoneyLine {
            kind,
            rule,
            amount: amount.into(),
            currency: self.currency.into(),
            working,
        }
    }

    fn working(&self, formula: Formula, rules: &'static [Rule]) -> Working {
        Working {
            quantity: self.quantity,
            unit_price: self.unit_price.into(),
            period_start: None,
            period_end: None,
            period_days: None,
            remaining_days: None,
            per_unit: None,
            rounding: self.rounding,
            minor_units: self.units(),
            formula,
            rules: std::borrow::Cow::Borrowed(rules),
        }
    }

    /// The whole amount, `unitPrice × quantity` (MONEY-3 inside the full-refund window; the
    /// full credit of CANC-1/2).
    pub fn full(&self, kind: MoneyKind, rule: Rule) -> Option<MoneyLine> {
        let amount = cut(self.paid()?, self.units(), self.rounding);
        let formula = Formula::from(Steps::full(self.unit_price, self.quantity, amount));
        Some(self.line(kind, rule, amount, self.working(formula, &[Rule::Money5])))
    }

    /// MONEY-3: per-licence proration, cut per licence, times the quantity; never negative and
    /// never more than what was paid (MONEY-5).
    pub fn per_unit_prorated(
        &self,
        kind: MoneyKind,
        rule: Rule,
        period: &Period,
        remaining: u32,
    ) -> Option<MoneyLine> {
        let units = self.units();
        let (price, scale) = digits_of(self.unit_price)?;
        // unitPrice × remaining / days, exactly: `num / den`.
        let num = price.checked_mul(u128::from(remaining))?;
        let den = pow10(scale)?.checked_mul(u128::from(period.days.max(1)))?;
        let per_unit = cut_ratio(num, den, units, self.rounding)?;
        let total = per_unit.checked_mul(u128::from(self.quantity))?;
        let paid = price.checked_mul(u128::from(self.quantity))?;
        let amount = cut_at_most(total, pow10(units)?, paid, scale, units, self.rounding)?;
        let (per_unit, amount) = (decimal(per_unit, units)?, decimal(amount, units)?);
        let f = Formula::from(Steps::per_unit(
            self.unit_price,
            (remaining, period.days),
            quotient(num, den)?,
            per_unit,
            self.quantity,
            amount,
        ));
        let mut working = self.working(f, &[Rule::Money1, Rule::Money2, Rule::Money5]);
        working.period_start = Some(period.start.into());
        working.period_end = Some(period.end.into());
        working.period_days = Some(period.days);
        working.remaining_days = Some(remaining);
        working.per_unit = Some(per_unit.into());
        Some(self.line(kind, rule, amount, working))
    }

    /// MONEY-4: `prorated(unitPrice × quantity)`, cut at the line total.
    pub fn line_prorated(
        &self,
        kind: MoneyKind,
        rule: Rule,
        period: &Period,
        remaining: u32,
    ) -> Option<MoneyLine> {
        let units = self.units();
        let (price, scale) = digits_of(self.unit_price)?;
        let paid = price.checked_mul(u128::from(self.quantity))?;
        // unitPrice × quantity × remaining / days, exactly: `num / den`.
        let num = paid.checked_mul(u128::from(remaining))?;
        let den = pow10(scale)?.checked_mul(u128::from(period.days.max(1)))?;
        let amount = decimal(
            cut_at_most(num, den, paid, scale, units, self.rounding)?,
            units,
        )?;
        let f = Formula::from(Steps::line(
            self.unit_price,
            self.quantity,
            (remaining, period.days),
            quotient(num, den)?,
            amount,
        ));
        let mut working = self.working(f, &[Rule::Money1, Rule::Money2, Rule::Money5]);
        working.period_start = Some(period.start.into());
        working.period_end = Some(period.end.into());
        working.period_days = Some(period.days);
        working.remaining_days = Some(remaining);
        Some(self.line(kind, rule, amount, working))
    }
}

// MONEY-3/4 in integers: an amount is its digits and scale, a prorated amount the exact fraction
// `num / den`, and cutting it one integer division with its remainder (rust_decimal's division
// and rounding are most of a decision's money). The same amounts and formulas as the decimal
// arithmetic (a test holds them to it on random prices, periods and quantities).

/// An amount's digits and scale; `None` below zero (a price never is: checked on input).
fn digits_of(x: Decimal) -> Option<(u128, u32)> {
    if x.is_sign_negative() && !x.is_zero() {
        return None;
    }
    Some((x.mantissa().unsigned_abs(), x.scale()))
}

fn pow10(n: u32) -> Option<u128> {
    10u128.checked_pow(n)
}

/// The amount of `digits` at `scale`.
fn decimal(digits: u128, scale: u32) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(i128::try_from(digits).ok()?, scale).ok()
}

/// MONEY-5: the fraction `num / den` cut to `units` decimals by `rounding`, as the digits at
/// that scale.
fn cut_ratio(num: u128, den: u128, units: u32, rounding: Rounding) -> Option<u128> {
    let scaled = num.checked_mul(pow10(units)?)?;
    let (q, r) = div_rem(scaled, den)?;
    let twice = r.checked_mul(2)?;
    let up = match rounding {
        Rounding::ToZero => false,
        Rounding::Up => r > 0,
        Rounding::HalfUp => twice >= den,
        Rounding::HalfEven => twice > den || (twice == den && q % 2 == 1),
    };
    q.checked_add(u128::from(up))
}

/// `num / den` and its remainder; in 64 bits where both fit (most amounts: 128-bit division is a
/// long routine, in wasm above all).
fn div_rem(num: u128, den: u128) -> Option<(u128, u128)> {
    if let (Ok(n), Ok(d)) = (u64::try_from(num), u64::try_from(den)) {
        return Some((u128::from(n.checked_div(d)?), u128::from(n.checked_rem(d)?)));
    }
    Some((num.checked_div(den)?, num.checked_rem(den)?))
}

/// MONEY-5: the fraction `num / den`, never more than `paid` (digits at `scale`), cut.
fn cut_at_most(
    num: u128,
    den: u128,
    paid: u128,
    scale: u32,
    units: u32,
    rounding: Rounding,
) -> Option<u128> {
    let whole = pow10(scale)?;
    if num.checked_mul(whole)? > paid.checked_mul(den)? {
        cut_ratio(paid, whole, units, rounding)
    } else {
        cut_ratio(num, den, units, rounding)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    // MONEY-1 through the calendar (what these tests called before it existed).
    use crate::calendar::Calendar;
    use crate::model::vocab::{BillingFrequency, Term};

    fn cycle_from(start: NaiveDate, frequency: BillingFrequency) -> Period {
        Calendar::new(start, Term::Triennial, frequency, None)
            .cycle(0)
            .unwrap()
    }

    fn term_end(start: NaiveDate, term: Term) -> NaiveDate {
        Calendar::new(start, term, BillingFrequency::Monthly, None).end
    }

    fn period_containing(start: NaiveDate, frequency: BillingFrequency, day: NaiveDate) -> Period {
        Calendar::new(start, Term::Triennial, frequency, None).period_containing(day)
    }

    #[test]
    fn money_1_monthly_cycle_is_as_long_as_its_start_month() {
        let p = cycle_from(d("2021-07-15"), BillingFrequency::Monthly);
        assert_eq!((p.end, p.days), (d("2021-08-14"), 31));
        let p = cycle_from(d("2021-02-15"), BillingFrequency::Monthly);
        assert_eq!((p.end, p.days), (d("2021-03-14"), 28));
        let p = cycle_from(d("2024-02-10"), BillingFrequency::Monthly);
        assert_eq!((p.end, p.days), (d("2024-03-09"), 29));
        let p = cycle_from(d("2021-04-01"), BillingFrequency::Monthly);
        assert_eq!((p.end, p.days), (d("2021-04-30"), 30));
    }

    #[test]
    fn money_1_annual_cycle_has_365_or_366_days() {
        assert_eq!(
            cycle_from(d("2021-07-15"), BillingFrequency::Annual).days,
            365
        );
        assert_eq!(
            cycle_from(d("2023-07-15"), BillingFrequency::Annual).days,
            366
        );
        assert_eq!(
            cycle_from(d("2024-01-01"), BillingFrequency::Annual).end,
            d("2024-12-31")
        );
    }

    #[test]
    fn money_1_term_end_and_period_lookup() {
        assert_eq!(term_end(d("2021-07-15"), Term::Monthly), d("2021-08-14"));
        assert_eq!(term_end(d("2021-07-15"), Term::Annual), d("2022-07-14"));
        assert_eq!(term_end(d("2021-07-15"), Term::Triennial), d("2024-07-14"));
        let p = period_containing(d("2021-07-15"), BillingFrequency::Monthly, d("2021-09-20"));
        assert_eq!(
            (p.start, p.end, p.days),
            (d("2021-09-15"), d("2021-10-14"), 30)
        );
        let p = period_containing(d("2021-07-15"), BillingFrequency::Monthly, d("2021-07-01"));
        assert_eq!(p.start, d("2021-07-15"));
    }

    #[test]
    fn money_2_event_day_counts_as_remaining() {
        let p = cycle_from(d("2021-07-15"), BillingFrequency::Monthly);
        assert_eq!(remaining_days(&p, d("2021-07-17")), 29);
        assert_eq!(remaining_days(&p, d("2021-07-15")), 31);
        assert_eq!(remaining_days(&p, d("2021-08-14")), 1);
        assert_eq!(remaining_days(&p, d("2021-08-15")), 0);
        assert_eq!(remaining_days(&p, d("2021-07-01")), 31);
    }

    /// MONEY-5: an amount is never negative and never more than `paid`.
    fn clamp(x: Decimal, paid: Decimal) -> Decimal {
        x.max(Decimal::ZERO).min(paid.max(Decimal::ZERO))
    }

    /// MONEY-5's cut in rust_decimal's arithmetic, as it was written before the integers.
    fn old_cut(x: Decimal, units: u32, rounding: Rounding) -> Decimal {
        let mut r = x.round_dp_with_strategy(units, rounding.strategy());
        r.rescale(units);
        r
    }

    fn roundings() -> impl proptest::strategy::Strategy<Value = Rounding> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Rounding::ToZero),
            Just(Rounding::HalfUp),
            Just(Rounding::HalfEven),
            Just(Rounding::Up),
        ]
    }

    #[test]
    fn money_5_cut_in_integers_is_rust_decimals() {
        use proptest::prelude::*;
        let rounding = roundings();
        let x = (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s));
        proptest!(ProptestConfig::with_cases(50_000), |(x in x, units in 0u32..=4, rounding in rounding)| {
            prop_assert_eq!(cut(x, units, rounding).to_string(), old_cut(x, units, rounding).to_string());
        });
    }

    /// MONEY-3 and MONEY-4 in rust_decimal's arithmetic, as they were written before the
    /// integer arithmetic: (amount, per-licence amount, formula).
    fn reference(
        p: &Pricing<'_>,
        period: &Period,
        remaining: u32,
        per_unit: bool,
    ) -> Option<(Decimal, Option<Decimal>, String)> {
        let units = p.units();
        let quotient = |x: Decimal| {
            let n = x.normalize();
            if n.scale() <= 4 {
                n.to_string()
            } else {
                format!("{}…", n.trunc_with_scale(4))
            }
        };
        if per_unit {
            let exact = p
                .unit_price
                .checked_mul(Decimal::from(remaining))?
                .checked_div(Decimal::from(period.days.max(1)))?;
            let each = old_cut(exact, units, p.rounding);
            let total = each.checked_mul(Decimal::from(p.quantity))?;
            let amount = old_cut(clamp(total, p.paid()?), units, p.rounding);
            let f = format!(
                "{} × {remaining} / {} = {} → {each} per licence × {} = {amount}",
                p.unit_price,
                period.days,
                quotient(exact),
                p.quantity
            );
            Some((amount, Some(each), f))
        } else {
            let paid = p.paid()?;
            let exact = paid
                .checked_mul(Decimal::from(remaining))?
                .checked_div(Decimal::from(period.days.max(1)))?;
            let amount = old_cut(clamp(exact, paid), units, p.rounding);
            let f = format!(
                "{} × {} × {remaining} / {} = {} → {amount}",
                p.unit_price,
                p.quantity,
                period.days,
                quotient(exact)
            );
            Some((amount, None, f))
        }
    }

    #[test]
    fn money_3_and_4_in_integers_are_the_decimal_arithmetic() {
        use proptest::prelude::*;
        let rounding = roundings();
        let currency = prop_oneof![Just("USD"), Just("JPY"), Just("KWD")];
        // Prices as input takes them (at most 1e9, ten decimals), each currency's and beyond;
        // periods of a month to a term of three years; remaining days beyond the period too.
        let price = (0u64..=1_000_000_000_000u64, 0u32..=10).prop_map(|(m, s)| {
            Decimal::from_i128_with_scale(i128::from(m), s).min(Decimal::from(1_000_000_000))
        });
        let cases = (
            price,
            0u32..=100_000,
            currency,
            rounding,
            0u32..=1_200,
            0u32..=1_100,
        );
        proptest!(ProptestConfig::with_cases(20_000), |((unit_price, quantity, currency, rounding, remaining, days) in cases)| {
            let p = Pricing { quantity, unit_price, currency, rounding };
            let start = d("2021-07-15");
            let period = Period { start, end: start, days };
            for per_unit in [true, false] {
                let line = if per_unit {
                    p.per_unit_prorated(MoneyKind::Refund, Rule::Money3, &period, remaining)
                } else {
                    p.line_prorated(MoneyKind::Credit, Rule::Money4, &period, remaining)
                };
                let want = reference(&p, &period, remaining, per_unit);
                let got = line.map(|l| (l.amount.0, l.working.per_unit.map(|x| x.0), l.working.formula.to_string()));
                prop_assert_eq!(got, want);
            }
        });
    }

    #[test]
    fn money_3_policy_example_to_the_cent() {
        let p = cycle_from(d("2021-07-15"), BillingFrequency::Monthly);
        let pricing = Pricing {
            quantity: 10,
            unit_price: dec!(10.08),
            currency: "USD",
            rounding: Rounding::ToZero,
        };
        let line = pricing
            .per_unit_prorated(MoneyKind::Refund, Rule::Money3, &p, 29)
            .unwrap();
        assert_eq!(line.amount.to_string(), "94.20");
        assert_eq!(line.working.per_unit, Some(dec!(9.42).into()));
        assert_eq!(
            line.working.formula,
            "10.08 × 29 / 31 = 9.4296… → 9.42 per licence × 10 = 94.20"
        );
    }

    #[test]
    fn money_4_cut_at_line_total_differs_from_per_unit_cut() {
        let p = cycle_from(d("2021-07-15"), BillingFrequency::Monthly);
        let pricing = Pricing {
            quantity: 10,
            unit_price: dec!(10.08),
            currency: "USD",
            rounding: Rounding::ToZero,
        };
        let line = pricing
            .line_prorated(MoneyKind::Charge, Rule::Money4, &p, 29)
            .unwrap();
        // 100.80 × 29 / 31 = 94.2967… → 94.29 (per-licence cut would give 94.20)
        assert_eq!(line.amount.to_string(), "94.29");
    }

    #[test]
    fn money_5_cut_is_toward_zero_and_rounding_is_a_parameter() {
        assert_eq!(cut(dec!(9.4299), 2, Rounding::ToZero).to_string(), "9.42");
        assert_eq!(cut(dec!(9.425), 2, Rounding::HalfUp).to_string(), "9.43");
        assert_eq!(cut(dec!(9.425), 2, Rounding::HalfEven).to_string(), "9.42");
        assert_eq!(cut(dec!(9.421), 2, Rounding::Up).to_string(), "9.43");
        assert_eq!(cut(dec!(1234.9), 0, Rounding::ToZero).to_string(), "1234");
        assert_eq!(cut(dec!(94.2), 2, Rounding::ToZero).to_string(), "94.20");
        assert_eq!(minor_units("JPY"), 0);
        for c in "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(' ') {
            assert_eq!(minor_units(c), 0, "{c}");
        }
        for c in "BHD IQD JOD KWD LYD OMR TND".split(' ') {
            assert_eq!(minor_units(c), 3, "{c}");
        }
        for c in ["", "JP", "JPYY", "jpy", "KWDX", "USD", "XPG", "\u{e9}J"] {
            assert_eq!(minor_units(c), 2, "{c}");
        }
        assert_eq!(minor_units("KWD"), 3);
        assert_eq!(minor_units("EUR"), 2);
    }

    #[test]
    fn money_5_never_more_than_paid_nor_negative() {
        let p = cycle_from(d("2021-07-15"), BillingFrequency::Monthly);
        let pricing = Pricing {
            quantity: 3,
            unit_price: dec!(10.00),
            currency: "USD",
            rounding: Rounding::Up,
        };
        let line = pricing
            .per_unit_prorated(MoneyKind::Refund, Rule::Money3, &p, 40)
            .unwrap();
        assert_eq!(line.amount, dec!(30.00));
        let line = pricing
            .per_unit_prorated(MoneyKind::Refund, Rule::Money3, &p, 0)
            .unwrap();
        assert_eq!(line.amount, dec!(0.00));
    }
}
