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
    serde_json::to_string(n).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = vec![];
        sort_by_key(&mut empty, |x| *x);
    }
}
