//! The plain reader: JSON text to a [`Json`] value in one pass over its bytes, for the text a
//! request usually is (no escapes, whole numbers of up to 15 digits, no repeated keys, well
//! within the limits). On anything else it gives up (`None`) and the caller reads the text with
//! the full reader ([`crate::input::text`]), which gives the same value for what this one reads
//! and the errors, the escapes, every number and the limits for the rest; so a request's text
//! reads to one value whichever reader took it. A property test holds the two equal on random
//! values and on their text garbled (`core/tests/properties.rs`).
//!
//! The full reader builds the value through serde's visitors (serde_json's tokens, a field
//! vector grown field by field). Here each object's and array's items gather on one stack and
//! move into a vector of their exact size at the container's end, and a string is the bytes
//! between its quotes: about a quarter of the instructions (BENCHMARKS.md).

use std::borrow::Cow;

use crate::input::json::{signature, Fields, Json};
use crate::input::limits;

/// Containers nested deeper than this are left to the full reader (which stops at
/// [`limits::MAX_DEPTH`]); a request nests 5 levels.
const DEPTH: usize = 32;

/// The longest whole number read here: 15 digits are below 2^53 (the full reader's
/// [`Json::Int`] takes them as they are).
const DIGITS: usize = 15;

/// Read `text` as one value, or `None` where the full reader must.
pub(crate) fn value(text: &str) -> Option<Json<'_>> {
    let mut r = Reader::new(text);
    let v = r.value(0)?;
    r.end().then_some(v)
}

/// Read `text` as a batch (an array whose items each count their values from 0), or `None`.
pub(crate) fn batch(text: &str) -> Option<Vec<Json<'_>>> {
    let mut r = Reader::new(text);
    r.space();
    r.byte(b'[')?;
    let mut items = Vec::new();
    r.space();
    if r.peek() == Some(b']') {
        r.at += 1;
    } else {
        loop {
            r.values = 0;
            items.push(r.value(0)?);
            r.space();
            match r.next()? {
                b',' => {}
                b']' => break,
                _ => return None,
            }
        }
    }
    r.end().then_some(items)
}

/// Whether `rest` (what follows an opening quote) starts with `name` and its closing quote.
#[inline(always)]
fn is_key(rest: &[u8], name: &str) -> bool {
    let n = name.len();
    rest.get(n) == Some(&b'"')
        && rest
            .get(..n)
            .is_some_and(|key| same_bytes(key, name.as_bytes()))
}

/// `a == b` for two slices of one length, by its first and last words (overlapping where it is
/// shorter than two): a name is a word or two long, and a call to `memcmp` costs more than this.
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn ends<const N: usize>(s: &[u8]) -> Option<(&[u8; N], &[u8; N])> {
        Some((s.first_chunk::<N>()?, s.last_chunk::<N>()?))
    }
    if let (Some(x), Some(y)) = (ends::<8>(a), ends::<8>(b)) {
        return x == y && (a.len() <= 16 || a.get(8..a.len() - 8) == b.get(8..b.len() - 8));
    }
    if let (Some(x), Some(y)) = (ends::<4>(a), ends::<4>(b)) {
        return x == y;
    }
    a == b
}

const ONES: u64 = u64::from_le_bytes([1; 8]);
const HIGH: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit of each of the eight bytes of `w` below `n` (at most 128), exact up to the
/// lowest such byte (a borrow may mark bytes above it).
const fn below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * n as u64) & !w & HIGH
}

/// Marks, as [`below`], the bytes of `w` that end a plain string: a `"`, a `\\` or a control
/// character. The lowest mark is the first such byte.
const fn special(w: u64) -> u64 {
    below(w ^ (ONES * b'"' as u64), 1) | below(w ^ (ONES * b'\\' as u64), 1) | below(w, 0x20)
}

/// The reader of plain text, also walked field by field by the typed reader
/// ([`typed`](crate::input::typed::typed)).
pub(crate) struct Reader<'a> {
    text: &'a str,
    at: usize,
    /// Values read (of the current batch item), as the full reader counts them.
    values: usize,
    /// The fields of the objects being read, innermost last.
    fields: Vec<(Cow<'a, str>, Json<'a>)>,
    /// The items of the arrays being read, innermost last.
    items: Vec<Json<'a>>,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader {
            text,
            at: 0,
            values: 0,
            fields: Vec::with_capacity(32),
            items: Vec::new(),
        }
    }

    /// A reader for [`typed`](crate::input::typed::typed): its stacks grow only where a value is
    /// built (a model type reads its fields without them).
    pub(crate) fn for_typed(text: &'a str) -> Self {
        Reader {
            text,
            at: 0,
            values: 0,
            fields: Vec::new(),
            items: Vec::new(),
        }
    }

    /// Where it stands, to come back to ([`Reader::back`]).
    pub(crate) fn mark(&self) -> (usize, usize) {
        (self.at, self.values)
    }

    /// Back to a [`Reader::mark`].
    pub(crate) fn back(&mut self, (at, values): (usize, usize)) {
        self.at = at;
        self.values = values;
    }

    /// The next value, read and counted, if it is a plain string; else `None`, nothing read.
    #[inline(always)]
    pub(crate) fn string_value(&mut self) -> Option<&'a str> {
        self.space();
        if self.peek() != Some(b'"') || self.values >= limits::MAX_VALUES {
            return None;
        }
        let s = self.string()?;
        self.values += 1;
        Some(s)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn byte(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    /// JSON's whitespace.
    fn space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// Only whitespace is left.
    pub(crate) fn end(&mut self) -> bool {
        self.space();
        self.at == self.text.len()
    }

    /// One value at `depth` (the levels of containers around it).
    pub(crate) fn value(&mut self, depth: usize) -> Option<Json<'a>> {
        self.values += 1;
        if self.values > limits::MAX_VALUES {
            return None;
        }
        self.space();
        match self.peek()? {
            b'"' => self.string().map(|s| Json::String(Cow::Borrowed(s))),
            b'{' if depth < DEPTH => self.object(depth),
            b'[' if depth < DEPTH => self.array(depth),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'n' => self.word("null", Json::Null),
            _ => self.number(),
        }
    }

    /// The start of a container (`open` is `{` or `[`) at `depth`, counted as a value: `false`
    /// when it is empty (and read to its end), `None` on anything else.
    #[inline(always)]
    pub(crate) fn open(&mut self, open: u8, depth: usize) -> Option<bool> {
        self.values += 1;
        if self.values > limits::MAX_VALUES || depth >= DEPTH {
            return None;
        }
        self.space();
        self.byte(open)?;
        self.space();
        // `]` and `}` are `[` and `{` plus two.
        if self.peek() == Some(open + 2) {
            self.at += 1;
            return Some(false);
        }
        Some(true)
    }

    /// After an item of a container: `true` at a `,` (another follows), `false` at its `close`.
    #[inline(always)]
    pub(crate) fn more(&mut self, close: u8) -> Option<bool> {
        self.space();
        match self.next()? {
            b',' => Some(true),
            b if b == close => Some(false),
            _ => None,
        }
    }

    /// The next key, as its index in `names`, and its colon: `None` where it is not one of
    /// `names` (or not plain). The names are tried from `hint` on, then the ones before it; each
    /// by its bytes at the cursor, so the key itself is never scanned: a name whose bytes follow
    /// the opening quote, then a closing quote, is the key (a name holds no quote or backslash).
    #[inline(always)]
    pub(crate) fn key_in(&mut self, names: &[&str], hint: usize) -> Option<usize> {
        self.space();
        if self.peek() != Some(b'"') {
            return None;
        }
        let rest = self.text.as_bytes().get(self.at + 1..)?;
        let (after, before) = (names.get(hint..)?, names.get(..hint)?);
        let found = after
            .iter()
            .position(|name| is_key(rest, name))
            .map(|i| i + hint)
            .or_else(|| before.iter().position(|name| is_key(rest, name)))?;
        self.at += names.get(found)?.len() + 2;
        self.space();
        self.byte(b':')?;
        Some(found)
    }

    /// The next value, read and counted, as its index in `names` if it is a string that is one
    /// of them, written plainly; else `None`, nothing read. Each name is compared with the bytes
    /// at the cursor, as [`Reader::key_in`] does.
    #[inline(always)]
    pub(crate) fn string_in(&mut self, names: &[&str]) -> Option<usize> {
        self.space();
        if self.peek() != Some(b'"') || self.values >= limits::MAX_VALUES {
            return None;
        }
        let rest = self.text.as_bytes().get(self.at + 1..)?;
        let found = names.iter().position(|name| is_key(rest, name))?;
        self.at += names.get(found)?.len() + 2;
        self.values += 1;
        Some(found)
    }

    /// Whether the next value is `null` (then read, and counted).
    #[inline(always)]
    pub(crate) fn null(&mut self) -> bool {
        self.space();
        let end = self.at + 4;
        if self.text.as_bytes().get(self.at..end) == Some(b"null") {
            self.at = end;
            self.values += 1;
            return true;
        }
        false
    }

    fn word(&mut self, word: &str, v: Json<'a>) -> Option<Json<'a>> {
        let end = self.at + word.len();
        (self.text.get(self.at..end)? == word).then(|| {
            self.at = end;
            v
        })
    }

    /// A string without escapes or control characters, borrowed (the cursor on its `"`).
    fn string(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        let mut end = start;
        // Eight bytes at a time while none of them is a quote, a backslash or a control
        // character, then byte by byte.
        while let Some(word) = bytes.get(end..end + 8) {
            let marks = special(u64::from_le_bytes(<[u8; 8]>::try_from(word).ok()?));
            if marks != 0 {
                end += marks.trailing_zeros() as usize / 8;
                break;
            }
            end += 8;
        }
        loop {
            match *bytes.get(end)? {
                b'"' => break,
                b'\\' | 0..=0x1f => return None,
                _ => end += 1,
            }
        }
        self.at = end + 1;
        // Both ends are next to ASCII quotes: character boundaries.
        self.text.get(start..end)
    }

    /// `0` or `-?[1-9][0-9]{0,14}`, not followed by a fraction or an exponent.
    fn number(&mut self) -> Option<Json<'a>> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let start = self.at;
        let mut n: i64 = 0;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n * 10 + i64::from(d - b'0');
            self.at += 1;
            if self.at - start > DIGITS {
                return None;
            }
        }
        let len = self.at - start;
        let leading_zero = self.text.as_bytes().get(start) == Some(&b'0');
        if len == 0 || (leading_zero && (len > 1 || negative)) {
            return None;
        }
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return None;
        }
        Some(Json::Int(if negative { -n } else { n }))
    }

    fn object(&mut self, depth: usize) -> Option<Json<'a>> {
        self.at += 1;
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(Json::Object(Fields::default()));
        }
        let base = self.fields.len();
        let mut mask = 0u64;
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return None;
            }
            let key = self.string()?;
            // A repeated key is the full reader's to report.
            let bit = signature(key);
            if mask & bit != 0
                && self
                    .fields
                    .get(base..)?
                    .iter()
                    .any(|(k, _)| k.as_ref() == key)
            {
                return None;
            }
            mask |= bit;
            self.space();
            self.byte(b':')?;
            let v = self.value(depth + 1)?;
            self.fields.push((Cow::Borrowed(key), v));
            self.space();
            match self.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
        let fields: Vec<_> = self.fields.drain(base..).collect();
        Some(Json::Object(Fields::from_distinct_parts(fields, mask)))
    }

    fn array(&mut self, depth: usize) -> Option<Json<'a>> {
        self.at += 1;
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(Json::Array(Vec::new()));
        }
        let base = self.items.len();
        loop {
            let v = self.value(depth + 1)?;
            self.items.push(v);
            self.space();
            match self.next()? {
                b',' => {}
                b']' => break,
                _ => return None,
            }
        }
        Some(Json::Array(self.items.drain(base..).collect()))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::input::text::{parse_batch_in_full, parse_json_in_full};

    /// What the full reader gives, where this one reads.
    fn same(text: &str) -> bool {
        match value(text) {
            Some(v) => {
                assert_eq!(Ok(&v), parse_json_in_full(text).as_ref(), "{text}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn reads_what_a_request_is_and_leaves_the_rest() {
        for text in [
            r#"{"a": [1, -2, 0, 999999999999999, true, false, null, "x", {}, []], "b": {"c": ""}}"#,
            " \t\n\r{ \"k\" : \"v\" } \n",
            "[]",
            "-7",
            r#""é ü""#,
        ] {
            assert!(same(text), "{text}");
        }
        for text in [
            "",
            " ",
            "1.5",
            "1e3",
            "-0",
            "01",
            "1000000000000000",
            r#""a\"b""#,
            "\"a\tb\"",
            r#"{"a": 1, "a": 2}"#,
            r#"{"a": 1,}"#,
            "[1,]",
            "[1 2]",
            "{} x",
            "tru",
            "nul",
            r#"{'a': 1}"#,
            "{\"a\" 1}",
            "[",
            "\"open",
        ] {
            assert!(!same(text), "{text}");
        }
        let deep = "[".repeat(DEPTH) + &"]".repeat(DEPTH);
        assert!(same(&deep));
        let deeper = "[".repeat(DEPTH + 1) + &"]".repeat(DEPTH + 1);
        assert!(!same(&deeper));
    }

    #[test]
    fn special_finds_each_byte_that_ends_a_plain_string() {
        for b in 0..=255u8 {
            let want = b == b'"' || b == b'\\' || b < 0x20;
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = b;
                let first = |w: [u8; 8]| match special(u64::from_le_bytes(w)) {
                    0 => None,
                    marks => Some(marks.trailing_zeros() / 8),
                };
                let at_u32 = u32::try_from(at).unwrap();
                assert_eq!(first(word), want.then_some(at_u32), "{b} at {at}");
                let mut word = [0xffu8; 8];
                word[at] = b;
                assert_eq!(
                    first(word),
                    want.then_some(at_u32),
                    "{b} at {at} among 0xff"
                );
                // After another that ends the string: the first is found.
                word[0] = b'"';
                assert_eq!(first(word), Some(0), "{b} at {at} after a quote");
            }
        }
        let text = format!("\"{}\"", "abcdefgh".repeat(3));
        assert!(same(&text));
        // A backslash or a control character anywhere in a long string, on either side of a
        // word's edge: left to the full reader.
        let long = format!("\"{}\"", "é-long-text-ü".repeat(2));
        for (at, _) in long.char_indices().skip(1) {
            for c in ['\\', '\n', '\u{1f}'] {
                let mut t = long.clone();
                t.insert(at, c);
                assert!(value(&t).is_none(), "{t:?}");
            }
        }
        assert!(same(&long));
    }

    #[test]
    fn same_bytes_is_slice_equality_at_every_length_and_place() {
        for n in 0..40usize {
            let a: Vec<u8> = (0..n)
                .map(|i| b'a' + u8::try_from(i % 26).unwrap())
                .collect();
            assert!(same_bytes(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "{n} at {at}");
            }
            let name = std::str::from_utf8(&a).unwrap();
            let mut rest = a.clone();
            rest.extend_from_slice(b"\": 1");
            assert!(is_key(&rest, name), "{n}");
            assert!(!is_key(&rest[1..], name) || n == 0, "{n}");
        }
    }

    #[test]
    fn a_batch_counts_each_item_from_zero() {
        let text = r#"[{"a": 1}, [2, 3], "x"]"#;
        let items = batch(text).unwrap();
        let full = parse_batch_in_full(text).unwrap();
        assert_eq!(items.len(), full.len());
        for (a, b) in items.iter().zip(&full) {
            assert_eq!(Ok(a), b.as_ref());
        }
        assert_eq!(batch(" [ ] ").unwrap(), Vec::<Json<'_>>::new());
        assert!(batch("{}").is_none() && batch("[1,]").is_none() && batch("[] 1").is_none());
    }

    /// The example requests are what this reader is for: it reads every one.
    #[test]
    fn reads_the_example_requests() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/requests");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(same(&text), "{}", path.display());
                n += 1;
            }
        }
        assert!(n >= 4, "{n} example requests");
    }

    fn texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(|n| Value::from(n >> (n & 63))),
            any::<f64>().prop_map(Value::from),
            "[a-z\u{e9}\u{FFFD}\"\\\\\t /]{0,6}".prop_map(Value::String),
        ];
        let value = leaf.prop_recursive(5, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(("[a-c\"]{0,2}", inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        });
        (value, any::<bool>()).prop_map(|(v, pretty)| {
            if pretty {
                serde_json::to_string_pretty(&v).unwrap()
            } else {
                serde_json::to_string(&v).unwrap()
            }
        })
    }

    /// Garbled: bytes replaced, inserted or removed, from what JSON's syntax turns on.
    pub(crate) fn garble(text: &str, edits: &[(usize, u8, u8)]) -> String {
        const BYTES: &[u8] = b"{}[],:\"\\ 0123456789-.eE+tfnulx";
        let mut b = text.as_bytes().to_vec();
        for &(at, what, byte) in edits {
            let at = if b.is_empty() { 0 } else { at % (b.len() + 1) };
            let c = BYTES[usize::from(byte) % BYTES.len()];
            match what % 3 {
                0 if at < b.len() => b[at] = c,
                1 => b.insert(at, c),
                _ if at < b.len() => {
                    b.remove(at);
                }
                _ => {}
            }
        }
        String::from_utf8_lossy(&b).into_owned()
    }

    #[test]
    fn what_it_reads_the_full_reader_reads_alike() {
        use proptest::prelude::*;
        let edits = prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 0..4);
        proptest!(ProptestConfig::with_cases(20_000), |(text in texts(), edits in edits)| {
            let text = garble(&text, &edits);
            if let Some(v) = value(&text) {
                let full = parse_json_in_full(&text);
                prop_assert_eq!(Ok(&v), full.as_ref());
            }
            let wrapped = format!("[{text}, {text}]");
            if let Some(items) = batch(&wrapped) {
                let full = parse_batch_in_full(&wrapped);
                prop_assert!(full.is_ok());
                let full = full.unwrap();
                prop_assert_eq!(items.len(), full.len());
                for (a, b) in items.iter().zip(&full) {
                    prop_assert_eq!(Ok(a), b.as_ref());
                }
            }
        });
    }
}
