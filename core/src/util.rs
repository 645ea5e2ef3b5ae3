//! Small helpers chosen for code size: the wasm module carries one copy of each, instead of
//! core's float formatter or a stable-sort instantiation per element type (the figures are in
//! BENCHMARKS.md, "Shapes chosen by measurement").

/// Sort a short slice by a key, stably (insertion sort: the lists sorted here hold a handful of
/// items).
/// `s.split_once(c)` for an ASCII `c`, by bytes: str's char searcher keeps a panic path that
/// pulls Unicode tables into the wasm module (about 3 KB gzipped; BENCHMARKS.md).
pub(crate) fn split_once_ascii(s: &str, c: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == c)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// `s.split(c)` for an ASCII `c`, as [`split_once_ascii`].
pub(crate) fn split_ascii(s: &str, c: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match split_once_ascii(r, c) {
            Some((part, after)) => {
                rest = Some(after);
                Some(part)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// FNV-1a, 64 bit: a hash that is the same on every platform.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 {
            let out_of_order = match (items.get(j - 1), items.get(j)) {
                (Some(a), Some(b)) => key(a) > key(b),
                _ => false,
            };
            if !out_of_order {
                break;
            }
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Names quoted in backticks and joined: `` `a`, `b`, `c` `` (without `slice::join`'s generic
/// code).
pub(crate) fn quoted_list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, name) in names.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(name);
        out.push('`');
    }
    out
}

/// A whole number's decimal digits (without core's formatter).
pub(crate) fn int_text(i: i64) -> String {
    let mut out = String::new();
    if i < 0 {
        out.push('-');
    }
    push_digits(&mut out, i.unsigned_abs());
    out
}

/// A finite double as JavaScript writes it (`Number.prototype.toString`, which `JSON.stringify`
/// uses): the shortest digits that read back as the same double, laid out by ECMA-262's
/// `Number::toString` (`1e+21`, `1e-7`, `0.000001`, `123456789012345680000`). The wasm
/// boundary hands over JavaScript's own text instead (see [`crate::input::json`]).
pub fn js_number_text(n: f64) -> String {
    // serde_json writes the shortest round-trip digits, in a layout of its own (`1e21`, `1.5e-7`,
    // `100.0`): its digits and exponent, laid out again.
    let written = serde_json::to_string(&n).unwrap_or_default();
    let (mantissa, exp) = match split_once_ascii(&written, b'e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (written.as_str(), 0),
    };
    let negative = mantissa.starts_with('-');
    let mantissa = mantissa.trim_start_matches('-');
    let (int, frac) = split_once_ascii(mantissa, b'.').unwrap_or((mantissa, ""));
    // Every digit, and where the point falls among them: the value is 0.DIGITS × 10^point.
    let all: String = int.chars().chain(frac.chars()).collect();
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0');
    if digits.is_empty() {
        return "0".into();
    }
    let k = i32::try_from(digits.len()).unwrap_or(0);
    let point = i32::try_from(int.len()).unwrap_or(0) - i32::try_from(lead).unwrap_or(0) + exp;
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    let zeros = |out: &mut String, n: i32| out.extend((0..n).map(|_| '0'));
    if k <= point && point <= 21 {
        out.push_str(digits);
        zeros(&mut out, point - k);
    } else if 0 < point && point <= 21 {
        let (a, b) = digits
            .split_at_checked(usize::try_from(point).unwrap_or(0))
            .unwrap_or((digits, ""));
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    } else if -6 < point && point <= 0 {
        out.push_str("0.");
        zeros(&mut out, -point);
        out.push_str(digits);
    } else {
        let (first, rest) = digits.split_at_checked(1).unwrap_or((digits, ""));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if point - 1 < 0 { '-' } else { '+' });
        push_u32(&mut out, (point - 1).unsigned_abs());
    }
    out
}

/// A type that reads as a text (`as_str()`): `Debug` as that string, equal to a `str`, a `&str`
/// and a `String` of that text (with `eq`, to another of its type by text too).
macro_rules! reads_as_text {
    // `eq`: also equal to another of its type when their texts are (whatever form each is kept
    // in).
    ($ty:ty, eq) => {
        impl PartialEq for $ty {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $ty {}

        $crate::util::reads_as_text!($ty);
    };
    ($ty:ty) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let text: &str = &self.as_str();
                std::fmt::Debug::fmt(text, f)
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                let text: &str = &self.as_str();
                text == other
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                *self == **other
            }
        }

        impl PartialEq<String> for $ty {
            fn eq(&self, other: &String) -> bool {
                *self == **other
            }
        }
    };
}
pub(crate) use reads_as_text;

/// A decimal as `rust_decimal` writes it (`94.20`: every digit of its scale, `-` when below
/// zero), without its formatter: that brings string concatenation and a fixed-size buffer type
/// into the module (measured ~2 KB of wasm). A test holds the two equal.
pub fn decimal_text(x: &rust_decimal::Decimal) -> String {
    let mut out = String::new();
    push_decimal(&mut out, x);
    out
}

/// [`decimal_text`] appended to `out` (the digits first into a buffer on the stack).
pub fn push_decimal(out: &mut String, x: &rust_decimal::Decimal) {
    decimal_digits(x).push_to(out);
}

/// [`decimal_text`] handed to `then` from a buffer on the stack: no `String` for an amount
/// that is only written out (serialized or formatted).
pub fn with_decimal_text<R>(x: &rust_decimal::Decimal, then: impl FnOnce(&str) -> R) -> R {
    then(decimal_digits(x).as_str())
}

/// The text of [`decimal_text`], on the stack.
fn decimal_digits(x: &rust_decimal::Decimal) -> Digits {
    // The 96-bit mantissa as three 32-bit limbs (`serialize`: flags, lo, mid, hi, little-endian),
    // divided by 10⁹ in 64-bit arithmetic (128-bit division is large in wasm), nine digits at a
    // time, written from the end of a buffer on the stack and pushed at once.
    let bytes = x.serialize();
    let limb = |i: usize| {
        let mut word = [0u8; 4];
        if let Some(b) = bytes.get(i..i + 4) {
            word.copy_from_slice(b);
        }
        u32::from_le_bytes(word)
    };
    let mut limbs = [limb(12), limb(8), limb(4)];
    let scale = x.scale() as usize;
    // At most 29 digits (a scale of at most 28 adds leading zeros only below 29), a point, a sign.
    let mut buf = Digits::new();
    let mut written = 0usize;
    let digit = |buf: &mut Digits, written: &mut usize, d: u8| {
        if *written == scale && scale > 0 {
            buf.put(b'.');
        }
        buf.put(b'0' + d);
        *written += 1;
    };
    loop {
        // The mantissa within 32 bits (most amounts) is the last chunk, of any length.
        let (mut chunk, last) = if let [0, 0, lo] = limbs {
            (lo, true)
        } else {
            let mut rem = 0u64;
            for l in limbs.iter_mut() {
                let cur = rem << 32 | u64::from(*l);
                *l = (cur / 1_000_000_000) as u32;
                rem = cur % 1_000_000_000;
            }
            (rem as u32, false)
        };
        let mut n = 0;
        loop {
            digit(&mut buf, &mut written, (chunk % 10) as u8);
            chunk /= 10;
            n += 1;
            if if last { chunk == 0 } else { n == 9 } {
                break;
            }
        }
        if last {
            break;
        }
    }
    while written <= scale {
        digit(&mut buf, &mut written, 0);
    }
    if x.is_sign_negative() && !x.is_zero() {
        buf.put(b'-');
    }
    buf
}

/// ASCII written backwards from the end of a buffer on the stack: then pushed onto a `String`
/// ([`Digits::push_to`]) or read as a `&str` ([`Digits::as_str`]).
pub(crate) struct Digits {
    buf: [u8; 40],
    at: usize,
}

impl Digits {
    fn new() -> Self {
        Digits {
            buf: [0; 40],
            at: 40,
        }
    }

    fn put(&mut self, b: u8) {
        self.at = self.at.saturating_sub(1);
        if let Some(slot) = self.buf.get_mut(self.at) {
            *slot = b;
        }
    }

    /// Byte by byte: `push_str` would check the bytes are UTF-8 and copy them with a
    /// `memory.copy` (in wasm, a call out of the module), both slower for a few digits.
    fn push_to(&self, out: &mut String) {
        let bytes = self.buf.get(self.at..).unwrap_or_default();
        out.reserve(bytes.len());
        for &b in bytes {
            out.push(char::from(b));
        }
    }

    /// The ASCII written (digits, a point, a sign), for a `&str` (serialized or formatted).
    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(self.buf.get(self.at..).unwrap_or_default()).unwrap_or_default()
    }
}

/// `n` in decimal digits, appended to `out`.
pub fn push_u32(out: &mut String, n: u32) {
    push_digits(out, u64::from(n));
}

/// The decimal digits of `n`.
fn push_digits(out: &mut String, n: u64) {
    digits(n).push_to(out);
}

/// `n` in decimal digits, written to `f` (a count in a message or a formula written where it
/// is read).
pub(crate) fn write_count(f: &mut std::fmt::Formatter<'_>, n: u32) -> std::fmt::Result {
    f.write_str(digits(u64::from(n)).as_str())
}

/// An amount as [`decimal_text`] writes it, written to `f`.
pub(crate) fn write_decimal(
    f: &mut std::fmt::Formatter<'_>,
    x: &rust_decimal::Decimal,
) -> std::fmt::Result {
    f.write_str(decimal_digits(x).as_str())
}

/// The decimal digits of `n`, on the stack.
pub(crate) fn digits(n: u64) -> Digits {
    let mut buf = Digits::new();
    let mut rest = n;
    loop {
        buf.put(b'0' + (rest % 10) as u8);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_is_rust_decimals() {
        use rust_decimal::Decimal;
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut cases = vec![
            Decimal::ZERO,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(9420, 2),
            Decimal::new(-5, 3),
            Decimal::new(0, 4),
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::from_i128_with_scale(10_000_000_000_000_000_000, 0),
            Decimal::from_i128_with_scale(10_000_000_000_000_000_000, 19),
            Decimal::from_i128_with_scale(9_999_999_999_999_999_999, 5),
        ];
        for _ in 0..100_000 {
            let bits = (u128::from(next()) << 32 | u128::from(next())) >> (next() % 96);
            let m = i128::try_from(bits % (1u128 << 96)).unwrap();
            let m = if next() % 2 == 0 { m } else { -m };
            cases.push(Decimal::from_i128_with_scale(m, (next() % 29) as u32));
        }
        for x in cases {
            assert_eq!(decimal_text(&x), x.to_string(), "{x:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        // What `String(n)` gives in JavaScript (the wasm boundary's text of the same number).
        for (n, js) in [
            (0.0, "0"),
            (-0.0, "0"),
            (1.5, "1.5"),
            (-2.25, "-2.25"),
            (10.08, "10.08"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (1e16, "10000000000000000"),
            (2f64.powi(53) + 2.0, "9007199254740994"),
            (1e-6, "0.000001"),
            (1.5e-6, "0.0000015"),
            (1e-7, "1e-7"),
            (-1.25e-7, "-1.25e-7"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (-f64::MAX, "-1.7976931348623157e+308"),
            (f64::EPSILON, "2.220446049250313e-16"),
            (1e300, "1e+300"),
            (1.5e300, "1.5e+300"),
            (123.456, "123.456"),
            (1e9 + 0.01, "1000000000.01"),
            (0.5, "0.5"),
            (100.5, "100.5"),
        ] {
            assert_eq!(js_number_text(n), js, "{n:e}");
        }
    }

    #[test]
    fn digits_are_rusts() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            4_294_967_295,
            4_294_967_296,
            u64::MAX - 1,
            u64::MAX,
        ] {
            let mut out = String::from("x");
            push_digits(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = vec![];
        sort_by_key(&mut empty, |x| *x);
    }
}
