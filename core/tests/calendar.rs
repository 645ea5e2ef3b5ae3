//! MONEY-1's calendar on every start day: for every day of every month of 2020–2028 and each
//! term/billing pair, the cycles tile the term (no gap, no overlap), none crosses the term's end,
//! the renewal is the day after the end, cycles are anchored to the first day as the publisher's
//! tables say, and a given end cuts the last cycle and keeps its length.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::indexing_slicing)] // periods built and read by the test itself

use chrono::{Datelike, Days, NaiveDate};
use subscription_rules_core::calendar::{Calendar, Period};
use subscription_rules_core::{BillingFrequency, Term};

const PAIRS: [(Term, BillingFrequency); 5] = [
    (Term::Monthly, BillingFrequency::Monthly),
    (Term::Annual, BillingFrequency::Monthly),
    (Term::Annual, BillingFrequency::Annual),
    (Term::Triennial, BillingFrequency::Monthly),
    (Term::Triennial, BillingFrequency::Annual),
];

fn every_start_day() -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2028, 12, 31).unwrap();
    first.iter_days().take_while(move |d| *d <= last)
}

fn last_day(d: NaiveDate) -> u32 {
    let next = NaiveDate::from_ymd_opt(
        if d.month() == 12 {
            d.year() + 1
        } else {
            d.year()
        },
        if d.month() == 12 { 1 } else { d.month() + 1 },
        1,
    )
    .unwrap();
    next.pred_opt().unwrap().day()
}

fn months(term: Term) -> i32 {
    match term {
        Term::Monthly => 1,
        Term::Annual => 12,
        Term::Triennial => 36,
    }
}

/// The day `n` months after `d` with the day of the month kept, moved to the month's last day.
fn same_day(d: NaiveDate, n: i32) -> NaiveDate {
    let index = d.year() * 12 + d.month0() as i32 + n;
    let first = NaiveDate::from_ymd_opt(index / 12, (index % 12) as u32 + 1, 1).unwrap();
    first.with_day(d.day().min(last_day(first))).unwrap()
}

/// MONEY-1's anchoring, written out independently of the crate: the last day stays the last day,
/// the day before the last stays the day before the last, any other day stays (moved to the
/// month's last day where it is too short).
fn anchored(start: NaiveDate, n: i32) -> NaiveDate {
    let month = same_day(start.with_day(1).unwrap(), n);
    let want = if start.day() == last_day(start) {
        last_day(month)
    } else if start.day() + 1 == last_day(start) {
        last_day(month) - 1
    } else {
        start.day().min(last_day(month))
    };
    month.with_day(want).unwrap()
}

fn check_tiling(c: &Calendar, label: &str) -> Vec<Period> {
    let cycles: Vec<Period> = c.cycles().collect();
    assert!(!cycles.is_empty(), "{label}: no cycle");
    assert_eq!(
        cycles[0].start, c.start,
        "{label}: the first cycle starts the term"
    );
    assert_eq!(
        cycles.last().unwrap().end,
        c.end,
        "{label}: the last cycle ends the term"
    );
    for pair in cycles.windows(2) {
        assert_eq!(
            pair[0].end.succ_opt().unwrap(),
            pair[1].start,
            "{label}: a gap or an overlap between {:?} and {:?}",
            pair[0],
            pair[1]
        );
    }
    for p in &cycles {
        assert!(p.start <= p.end, "{label}: {p:?} ends before it starts");
        assert!(p.end <= c.end, "{label}: {p:?} crosses the term's end");
        let own = (p.end - p.start).num_days() + 1;
        assert!(
            own <= i64::from(p.days),
            "{label}: {p:?} has more days than it divides by"
        );
    }
    assert_eq!(c.renewal(), c.end.succ_opt().unwrap(), "{label}: renewal");
    cycles
}

#[test]
fn money_1_cycles_tile_every_term_from_every_start_day() {
    let mut calendars = 0;
    for start in every_start_day() {
        for (term, frequency) in PAIRS {
            let label = format!("{start} {term:?} billed {frequency:?}");
            let c = Calendar::new(start, term, frequency, None);
            // A monthly term renews on the same day next month (moved to the month's last day);
            // a longer one where its next cycle would start (anchored like the cycles).
            let renewal = match term {
                Term::Monthly => same_day(start, 1),
                _ => anchored(start, months(term)),
            };
            assert_eq!(c.renewal(), renewal, "{label}: renewal");
            let cycles = check_tiling(&c, &label);
            let step = match frequency {
                BillingFrequency::Monthly => 1,
                BillingFrequency::Annual => 12,
            };
            let expected = (months(term) / step.max(1)).max(1);
            if step <= months(term) {
                assert_eq!(cycles.len() as i32, expected, "{label}: number of cycles");
            }
            // Anchoring: cycle k starts k steps after the first day, by the last-day,
            // day-before-last and same-day rules (the term's own calendar when one cycle is the
            // whole term).
            if step < months(term) {
                for (k, p) in cycles.iter().enumerate() {
                    assert_eq!(
                        p.start,
                        anchored(start, step * k as i32),
                        "{label}: cycle {k}"
                    );
                }
            }
            calendars += 1;
        }
    }
    assert!(calendars > 16_000, "only {calendars} calendars");
}

#[test]
fn money_1_a_given_end_cuts_and_never_runs_past() {
    for start in every_start_day().step_by(3) {
        for (term, frequency) in PAIRS {
            let natural = Calendar::new(start, term, frequency, None);
            for offset in [0u64, 1, 11, 40, 200, 700] {
                let end = start.checked_add_days(Days::new(offset)).unwrap();
                if end > natural.end {
                    continue;
                }
                let label = format!("{start} {term:?} billed {frequency:?}, ending {end}");
                let c = Calendar::new(start, term, frequency, Some(end));
                assert_eq!(c.end, end, "{label}");
                let cycles = check_tiling(&c, &label);
                // Cycles before the cut are the natural ones; the cut one keeps its length.
                for (k, p) in cycles.iter().enumerate() {
                    let n = natural.cycle(k as u32).unwrap();
                    assert_eq!((p.start, p.days), (n.start, n.days), "{label}: cycle {k}");
                }
            }
        }
    }
}

/// The rows MONEY-1 publishes.
#[test]
fn money_1_published_rows() {
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let rows = |start: &str| -> Vec<(NaiveDate, NaiveDate)> {
        Calendar::new(d(start), Term::Annual, BillingFrequency::Monthly, None)
            .cycles()
            .take(4)
            .map(|p| (p.start, p.end))
            .collect()
    };
    assert_eq!(
        rows("2021-01-31"),
        [
            (d("2021-01-31"), d("2021-02-27")),
            (d("2021-02-28"), d("2021-03-30")),
            (d("2021-03-31"), d("2021-04-29")),
            (d("2021-04-30"), d("2021-05-30")),
        ]
    );
    assert_eq!(
        rows("2021-01-30"),
        [
            (d("2021-01-30"), d("2021-02-26")),
            (d("2021-02-27"), d("2021-03-29")),
            (d("2021-03-30"), d("2021-04-28")),
            (d("2021-04-29"), d("2021-05-29")),
        ]
    );
    let annual = Calendar::new(
        d("2021-01-31"),
        Term::Annual,
        BillingFrequency::Monthly,
        None,
    );
    assert_eq!(
        (annual.end, annual.renewal()),
        (d("2022-01-30"), d("2022-01-31"))
    );
    let monthly = |s: &str| Calendar::new(d(s), Term::Monthly, BillingFrequency::Monthly, None);
    assert_eq!(
        (monthly("2021-01-31").end, monthly("2021-01-31").renewal()),
        (d("2021-02-27"), d("2021-02-28"))
    );
    assert_eq!(monthly("2021-02-28").renewal(), d("2021-03-28"));
    assert_eq!(monthly("2021-05-31").renewal(), d("2021-06-30"));
    assert_eq!(monthly("2021-01-30").renewal(), d("2021-02-28"));
    // 28 Feb–30 Mar is 31 days: a proration divides by the period's own length.
    let c = Calendar::new(
        d("2021-01-31"),
        Term::Annual,
        BillingFrequency::Monthly,
        None,
    );
    assert_eq!(c.cycle(1).unwrap().days, 31);
}
