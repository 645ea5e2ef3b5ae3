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

/// A JSON number as its JSON text (`10`, `10.08`, `100.0`, `1e21`), without core's float
/// formatting.
pub(crate) fn number_text(n: &serde_json::Number) -> String {
    // Integers digit by digit: serde_json's integer writer (`itoa`) would bring core's Debug
    // machinery along through an `expect` (measured ~1 KB of wasm).
    if let Some(i) = n.as_i64() {
        let mut out = String::new();
        if i < 0 {
            out.push('-');
        }
        push_digits(&mut out, i.unsigned_abs());
        return out;
    }
    if let Some(u) = n.as_u64() {
        let mut out = String::new();
        push_digits(&mut out, u);
        return out;
    }
    serde_json::to_string(&n.as_f64().unwrap_or(f64::NAN)).unwrap_or_default()
}

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
    // The 96-bit mantissa as three 32-bit limbs (`serialize`: flags, lo, mid, hi, little-endian),
    // divided by ten in 64-bit arithmetic (128-bit division is large in wasm).
    let bytes = x.serialize();
    let limb = |i: usize| {
        let mut word = [0u8; 4];
        if let Some(b) = bytes.get(i..i + 4) {
            word.copy_from_slice(b);
        }
        u32::from_le_bytes(word)
    };
    let mut limbs = [limb(12), limb(8), limb(4)];
    // At most 29 digits; a scale of at most 28 adds leading zeros only below 29 digits.
    let mut reversed = [0u8; 32];
    let mut n = 0usize;
    loop {
        let mut rem = 0u64;
        for l in limbs.iter_mut() {
            let cur = rem << 32 | u64::from(*l);
            *l = (cur / 10) as u32;
            rem = cur % 10;
        }
        if let Some(d) = reversed.get_mut(n) {
            *d = rem as u8;
        }
        n += 1;
        if limbs == [0, 0, 0] {
            break;
        }
    }
    let scale = x.scale() as usize;
    n = n.max(scale + 1);
    if x.is_sign_negative() && !x.is_zero() {
        out.push('-');
    }
    for (i, d) in reversed.iter().enumerate().take(n).rev() {
        out.push(char::from(b'0' + d));
        if i == scale && scale > 0 {
            out.push('.');
        }
    }
}

/// `n` in decimal digits, appended to `out`.
pub fn push_u32(out: &mut String, n: u32) {
    push_digits(out, u64::from(n));
}

/// The decimal digits of `n`.
fn push_digits(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    for d in digits.iter().skip(at) {
        out.push(char::from(*d));
    }
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
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = vec![];
        sort_by_key(&mut empty, |x| *x);
    }
}
