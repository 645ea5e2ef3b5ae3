//! TIME-1: RFC 3339 instants with an explicit offset, read and written without chrono's
//! parsing and formatting machinery (a fixed grammar; chrono stays for the calendar arithmetic).

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};
use serde::Serializer;

fn digits(s: &str) -> Option<u32> {
    // At most 9 digits are asked for: no overflow.
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    s.bytes().try_fold(0u32, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// Read `YYYY-MM-DD[Tt ]hh:mm:ss[.f…](Z|z|±hh:mm)`, normalised to UTC; `None` if it is not one
/// or names a day or time that does not exist. A leap second (`:60`) is read as chrono reads it.
pub(crate) fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    if let Some(t) = canonical(s.as_bytes()) {
        return Some(t);
    }
    let date = s.get(0..10)?;
    if date.get(4..5) != Some("-") || date.get(7..8) != Some("-") {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(
        i32::try_from(digits(date.get(0..4)?)?).ok()?,
        digits(date.get(5..7)?)?,
        digits(date.get(8..10)?)?,
    )?;
    if !matches!(s.get(10..11)?, "T" | "t" | " ") {
        return None;
    }
    let rest = s.get(11..)?;
    if rest.get(2..3) != Some(":") || rest.get(5..6) != Some(":") {
        return None;
    }
    let (h, m, sec) = (
        digits(rest.get(0..2)?)?,
        digits(rest.get(3..5)?)?,
        digits(rest.get(6..8)?)?,
    );
    let mut rest = rest.get(8..)?;
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        // Nanosecond precision; further digits are read and dropped, as chrono does.
        let kept = fraction.get(..n.min(9))?;
        nanos = digits(kept)? * 10u32.pow(u32::try_from(9 - kept.len()).ok()?);
        rest = fraction.get(n..)?;
    }
    let offset_minutes: i64 = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.get(0..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.get(3..4) != Some(":") {
                return None;
            }
            let (oh, om) = (digits(rest.get(1..3)?)?, digits(rest.get(4..6)?)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * i64::from(oh * 60 + om)
        }
    };
    let time = if sec == 60 {
        NaiveTime::from_hms_nano_opt(h, m, 59, 1_000_000_000 + nanos)?
    } else {
        NaiveTime::from_hms_nano_opt(h, m, sec, nanos)?
    };
    let local = day.and_time(time);
    if offset_minutes == 0 {
        // `Z`, as nearly every instant is written.
        return Some(local.and_utc());
    }
    local
        .checked_sub_signed(TimeDelta::try_minutes(offset_minutes)?)
        .map(|t| t.and_utc())
}

/// `YYYY-MM-DDThh:mm:ssZ`, as nearly every instant is written, read from its bytes in place.
/// `None` for any other form, a leap second and a day or time that does not exist, all of which
/// [`parse_rfc3339`]'s general reading then decides (the same instant wherever both read one).
fn canonical(b: &[u8]) -> Option<DateTime<Utc>> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, b'T', h0, h1, b':', i0, i1, b':', s0, s1, b'Z'] =
        b
    else {
        return None;
    };
    let two = |hi: u8, lo: u8| -> Option<u32> {
        let (hi, lo) = (hi.wrapping_sub(b'0'), lo.wrapping_sub(b'0'));
        (hi < 10 && lo < 10).then(|| u32::from(hi) * 10 + u32::from(lo))
    };
    let year = i32::try_from(two(y0, y1)? * 100 + two(y2, y3)?).ok()?;
    let day = NaiveDate::from_ymd_opt(year, two(m0, m1)?, two(d0, d1)?)?;
    let time = NaiveTime::from_hms_opt(two(h0, h1)?, two(i0, i1)?, two(s0, s1)?)?;
    Some(day.and_time(time).and_utc())
}

/// The longest instant written: `-262143-12-31T23:59:60.999999999Z` (chrono's year range).
pub(crate) const MAX_LEN: usize = 33;

/// [`format_rfc3339`] into `buf`, without allocating. `None` only if `buf` were too small.
pub(crate) fn write_rfc3339<'b>(t: &DateTime<Utc>, buf: &'b mut [u8; MAX_LEN]) -> Option<&'b str> {
    use chrono::Datelike;
    // The parts of the UTC date and time as stored: `DateTime<Utc>`'s own `date_naive()`,
    // `hour()`, … each add the (zero) offset again first (measured: a fifth of writing one).
    let t = t.naive_utc();
    let d = t.date();
    let nanos = t.nanosecond();
    let (sec, nanos) = if nanos >= 1_000_000_000 {
        (60, nanos - 1_000_000_000)
    } else {
        (t.second(), nanos)
    };
    let (fraction, width) = match nanos {
        0 => (0, 0),
        n if n % 1_000_000 == 0 => (n / 1_000_000, 3),
        n if n % 1_000 == 0 => (n / 1_000, 6),
        n => (n, 9),
    };
    let mut w = Writer { buf, len: 0 };
    // As `{:04}` writes a year: at least 4 characters with the sign, more when it needs them.
    let year = d.year();
    if year < 0 {
        w.push(b'-');
    }
    w.digits(year.unsigned_abs(), if year < 0 { 3 } else { 4 }, b'-');
    w.digits(d.month(), 2, b'-');
    w.digits(d.day(), 2, b'T');
    w.digits(t.hour(), 2, b':');
    w.digits(t.minute(), 2, b':');
    if width == 0 {
        w.digits(sec, 2, b'Z');
    } else {
        w.digits(sec, 2, b'.');
        w.digits(fraction, width, b'Z');
    }
    // All ASCII.
    let Writer { buf, len } = w;
    std::str::from_utf8(buf.get(..len)?).ok()
}

/// Bytes written into a fixed buffer (beyond its end they are counted, not written).
struct Writer<'b> {
    buf: &'b mut [u8; MAX_LEN],
    len: usize,
}

impl Writer<'_> {
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
        }
        self.len += 1;
    }

    /// `n` in decimal, zero-padded to `width` digits, then `after`.
    fn digits(&mut self, n: u32, width: u32, after: u8) {
        // Two digits (month, day, hour, minute, second: five of an instant's seven numbers)
        // without the loop's divisions.
        if width == 2 && n < 100 {
            #[allow(clippy::cast_possible_truncation)]
            {
                self.push(b'0' + (n / 10) as u8);
                self.push(b'0' + (n % 10) as u8);
            }
            self.push(after);
            return;
        }
        let digits = n.checked_ilog10().unwrap_or(0) + 1;
        let mut div = 10u32.pow(width.max(digits).saturating_sub(1));
        while div > 0 {
            // A digit: n / div % 10 < 10.
            #[allow(clippy::cast_possible_truncation)]
            self.push(b'0' + (n / div % 10) as u8);
            div /= 10;
        }
        self.push(after);
    }
}

/// Write an instant as RFC 3339 in UTC (`2021-07-15T08:00:00Z`), with fractional seconds only
/// when there are any (3, 6 or 9 digits), as chrono's `AutoSi` does.
pub(crate) fn format_rfc3339(t: &DateTime<Utc>) -> String {
    let mut buf = [0u8; MAX_LEN];
    write_rfc3339(t, &mut buf).unwrap_or_default().to_string()
}

/// Write a day as ISO 8601 (`2021-07-15`): the date of [`format_rfc3339`] at its midnight, as
/// chrono writes a date (without chrono's formatter: a test holds the two equal).
pub(crate) fn format_day(day: chrono::NaiveDate) -> String {
    let instant = format_rfc3339(&crate::calendar::start_of(day));
    // The date ends at the first `T` (a year may have a sign and more than four digits).
    let end = instant
        .bytes()
        .position(|b| b == b'T')
        .unwrap_or(instant.len());
    let date = instant.get(..end).unwrap_or_default();
    // A date's year has four digits after its sign (an instant's has four with it), and years
    // past 9999 carry a sign, as ISO 8601's expanded years do.
    let year = chrono::Datelike::year(&day);
    let (sign, rest) = match (year, date.strip_prefix('-')) {
        (10_000.., _) => ("+", date),
        (-999..=-1, Some(rest)) => ("-0", rest),
        _ => ("", date),
    };
    let mut text = String::from(sign);
    text.push_str(rest);
    text
}

/// `serialize_with` for an instant.
pub(crate) fn ser<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; MAX_LEN];
    s.serialize_str(write_rfc3339(t, &mut buf).unwrap_or_default())
}

/// TIME-1: parse an RFC 3339 timestamp that carries `Z` or `±hh:mm`; never guess a zone.
pub fn parse_instant(s: &str) -> Result<DateTime<Utc>, &'static str> {
    if let Some(t) = parse_rfc3339(s) {
        return Ok(t);
    }
    // Only the message depends on what follows. These checks are written out rather than given
    // to chrono's `parse_from_str` (its format-string parser is large: BENCHMARKS.md).
    if naive_date_time(s) {
        return Err("has no UTC offset; add `Z` or `±hh:mm` (all times are UTC, TIME-1)");
    }
    if calendar_date(s).is_some() {
        return Err("is a date, not an instant; add a time and an offset, e.g. `T00:00:00Z`");
    }
    Err("is not an RFC 3339 timestamp such as `2021-07-15T00:00:00Z` (or names a day or time that does not exist)")
}

/// `part` as a number if it is ASCII digits only (and not empty), as `str::parse` reads them:
/// written out, since `parse`'s code is 330 bytes of the validation module for these few digits.
fn digits_value(part: &str) -> Option<u32> {
    if part.is_empty() {
        return None;
    }
    part.bytes().try_fold(0u32, |n, b| {
        if b.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        } else {
            None
        }
    })
}

/// `YYYY-MM-DD` naming a day that exists.
pub(crate) fn calendar_date(s: &str) -> Option<NaiveDate> {
    let number = |from: usize, to: usize| -> Option<u32> { digits_value(s.get(from..to)?) };
    if s.len() != 10 || s.get(4..5) != Some("-") || s.get(7..8) != Some("-") {
        return None;
    }
    let year = i32::try_from(number(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)
}

/// A date and a time of day that exist, without an offset: `YYYY-M-D[T ]h:m[:s[.fff]]`, where
/// month, day, hour, minute and second have one or two digits (as chrono's `%m`, `%H`… read them).
pub(crate) fn naive_date_time(s: &str) -> bool {
    use crate::util::{split_ascii, split_once_ascii};
    let Some((date, time)) = split_once_ascii(s, b'T').or_else(|| split_once_ascii(s, b' ')) else {
        return false;
    };
    let small = |part: &str| -> Option<u32> {
        (1..=2)
            .contains(&part.len())
            .then(|| digits_value(part))
            .flatten()
    };
    let mut ymd = split_ascii(date, b'-');
    let (Some(y), Some(m), Some(d), None) = (ymd.next(), ymd.next(), ymd.next(), ymd.next()) else {
        return false;
    };
    let year = (y.len() == 4)
        .then(|| digits_value(y).and_then(|y| i32::try_from(y).ok()))
        .flatten();
    let day = match (year, small(m), small(d)) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    };
    if day.is_none() {
        return false;
    }
    let (clock, fraction) = match split_once_ascii(time, b'.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (time, None),
    };
    if fraction.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return false;
    }
    let mut hms = split_ascii(clock, b':');
    let (Some(h), Some(m)) = (hms.next().and_then(small), hms.next().and_then(small)) else {
        return false;
    };
    let sec = match hms.next() {
        // `%Y-%m-%dT%H:%M` takes no seconds, and no fraction without them.
        None if fraction.is_none() && s.bytes().any(|b| b == b'T') => 0,
        None => return false,
        Some(p) => match small(p) {
            Some(sec) => sec,
            None => return false,
        },
    };
    // A leap second (`:60`) is a time of day, as chrono reads it.
    hms.next().is_none() && h < 24 && m < 60 && sec <= 60
}

#[cfg(test)]
mod tests {

    #[test]
    fn format_day_is_chronos() {
        use chrono::NaiveDate;
        let mut days = vec![NaiveDate::MIN, NaiveDate::MAX];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 7_000_000) as i32 - 3_500_000;
            days.extend(NaiveDate::from_num_days_from_ce_opt(n));
        }
        for y in [-1, 0, 1, 999, 1000, 1969, 2021, 9999, 10_000] {
            days.extend(NaiveDate::from_ymd_opt(y, 12, 31));
        }
        for day in days {
            assert_eq!(format_day(day), day.to_string(), "{day:?}");
        }
    }
    use super::*;

    /// chrono's own reading, the oracle.
    fn chrono(s: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }

    #[test]
    fn reads_as_chrono_reads() {
        let samples = [
            "2021-07-15T08:00:00Z",
            "2021-07-15t08:00:00z",
            "2021-07-15 08:00:00Z",
            "2021-07-15T08:00:00+02:00",
            "2021-07-15T08:00:00-05:30",
            "2021-07-15T08:00:00.5Z",
            "2021-07-15T08:00:00.123456789Z",
            "2021-07-15T08:00:00.1234567891234Z",
            "2021-12-31T23:59:60Z",
            "2024-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2021-02-30T00:00:00Z",
            "2021-07-15T24:00:00Z",
            "2021-07-15T08:60:00Z",
            "2021-07-15T08:00:00",
            "2021-07-15T08:00Z",
            "2021-07-15T08:00:00+0200",
            "2021-07-15T08:00:00+24:00",
            "2021-07-15T08:00:00.Z",
            "2021-7-15T08:00:00Z",
            "21-07-15T08:00:00Z",
            "2021-07-15",
            "",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59+23:59",
            "2021-07-15T08:00:00ZZ",
            "2021-07-15X08:00:00Z",
            "２０２１-07-15T08:00:00Z",
        ];
        for s in samples {
            assert_eq!(parse_rfc3339(s), chrono(s), "{s:?}");
        }
    }

    /// The canonical form's fast reading against chrono, on every day of four years (a leap
    /// year among them) and of the years' edges, at times in and out of range, and on
    /// canonical-length texts with a byte changed.
    #[test]
    fn canonical_form_reads_as_chrono_reads() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let mut texts = Vec::new();
        for year in [0, 1, 999, 1900, 2020, 2021, 2023, 2024, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    let (h, m, s) = (next(26), next(62), next(62));
                    texts.push(format!(
                        "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z"
                    ));
                }
            }
        }
        let alphabet = b"0123456789-T:Zt z+/";
        for _ in 0..20_000 {
            let mut b = *b"2024-02-29T23:59:59Z";
            for _ in 0..=next(2) {
                let at = usize::try_from(next(20)).unwrap();
                b[at] = alphabet[usize::try_from(next(alphabet.len() as u64)).unwrap()];
            }
            texts.push(String::from_utf8(b.to_vec()).unwrap());
        }
        let mut read = 0;
        for s in &texts {
            assert_eq!(parse_rfc3339(s), chrono(s), "{s:?}");
            if let Some(t) = canonical(s.as_bytes()) {
                assert_eq!(Some(t), chrono(s), "{s:?}");
                read += 1;
            }
        }
        // Both kinds of text were among them.
        assert!(read > 1_000 && read < texts.len() - 1_000, "{read}");
    }

    #[test]
    fn writes_years_beyond_four_digits_as_before() {
        let t = NaiveDate::from_ymd_opt(10_000, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap()
            .and_utc();
        assert_eq!(format_rfc3339(&t), "10000-01-02T03:04:05Z");
        let t = NaiveDate::from_ymd_opt(-1, 1, 2)
            .unwrap()
            .and_hms_opt(3, 4, 5)
            .unwrap()
            .and_utc();
        assert_eq!(format_rfc3339(&t), "-001-01-02T03:04:05Z");
        let t = NaiveDate::from_ymd_opt(-262_143, 12, 31)
            .unwrap()
            .and_hms_nano_opt(23, 59, 59, 1_999_999_999)
            .unwrap()
            .and_utc();
        assert_eq!(format_rfc3339(&t), "-262143-12-31T23:59:60.999999999Z");
    }

    #[test]
    fn writes_as_chrono_writes() {
        for s in [
            "2021-07-15T08:00:00Z",
            "2021-07-15T08:00:00.5Z",
            "2021-07-15T08:00:00.000123Z",
            "2021-07-15T08:00:00.123456789Z",
            "2016-12-31T23:59:60Z",
            "0001-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "2024-02-29T00:00:00.001Z",
            "1999-10-09T07:05:03.000000001Z",
        ] {
            let t = chrono(s).unwrap();
            assert_eq!(
                format_rfc3339(&t),
                t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                "{s}"
            );
        }
    }
}
