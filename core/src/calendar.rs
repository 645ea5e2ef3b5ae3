//! MONEY-1, the billing calendar: from a term (its first day, its length, its billing frequency and
//! an optional given end) the term's end, its renewal and every charge cycle, as the publisher's
//! invoice tables show them. Every proration, renewal, window and timeline point asks this module;
//! nothing else does date arithmetic on terms.
//!
//! - Cycles are **anchored to the term's first day**: cycle k starts k months (or years) after it,
//!   never chained from the previous cycle. A term that starts on the last day of a month has its
//!   cycles start on the last day of each month; one that starts on the day before the last day,
//!   on the day before the last day of each month; any other, on the same day of the month, moved
//!   to the month's last day where the month is too short.
//! - A monthly term renews on the same day of the next month (that day moved to the month's last
//!   day where the month is too short) and ends the day before. A longer term renews where its
//!   next cycle would start by the anchoring above (the same day a year or three later, but for a
//!   term started at a February month end: bought 28 Feb 2020, the day before the last day of
//!   that February, it renews 27 Feb 2021), so its last cycle is never a stub.
//! - A **given end wins** (`termEnd`, co-termed or custom): no cycle runs past it; the last cycle is
//!   cut there. A cut cycle keeps its full length as the days a proration divides by, and has fewer
//!   days left.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};

use crate::model::vocab::{BillingFrequency, Term};

/// A billing period: whole UTC calendar days, end date inclusive (MONEY-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub start: NaiveDate,
    /// Last day, inclusive: the cycle's own end, or the term's end where that comes first.
    pub end: NaiveDate,
    /// The days a proration divides by: the whole cycle's length (from its start to the day
    /// before the next cycle would start), also for a cycle cut by the term's end.
    pub days: u32,
}

/// A term of a subscription and its calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// The term's first day.
    pub start: NaiveDate,
    /// The term's length.
    pub term: Term,
    /// How often it is billed.
    pub frequency: BillingFrequency,
    /// The term's last day, inclusive: the given end, or the natural one.
    pub end: NaiveDate,
}

/// What a subscription's calendar is computed from: its paid term's first day, its term, its
/// billing frequency and its given end.
#[cfg(feature = "cache")]
pub(crate) type CalendarKey = (NaiveDate, Term, BillingFrequency, Option<NaiveDate>);

/// A subscription's calendar with what it was computed from: a query or a prepared subscription
/// computes it once for all its decisions (`Facts::calendar`), a decision once for itself
/// (`cache` feature).
#[cfg(feature = "cache")]
pub(crate) type KeyedCalendar = (CalendarKey, Calendar);

/// Most cycles a calendar walks (a term's end is at most five years after its start, LIFE-1).
const MAX_CYCLES: u32 = 72;

/// Days in the month of `day`.
pub(crate) fn days_in_month(day: NaiveDate) -> u32 {
    month_length(day.year(), day.month0())
}

fn months_of(term: Term) -> u32 {
    match term {
        Term::Monthly => 1,
        Term::Annual => 12,
        Term::Triennial => 36,
    }
}

fn months_of_cycle(frequency: BillingFrequency) -> u32 {
    match frequency {
        BillingFrequency::Monthly => 1,
        BillingFrequency::Annual => 12,
    }
}

/// The first day of the month `months` after the month of `day`.
fn month_after(day: NaiveDate, months: u32) -> NaiveDate {
    // Months counted from year 0 (no `checked_add_months`: this runs several times a decision).
    let index = i64::from(day.year()) * 12 + i64::from(day.month0()) + i64::from(months);
    i32::try_from(index.div_euclid(12))
        .ok()
        .and_then(|year| {
            let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
            NaiveDate::from_ymd_opt(year, month, 1)
        })
        .unwrap_or(NaiveDate::MAX)
}

/// `day`'s day of the month, `months` later, moved to that month's last day where it is too
/// short (a term's renewal: bought 31 Jan → 28 Feb; 31 May → 30 Jun).
pub fn same_day_later(day: NaiveDate, months: u32) -> NaiveDate {
    let month = month_after(day, months);
    let last = days_in_month(month);
    month.with_day(day.day().min(last)).unwrap_or(month)
}

/// The start of the cycle `months` after a term's first day `start` (MONEY-1's anchoring: the
/// last day stays the last day, the day before the last stays the day before the last, any other
/// day stays that day, moved to the month's last day where the month is too short).
pub fn anchored(start: NaiveDate, months: u32) -> NaiveDate {
    // In integers from the start's year, month and day, one date built (this runs several times
    // a decision); where that date is out of chrono's range, as below.
    let (year, month0, day) = (start.year(), start.month0(), start.day());
    let start_last = month_length(year, month0);
    let index = i64::from(year) * 12 + i64::from(month0) + i64::from(months);
    let fast = i32::try_from(index.div_euclid(12)).ok().and_then(|y| {
        let m0 = u32::try_from(index.rem_euclid(12)).ok()?;
        let last = month_length(y, m0);
        let d = if day == start_last {
            last
        } else if day + 1 == start_last {
            last - 1
        } else {
            day.min(last)
        };
        NaiveDate::from_ymd_opt(y, m0 + 1, d)
    });
    fast.unwrap_or_else(|| anchored_by_dates(start, months))
}

/// Days in month `month0` (0 for January) of `year`: the proleptic Gregorian calendar's month
/// lengths (chrono's), without date arithmetic (the calendar asks this several times per
/// decision).
fn month_length(year: i32, month0: u32) -> u32 {
    match month0 {
        3 | 5 | 8 | 10 => 30,
        1 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        1 => 28,
        _ => 31,
    }
}

/// [`anchored`] by dates: at the ends of chrono's range.
fn anchored_by_dates(start: NaiveDate, months: u32) -> NaiveDate {
    let month = month_after(start, months);
    let last = days_in_month(month);
    let start_last = days_in_month(start);
    let day = if start.day() == start_last {
        last
    } else if start.day() + 1 == start_last {
        last - 1
    } else {
        start.day().min(last)
    };
    month.with_day(day).unwrap_or(month)
}

/// The number of days from `a` through the day before `b`.
fn days_between(a: NaiveDate, b: NaiveDate) -> u32 {
    u32::try_from((b - a).num_days()).unwrap_or(0)
}

/// Midnight UTC at the start of `day`.
pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc()
}

impl Calendar {
    /// The calendar of a term starting on `start`, `term` long, billed every `frequency`, ending
    /// on `given_end` if one is given. A frequency longer than the term (refused as input,
    /// LIFE-1) bills the term as one cycle.
    pub fn new(
        start: NaiveDate,
        term: Term,
        frequency: BillingFrequency,
        given_end: Option<NaiveDate>,
    ) -> Calendar {
        let renewal = match term {
            Term::Monthly => same_day_later(start, 1),
            Term::Annual | Term::Triennial => anchored(start, months_of(term)),
        };
        let natural = renewal.pred_opt().unwrap_or(start);
        Calendar {
            start,
            term,
            frequency,
            end: given_end.unwrap_or(natural),
        }
    }

    /// The day the next term starts: the day after the end.
    pub fn renewal(&self) -> NaiveDate {
        self.end.succ_opt().unwrap_or(NaiveDate::MAX)
    }

    /// The instant the next term starts (midnight UTC of [`Calendar::renewal`]).
    pub fn renews_at(&self) -> DateTime<Utc> {
        start_of(self.renewal())
    }

    /// The start of cycle `k` (not cut by the end).
    fn cycle_start(&self, k: u32) -> NaiveDate {
        if months_of_cycle(self.frequency) >= months_of(self.term) {
            // One cycle per term: the term's own calendar.
            match (k, self.term) {
                (0, _) => self.start,
                (_, Term::Monthly) => same_day_later(self.start, k),
                _ => anchored(self.start, months_of(self.term).saturating_mul(k)),
            }
        } else {
            anchored(
                self.start,
                months_of_cycle(self.frequency).saturating_mul(k),
            )
        }
    }

    /// Cycle `k` of the term, cut at its end; `None` once the cycles have passed the end.
    pub fn cycle(&self, k: u32) -> Option<Period> {
        let start = self.cycle_start(k);
        if start > self.end || k >= MAX_CYCLES {
            return None;
        }
        Some(self.period(start, self.cycle_start(k + 1)))
    }

    /// The cycle from `start` to the day before `next` (the next cycle's start), cut at the end.
    #[inline]
    fn period(&self, start: NaiveDate, next: NaiveDate) -> Period {
        let natural_end = next.pred_opt().unwrap_or(next);
        Period {
            start,
            end: natural_end.min(self.end),
            days: days_between(start, next).max(1),
        }
    }

    /// Every cycle of the term, in order: they tile it from its first to its last day. What
    /// [`Calendar::cycle`] gives for k = 0, 1, … while it gives one, each cycle's start computed
    /// once (the next cycle's start is where this one ends).
    pub fn cycles(&self) -> impl Iterator<Item = Period> + '_ {
        let mut k = 0;
        let mut start = self.cycle_start(0);
        std::iter::from_fn(move || {
            if start > self.end || k >= MAX_CYCLES {
                return None;
            }
            let next = self.cycle_start(k + 1);
            let period = self.period(start, next);
            start = next;
            k += 1;
            Some(period)
        })
    }

    /// The cycle containing `day`: before the term, the first; after it, the last.
    pub fn period_containing(&self, day: NaiveDate) -> Period {
        let mut found = None;
        for period in self.cycles() {
            found = Some(period);
            if day <= period.end {
                break;
            }
        }
        found.unwrap_or(Period {
            start: self.start,
            end: self.end,
            days: days_between(self.start, self.renewal()).max(1),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every day from `from` through `to`.
    fn days(from: &str, to: &str) -> impl Iterator<Item = NaiveDate> {
        let to = d(to);
        d(from).iter_days().take_while(move |day| *day <= to)
    }

    /// `cycles()` (each start computed once) gives what `cycle(k)` gives for each k: every
    /// start day of 2019–2021, each term and frequency, with and without a given end.
    #[test]
    fn cycles_are_cycle_k_in_turn() {
        let mut n = 0;
        for day in days("2019-01-01", "2021-12-31") {
            for term in [Term::Monthly, Term::Annual, Term::Triennial] {
                for frequency in [BillingFrequency::Monthly, BillingFrequency::Annual] {
                    let ends = [
                        None,
                        Some(day),
                        day.checked_add_days(chrono::Days::new(45)),
                        day.checked_add_days(chrono::Days::new(400)),
                        day.checked_add_days(chrono::Days::new(1800)),
                    ];
                    for end in ends {
                        let c = Calendar::new(day, term, frequency, end);
                        let one_by_one: Vec<Period> =
                            (0..MAX_CYCLES).map_while(|k| c.cycle(k)).collect();
                        assert_eq!(c.cycles().collect::<Vec<_>>(), one_by_one, "{c:?}");
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 30_000);
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The month arithmetic written without chrono's is chrono's: every day of 1896–2104 (leap
    /// years and centuries), 0 to 40 months on, and the ends of the date range.
    #[test]
    fn month_arithmetic_equals_chronos() {
        use chrono::Months;
        let chrono_days = |day: NaiveDate| {
            let first = day.with_day(1).unwrap();
            let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
            u32::try_from((next - first).num_days()).unwrap_or(31)
        };
        let chrono_after = |day: NaiveDate, months: u32| {
            day.with_day(1)
                .and_then(|first| first.checked_add_months(Months::new(months)))
                .unwrap_or(NaiveDate::MAX)
        };
        for day in days("1896-01-01", "2104-12-31") {
            if day < NaiveDate::MAX.with_day(1).unwrap() {
                assert_eq!(days_in_month(day), chrono_days(day), "{day}");
            }
            for months in [0, 1, 2, 11, 12, 13, 24, 35, 36, 40] {
                assert_eq!(
                    month_after(day, months),
                    chrono_after(day, months),
                    "{day} + {months}"
                );
            }
        }
        for day in [
            NaiveDate::MAX,
            NaiveDate::MIN,
            d("9899-12-31"),
            d("0000-01-01"),
        ] {
            for months in [0, 1, 12, 36, u32::MAX] {
                assert_eq!(
                    month_after(day, months),
                    chrono_after(day, months),
                    "{day} + {months}"
                );
            }
        }
    }

    /// `anchored` in integers is `anchored_by_dates`: every day of 1896–2104 at 0 to 72 months
    /// on, and the ends of the date range.
    #[test]
    fn anchored_in_integers_is_by_dates() {
        for day in days("1896-01-01", "2104-12-31") {
            for months in [0, 1, 2, 3, 6, 11, 12, 13, 24, 35, 36, 40, 48, 59, 60, 72] {
                assert_eq!(
                    anchored(day, months),
                    anchored_by_dates(day, months),
                    "{day} + {months}"
                );
            }
        }
        for day in [
            NaiveDate::MAX,
            NaiveDate::MIN,
            d("9899-12-31"),
            d("0000-02-29"),
            d("-0001-02-28"),
        ] {
            for months in [0, 1, 12, 36, 1_000_000, u32::MAX] {
                assert_eq!(
                    anchored(day, months),
                    anchored_by_dates(day, months),
                    "{day} + {months}"
                );
            }
        }
    }

    fn starts(c: &Calendar, n: usize) -> Vec<String> {
        c.cycles()
            .take(n)
            .map(|p| format!("{}–{}", p.start.format("%d %b"), p.end.format("%d %b")))
            .collect()
    }

    /// MONEY-1's own tables, row by row.
    #[test]
    fn money_1_month_end_tables() {
        let c = Calendar::new(
            d("2021-01-31"),
            Term::Annual,
            BillingFrequency::Monthly,
            None,
        );
        assert_eq!(
            starts(&c, 4),
            [
                "31 Jan–27 Feb",
                "28 Feb–30 Mar",
                "31 Mar–29 Apr",
                "30 Apr–30 May"
            ]
        );
        assert_eq!(c.end, d("2022-01-30"));
        assert_eq!(c.renewal(), d("2022-01-31"));
        let c = Calendar::new(
            d("2021-01-30"),
            Term::Annual,
            BillingFrequency::Monthly,
            None,
        );
        assert_eq!(
            starts(&c, 4),
            [
                "30 Jan–26 Feb",
                "27 Feb–29 Mar",
                "30 Mar–28 Apr",
                "29 Apr–29 May"
            ]
        );
        let renews =
            |s: &str| Calendar::new(d(s), Term::Monthly, BillingFrequency::Monthly, None).renewal();
        assert_eq!(renews("2021-01-31"), d("2021-02-28"));
        assert_eq!(
            Calendar::new(
                d("2021-01-31"),
                Term::Monthly,
                BillingFrequency::Monthly,
                None
            )
            .end,
            d("2021-02-27")
        );
        assert_eq!(renews("2021-02-28"), d("2021-03-28"));
        assert_eq!(renews("2021-05-31"), d("2021-06-30"));
        assert_eq!(renews("2021-01-30"), d("2021-02-28"));
        // 15 July: 31 days, to 14 August.
        let c = Calendar::new(
            d("2021-07-15"),
            Term::Annual,
            BillingFrequency::Monthly,
            None,
        );
        let first = c.cycle(0).unwrap();
        assert_eq!((first.end, first.days), (d("2021-08-14"), 31));
        // 28 Feb–30 Mar is 31 days.
        let c = Calendar::new(
            d("2021-01-31"),
            Term::Annual,
            BillingFrequency::Monthly,
            None,
        );
        assert_eq!(c.cycle(1).unwrap().days, 31);
    }

    #[test]
    fn a_given_end_cuts_the_last_cycle_and_keeps_its_length() {
        let c = Calendar::new(
            d("2021-07-15"),
            Term::Annual,
            BillingFrequency::Monthly,
            Some(d("2021-09-20")),
        );
        let cycles: Vec<Period> = c.cycles().collect();
        assert_eq!(cycles.len(), 3);
        assert_eq!(cycles[2].start, d("2021-09-15"));
        assert_eq!(cycles[2].end, d("2021-09-20"));
        assert_eq!(cycles[2].days, 30);
        assert_eq!(c.renewal(), d("2021-09-21"));
    }
}
