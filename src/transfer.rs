//! The wasm boundary's wire format, both ways: values cross as a flat buffer that the other side
//! reads in one pass, instead of one boundary call per value (reading a JS object) or JSON text
//! (why, with the figures: BENCHMARKS.md).
//!
//! - **Answers** (Rust → JS): [`Tape`] is a serde `Serializer` writing `u32` words, plus one
//!   UTF-8 region holding every string. JS (`src/boundary.js`, `buildAnswer`) decodes the region
//!   with one `TextDecoder` call and rebuilds the value: strings are slices of it (the tape holds
//!   their UTF-16 offsets); object keys and enum names are `&'static str`s the tape names by
//!   address and length, which JS decodes once and keeps.
//! - **Arguments** (JS → Rust): JS (`readValue`) walks the argument as `JSON.stringify` would see
//!   it, within the reader's limits, into bytes that [`read_value`] turns into a JSON value
//!   ([`Json`], borrowing its strings from the bytes).
//!
//! The tags of both formats are one table, [`WIRE_TAGS`] (the `wire_tags!` block below): the
//! Rust constants and the generated constants at the top of `src/boundary.js` come from it.

use std::borrow::Cow;
use std::cell::Cell;
use std::mem::ManuallyDrop;

use serde::ser::{self, Serialize};

use subscription_rules_core::input::json::{Fields, Json};

/// The wire format's one tag table: the Rust constants, and [`WIRE_TAGS`], from which the block
/// of constants at the top of `src/boundary.js` is generated (a test fails when they differ;
/// `UPDATE_WIRE_TAGS=1 cargo test -p subscription-rules wire_tags` rewrites the block).
macro_rules! wire_tags {
    ($( $(#[doc = $doc:literal])* $name:ident: $ty:ty = $value:literal; )*) => {
        $(
            $(#[doc = $doc])*
            #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
            pub(crate) const $name: $ty = $value;
        )*
        /// Every tag by name, in order.
        #[cfg_attr(not(test), allow(dead_code))]
        pub(crate) const WIRE_TAGS: &[(&str, u32, &str)] =
            &[$((stringify!($name), $value as u32, concat!($($doc),*))),*];
    };
}

wire_tags! {
    /// Answer word: `null`.
    NULL: u32 = 0;
    /// Answer word: `false`.
    FALSE: u32 = 1;
    /// Answer word: `true`.
    TRUE: u32 = 2;
    /// Answer word: an integer within `i32`; the value follows.
    INT: u32 = 3;
    /// Answer word: any other number; the `f64`'s low and high words follow.
    FLOAT: u32 = 4;
    /// Answer word: a string; its UTF-16 start and end in the string region follow.
    STR: u32 = 5;
    /// Answer word: a static string; its address and byte length in the module's memory follow.
    STATIC: u32 = 6;
    /// Answer word: an array; the count, then the items follow.
    ARRAY: u32 = 7;
    /// Answer word: an object; the count, then key and value of each entry follow.
    OBJECT: u32 = 8;
    /// Argument byte: `null` (or `undefined` in an array).
    ARG_NULL: u8 = 0;
    /// Argument byte: `false`.
    ARG_FALSE: u8 = 1;
    /// Argument byte: `true`.
    ARG_TRUE: u8 = 2;
    /// Argument byte: a number beyond `i32`: its `f64`'s 8 little-endian bytes, then its text as JSON.stringify writes it (byte length, 4 bytes, and the ASCII).
    ARG_FLOAT: u8 = 3;
    /// Argument byte: a string; its byte length (4 bytes) and UTF-8 bytes follow.
    ARG_STR: u8 = 4;
    /// Argument byte: an array; its count (4 bytes), then the items follow.
    ARG_ARRAY: u8 = 5;
    /// Argument byte: an object; its count (4 bytes), then key and value of each entry follow (a key as a string's length and bytes, or as KEY_KNOWN plus its place in WIRE_KEYS).
    ARG_OBJECT: u8 = 6;
    /// Argument byte: an integer within `i32`; its 4 little-endian bytes follow.
    ARG_INT: u8 = 7;
    /// Argument byte: a limit stopped the walk; the whole argument is this byte and the limit's.
    ARG_LIMIT: u8 = 255;
    /// Argument key: this plus the key's place in WIRE_KEYS (4 bytes), in place of its length and bytes.
    KEY_KNOWN: u32 = 2147483648;
    /// Batch item length: reading the item threw (what it threw is kept for `thrownItem`); the last item of its chunk.
    ITEM_THREW: u32 = 4294967295;
    /// Limit: more values than a request may have.
    LIMIT_VALUES: u8 = 1;
    /// Limit: more bytes of text than a request may have.
    LIMIT_BYTES: u8 = 2;
    /// Limit: nested deeper than the reader reads.
    LIMIT_DEPTH: u8 = 3;
}

thread_local! {
    /// The buffers of the last answer written and read, for the next (see [`Tape::recycle`]).
    /// `ManuallyDrop`: a value with drop glue would have the thread register a destructor for it,
    /// code the validation module does not need (the module's one thread never ends). Only an
    /// empty cell is ever set, so nothing is leaked but the spare itself when a thread ends.
    static SPARE: Cell<ManuallyDrop<Option<Tape>>> = const { Cell::new(ManuallyDrop::new(None)) };
}

/// The spare tape, taken: the cell is left empty. (`try_with`, which cannot fail here, since the
/// module's thread never ends: `with` would bring in the code of a panic's message.)
fn take_spare() -> Option<Tape> {
    SPARE
        .try_with(Cell::take)
        .ok()
        .and_then(ManuallyDrop::into_inner)
}

/// The largest buffers [`Tape::recycle`] keeps: 64 KiB of words, 64 KiB of strings.
const KEPT_WORDS: usize = 16 << 10;
const KEPT_BYTES: usize = 64 << 10;

/// An answer on its way to JS: the words and the string region.
#[derive(Debug, Default)]
pub(crate) struct Tape {
    pub(crate) words: Vec<u32>,
    pub(crate) strings: String,
    /// UTF-16 length of `strings` (JS slices the decoded region by UTF-16 offsets).
    utf16: u32,
}

/// Writing a value failed: only a count beyond `u32` or a serde `custom` error, neither of which
/// the engine's answers can produce.
#[derive(Debug)]
pub(crate) struct Unwritable;

impl std::fmt::Display for Unwritable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the answer could not be written")
    }
}

impl std::error::Error for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unwritable
    }
}

/// The index of a count word, written as 0 and filled in when the container ends.
pub(crate) struct Open<'t> {
    tape: &'t mut Tape,
    at: usize,
    count: u32,
}

impl Tape {
    /// Its size in the module's memory: 4 bytes a word, and the strings.
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
    pub(crate) fn bytes(&self) -> usize {
        self.words.len() * 4 + self.strings.len()
    }

    /// Write `value`, into the buffers of the last tape [`Tape::recycle`]d if there is one.
    pub(crate) fn write<T: Serialize + ?Sized>(value: &T) -> Result<Tape, Unwritable> {
        let mut tape = Tape::empty();
        value.serialize(&mut tape)?;
        Ok(tape)
    }

    /// Write `value` after the values already on the tape (a batch's answers, rebuilt together:
    /// one after the other, their strings in one region).
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
    pub(crate) fn append<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        value.serialize(self)
    }

    /// Empty again, its buffers kept (a batch's tape once its answers are rebuilt).
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
    pub(crate) fn clear(&mut self) {
        self.words.clear();
        self.strings.clear();
        self.utf16 = 0;
    }

    /// The spare tape cleared, or a new one (not inlined into each of `write`'s instances: the
    /// validation module is kept small).
    #[inline(never)]
    pub(crate) fn empty() -> Tape {
        match take_spare() {
            Some(mut spare) => {
                spare.clear();
                spare
            }
            None => Tape {
                words: Vec::with_capacity(256),
                strings: String::with_capacity(512),
                utf16: 0,
            },
        }
    }

    /// A tape that has been read, kept for the next [`Tape::write`]: a decision's answer then
    /// needs no allocation and no growth of its buffers. Only one is kept, and only a small one
    /// (a large answer's buffers are freed, as before).
    #[cfg_attr(not(feature = "wasm"), allow(dead_code))]
    pub(crate) fn recycle(self) {
        if self.words.capacity() <= KEPT_WORDS && self.strings.capacity() <= KEPT_BYTES {
            // One is kept: the one held stays, and this one is freed, if there is one.
            let kept = take_spare().unwrap_or(self);
            // Where the thread is ending (natively), `kept` is freed instead.
            let _ = SPARE.try_with(|spare| spare.set(ManuallyDrop::new(Some(kept))));
        }
    }

    /// Words pushed one by one: `extend_from_slice` of a few words is a `memory.copy` in wasm,
    /// which V8 runs as a call out of the module (measured: the tape's largest cost).
    fn put(&mut self, words: &[u32]) {
        match *words {
            [a, b, c] => {
                self.words.push(a);
                self.words.push(b);
                self.words.push(c);
            }
            [a, b] => {
                self.words.push(a);
                self.words.push(b);
            }
            _ => self.words.extend_from_slice(words),
        }
    }

    fn string(&mut self, s: &str) -> Result<(), Unwritable> {
        let from = self.strings.len();
        self.strings.push_str(s);
        self.added(from)
    }

    /// `value`'s text appended to the string region, as [`Tape::string`] appends a `&str`.
    /// (One function for every type: `value` by its `Display`.)
    fn written(&mut self, value: &dyn std::fmt::Display) -> Result<(), Unwritable> {
        let from = self.strings.len();
        // (A `Display` that fails, which none of the answers' does, fails the whole answer.)
        std::fmt::Write::write_fmt(&mut self.strings, format_args!("{value}"))
            .map_err(|_| Unwritable)?;
        self.added(from)
    }

    /// The string appended to the region from byte `from` on, named by its UTF-16 start and
    /// end.
    fn added(&mut self, from: usize) -> Result<(), Unwritable> {
        let added = self.strings.get(from..).unwrap_or_default();
        let units = if added.is_ascii() {
            added.len()
        } else {
            added.encode_utf16().count()
        };
        let start = self.utf16;
        let end = u32::try_from(units)
            .ok()
            .and_then(|u| start.checked_add(u))
            .ok_or(Unwritable)?;
        self.utf16 = end;
        self.put(&[STR, start, end]);
        Ok(())
    }

    /// A key or an enum name: by address in the module's (32-bit) memory, which JS reads once.
    #[cfg(target_arch = "wasm32")]
    #[inline(never)]
    fn static_str(&mut self, s: &'static str) -> Result<(), Unwritable> {
        let address = u32::try_from(s.as_ptr() as usize).map_err(|_| Unwritable)?;
        let len = u32::try_from(s.len()).map_err(|_| Unwritable)?;
        self.put(&[STATIC, address, len]);
        Ok(())
    }

    /// Natively (the unit tests) addresses do not fit a word: written as any string.
    #[cfg(not(target_arch = "wasm32"))]
    fn static_str(&mut self, s: &'static str) -> Result<(), Unwritable> {
        self.string(s)
    }

    fn open(&mut self, tag: u32) -> Open<'_> {
        self.put(&[tag, 0]);
        let at = self.words.len() - 1;
        Open {
            tape: self,
            at,
            count: 0,
        }
    }

    fn number(&mut self, n: f64) {
        let bits = n.to_bits();
        #[allow(clippy::cast_possible_truncation)]
        self.put(&[FLOAT, bits as u32, (bits >> 32) as u32]);
    }

    fn integer(&mut self, n: i64) {
        match i32::try_from(n) {
            #[allow(clippy::cast_sign_loss)]
            Ok(small) => self.put(&[INT, small as u32]),
            // Beyond i32: as a JS number, which is what JSON.parse would give.
            #[allow(clippy::cast_precision_loss)]
            Err(_) => self.number(n as f64),
        }
    }
}

impl Open<'_> {
    fn close(self) -> Result<(), Unwritable> {
        if let Some(slot) = self.tape.words.get_mut(self.at) {
            *slot = self.count;
        }
        Ok(())
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.count = self.count.checked_add(1).ok_or(Unwritable)?;
        value.serialize(&mut *self.tape)
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        self.key(key)?;
        value.serialize(&mut *self.tape)
    }

    /// A field's key, counted: one function for every field of every type, not inlined into
    /// each (the answer types have many fields: measured smaller).
    #[inline(never)]
    fn key(&mut self, key: &'static str) -> Result<(), Unwritable> {
        self.count = self.count.checked_add(1).ok_or(Unwritable)?;
        self.tape.static_str(key)
    }
}

impl<'t> ser::Serializer for &'t mut Tape {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Open<'t>;
    type SerializeTuple = Open<'t>;
    type SerializeTupleStruct = Open<'t>;
    type SerializeTupleVariant = Variant<'t>;
    type SerializeMap = Open<'t>;
    type SerializeStruct = Open<'t>;
    type SerializeStructVariant = Variant<'t>;

    fn serialize_bool(self, v: bool) -> Result<(), Unwritable> {
        self.words.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unwritable> {
        self.integer(v.into());
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unwritable> {
        self.integer(v.into());
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unwritable> {
        self.integer(v.into());
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unwritable> {
        self.integer(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unwritable> {
        self.integer(v.into());
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unwritable> {
        self.integer(v.into());
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unwritable> {
        self.integer(v.into());
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unwritable> {
        match i64::try_from(v) {
            Ok(v) => self.integer(v),
            #[allow(clippy::cast_precision_loss)]
            Err(_) => self.number(v as f64),
        }
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unwritable> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unwritable> {
        // As serde_json writes them: NaN and infinities are null.
        if v.is_finite() {
            self.number(v);
        } else {
            self.words.push(NULL);
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Unwritable> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unwritable> {
        self.string(v)
    }
    /// Text written where it is read (an answer's messages and formulas, `Message`, `Formula`):
    /// straight into the string region, not into a `String` first.
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<(), Unwritable> {
        self.written(&value)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unwritable> {
        let mut seq = self.open(ARRAY);
        for b in v {
            seq.item(b)?;
        }
        seq.close()
    }
    fn serialize_none(self) -> Result<(), Unwritable> {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unwritable> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unwritable> {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unwritable> {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unwritable> {
        self.static_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        let mut object = self.open(OBJECT);
        object.field(variant, value)?;
        object.close()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Open<'t>, Unwritable> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple(self, _: usize) -> Result<Open<'t>, Unwritable> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Open<'t>, Unwritable> {
        Ok(self.open(ARRAY))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'t>, Unwritable> {
        self.put(&[OBJECT, 1]);
        self.static_str(variant)?;
        Ok(Variant(self.open(ARRAY)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Open<'t>, Unwritable> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Open<'t>, Unwritable> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'t>, Unwritable> {
        self.put(&[OBJECT, 1]);
        self.static_str(variant)?;
        Ok(Variant(self.open(OBJECT)))
    }
}

impl ser::SerializeSeq for Open<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.item(value)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.close()
    }
}

impl ser::SerializeTuple for Open<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.item(value)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Open<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.item(value)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.close()
    }
}

impl ser::SerializeMap for Open<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unwritable> {
        // A key is any value here; JS turns a key that is not a string into one.
        self.count = self.count.checked_add(1).ok_or(Unwritable)?;
        key.serialize(&mut *self.tape)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.close()
    }
}

impl ser::SerializeStruct for Open<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.close()
    }
}

/// The inside of `{"Variant": …}` (tuple and struct variants).
pub(crate) struct Variant<'t>(Open<'t>);

impl ser::SerializeTupleVariant for Variant<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unwritable> {
        self.0.item(value)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.0.close()
    }
}

impl ser::SerializeStructVariant for Variant<'_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unwritable> {
        self.0.field(key, value)
    }
    fn end(self) -> Result<(), Unwritable> {
        self.0.close()
    }
}

// ------------------------------------------------------------------------------------------------
// Arguments: the bytes `readValue` (src/boundary.js) writes.
//
// | byte tag | value | then |
// |---|---|---|
// | 0 / 1 / 2 | `null` (or `undefined`) / `false` / `true` | — |
// | 3 | number | 8 bytes: the `f64`, little-endian |
// | 4 | string | 4 bytes: the UTF-8 length; the bytes |
// | 5 | array | 4 bytes: the count; the items |
// | 6 | object | 4 bytes: the count; each key (length and bytes, as a string) and value |
// | 7 | integer within `i32` | 4 bytes: the value |
// | 255 | a limit was reached (first byte only) | 1 byte: which ([`Limit`]) |

/// Which reading limit stopped `readValue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    /// More values than the reader reads.
    Values,
    /// More bytes of text than a request may have.
    Bytes,
    /// Nested deeper than the reader reads.
    Depth,
}

/// What the bytes of `readValue` say.
#[derive(Debug, PartialEq)]
pub(crate) enum Read<'b> {
    /// A JSON value, its strings borrowed from the bytes.
    Value(Json<'b>),
    /// A limit stopped the walk.
    Limit(Limit),
    /// The bytes are not what `readValue` writes (never, unless the two sides disagree).
    Garbled,
}

/// Read the bytes `readValue` wrote; `known` is the boundary's list of keys it writes by their
/// place ([`KEY_KNOWN`]: `WIRE_KEYS` in `src/boundary.js`, which the module asks for once).
pub(crate) fn read_value<'b>(bytes: &'b [u8], known: &'b [&'b str]) -> Read<'b> {
    match bytes {
        [ARG_LIMIT, LIMIT_VALUES] => return Read::Limit(Limit::Values),
        [ARG_LIMIT, LIMIT_BYTES] => return Read::Limit(Limit::Bytes),
        [ARG_LIMIT, LIMIT_DEPTH] => return Read::Limit(Limit::Depth),
        _ => {}
    }
    let mut cursor = Cursor {
        bytes,
        at: 0,
        known,
    };
    match cursor.value(0) {
        Some(value) if cursor.at == bytes.len() => Read::Value(value),
        _ => Read::Garbled,
    }
}

/// One item of the bytes `readItems` wrote: its bytes, as `readValue` writes an argument's, or
/// that reading it threw.
#[derive(Debug, PartialEq)]
pub(crate) enum Item<'b> {
    Read(&'b [u8]),
    Threw,
}

/// The items `readItems` wrote, in order: each its byte length (4 bytes, little-endian) and its
/// bytes, or [`ITEM_THREW`] in place of the length. A length beyond the bytes left yields what is
/// left (which [`read_value`] then finds garbled) and ends the items.
#[cfg_attr(not(feature = "wasm"), allow(dead_code))]
pub(crate) fn items(bytes: &[u8]) -> impl Iterator<Item = Item<'_>> {
    let mut rest = bytes;
    std::iter::from_fn(move || {
        let (length, after) = rest.split_first_chunk::<4>()?;
        let length = u32::from_le_bytes(*length);
        if length == ITEM_THREW {
            rest = &[];
            return Some(Item::Threw);
        }
        let length = usize::try_from(length)
            .unwrap_or(usize::MAX)
            .min(after.len());
        let (item, next) = after.split_at(length);
        rest = next;
        Some(Item::Read(item))
    })
}

/// Deeper than the JS walker ever writes (it stops at 64); a guard, not a limit.
const MAX_TAPE_DEPTH: usize = 128;

struct Cursor<'b> {
    bytes: &'b [u8],
    at: usize,
    known: &'b [&'b str],
}

impl<'b> Cursor<'b> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let end = self.at.checked_add(N)?;
        let chunk = self.bytes.get(self.at..end)?;
        self.at = end;
        chunk.try_into().ok()
    }

    fn u32(&mut self) -> Option<u32> {
        self.take::<4>().map(u32::from_le_bytes)
    }

    fn text(&mut self) -> Option<&'b str> {
        let len = self.u32()?;
        self.text_of(len)
    }

    /// An object's key: a known key by its place, or a string's bytes.
    fn key(&mut self) -> Option<&'b str> {
        let word = self.u32()?;
        if word & KEY_KNOWN != 0 {
            return self
                .known
                .get(usize::try_from(word & !KEY_KNOWN).ok()?)
                .copied();
        }
        self.text_of(word)
    }

    /// The `len` bytes at the cursor, as UTF-8.
    fn text_of(&mut self, len: u32) -> Option<&'b str> {
        let len = usize::try_from(len).ok()?;
        let end = self.at.checked_add(len)?;
        let raw = self.bytes.get(self.at..end)?;
        self.at = end;
        std::str::from_utf8(raw).ok()
    }

    fn value(&mut self, depth: usize) -> Option<Json<'b>> {
        if depth > MAX_TAPE_DEPTH {
            return None;
        }
        let [tag] = self.take::<1>()?;
        Some(match tag {
            ARG_NULL => Json::Null,
            ARG_FALSE => Json::Bool(false),
            ARG_TRUE => Json::Bool(true),
            // Read as the text reader reads the same number (whole numbers within ±(2^53 − 1) as
            // integers, NaN and ±Infinity as `null`, as JSON.stringify writes them), with
            // JavaScript's text of it: the module writes no number of its own.
            ARG_FLOAT => {
                let n = f64::from_le_bytes(self.take::<8>()?);
                Json::from_f64_with_text(n, Cow::Borrowed(self.text()?))
            }
            ARG_INT => Json::Int(i32::from_le_bytes(self.take::<4>()?).into()),
            ARG_STR => Json::String(Cow::Borrowed(self.text()?)),
            ARG_ARRAY => {
                let n = self.u32()?;
                // Each item takes at least one byte: a count beyond what is left is garbled.
                let mut items = Vec::with_capacity(self.room(n)?);
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                Json::Array(items)
            }
            ARG_OBJECT => {
                let n = self.u32()?;
                let mut fields = Fields::with_capacity(self.room(n)?);
                for _ in 0..n {
                    let key = self.key()?;
                    let item = self.value(depth + 1)?;
                    fields.push(Cow::Borrowed(key), item);
                }
                Json::Object(fields)
            }
            _ => return None,
        })
    }

    /// `n` as a capacity, if that many one-byte items could still follow.
    fn room(&self, n: u32) -> Option<usize> {
        let n = usize::try_from(n).ok()?;
        (n <= self.bytes.len().saturating_sub(self.at)).then_some(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    /// The block of `src/boundary.js` between these lines is generated from [`WIRE_TAGS`].
    const BEGIN: &str =
        "// ---- wire tags: generated from WIRE_TAGS in src/transfer.rs, do not edit ----";
    const END: &str = "// ---- end of wire tags ----";

    fn wire_tags_js() -> String {
        let mut out = String::new();
        for (name, value, doc) in super::WIRE_TAGS {
            out.push_str(&format!("const {name} = {value}; // {}\n", doc.trim()));
        }
        out.push_str(
            "// The keys a walk writes by their place (KEY_KNOWN): every property name of the \
             inputs' JSON\n// Schemas (schema/*.schema.json), sorted; the module asks for them \
             once (`wireKeys`).\n",
        );
        out.push_str("const WIRE_KEYS = [\n");
        let keys = schema_keys();
        let mut line = String::from(" ");
        for key in &keys {
            let item = format!(" \"{key}\",");
            if line.len() + item.len() > 100 {
                out.push_str(&line);
                out.push('\n');
                line = String::from(" ");
            }
            line.push_str(&item);
        }
        out.push_str(&line);
        out.push_str("\n];\n");
        out
    }

    /// Every property name of the inputs' JSON Schemas, sorted.
    fn schema_keys() -> Vec<String> {
        fn names(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
            match v {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                        out.extend(props.keys().cloned());
                    }
                    map.values().for_each(|x| names(x, out));
                }
                serde_json::Value::Array(items) => items.iter().for_each(|x| names(x, out)),
                _ => {}
            }
        }
        let mut out = std::collections::BTreeSet::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/schema");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".schema.json"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            names(&serde_json::from_str(&text).unwrap(), &mut out);
        }
        out.into_iter().collect()
    }

    /// A known key is written as JS writes it only where its text needs no escape and counts
    /// one byte per character (`src/boundary.js` spends its length plus four for it), and
    /// fewer than `KEY_KNOWN` of them.
    #[test]
    fn schema_keys_are_plain_names() {
        let keys = schema_keys();
        assert!(keys.len() > 50 && keys.len() < 1 << 16, "{}", keys.len());
        for key in &keys {
            assert!(
                !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                "{key:?}"
            );
        }
    }

    /// Keys by their place read as the same keys by their bytes: the same decisions, failures
    /// (unknown fields named) included; a place beyond the list is garbled.
    #[test]
    fn known_keys_are_read_as_their_text() {
        let keys = schema_keys();
        let known: Vec<&str> = keys.iter().map(String::as_str).collect();
        let base = std::fs::read_to_string("examples/requests/nce-cancel.json").unwrap();
        let texts = [
            base.clone(),
            base.replacen("\"now\"", "\"zz\": 1, \"Now\": {\"sku\": 2}, \"now\"", 1),
            base.replacen("\"quantity\": 10", "\"quantity\": -3, \"quantityy\": 1", 1),
        ];
        for (i, text) in texts.iter().enumerate() {
            let value = subscription_rules_core::input::text::parse_json(text).unwrap();
            let mut bytes = Vec::new();
            walk_known(&value, &mut bytes, &known);
            assert!(
                bytes.len() < bytes_of(text).len(),
                "{i}: keys by place are shorter"
            );
            let Read::Value(read) = read_value(&bytes, &known) else {
                panic!("{i}")
            };
            assert_eq!(read, value, "{i}");
            // Without the list (or with a shorter one), the same bytes are garbled.
            assert_eq!(read_value(&bytes, &[]), Read::Garbled, "{i}");
            assert_eq!(read_value(&bytes, &known[..1]), Read::Garbled, "{i}");
        }
    }

    /// As oxc does for its generated code: the checked-in JS must be what the table generates.
    #[test]
    fn wire_tags_in_boundary_js_are_generated_from_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/boundary.js");
        let js = std::fs::read_to_string(path).unwrap();
        let start = js.find(BEGIN).expect("the generated block's first line") + BEGIN.len() + 1;
        let end = js.find(END).expect("the generated block's last line");
        let want = wire_tags_js();
        if std::env::var_os("UPDATE_WIRE_TAGS").is_some() {
            let updated = format!("{}{want}{}", &js[..start], &js[end..]);
            std::fs::write(path, updated).unwrap();
            return;
        }
        assert_eq!(
            &js[start..end],
            want,
            "src/boundary.js's wire tags differ from src/transfer.rs: run \
             UPDATE_WIRE_TAGS=1 cargo test -p subscription-rules wire_tags"
        );
    }

    /// Every tag of a direction is distinct.
    #[test]
    fn wire_tags_are_distinct_per_direction() {
        let answer: Vec<u32> = [
            super::NULL,
            super::FALSE,
            super::TRUE,
            super::INT,
            super::FLOAT,
            super::STR,
            super::STATIC,
            super::ARRAY,
            super::OBJECT,
        ]
        .to_vec();
        let mut sorted = answer.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), answer.len());
        let args = [
            super::ARG_NULL,
            super::ARG_FALSE,
            super::ARG_TRUE,
            super::ARG_FLOAT,
            super::ARG_STR,
            super::ARG_ARRAY,
            super::ARG_OBJECT,
            super::ARG_INT,
            super::ARG_LIMIT,
        ];
        let mut sorted = args.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), args.len());
    }

    use super::*;
    use serde_json::{json, Value};

    /// What `buildAnswer` does in JS, in Rust: the oracle for the tape.
    fn rebuild(tape: &Tape) -> Value {
        rebuild_all(tape, 1).remove(0)
    }

    /// `count` values written one after the other (a batch's answers), rebuilt in order.
    fn rebuild_all(tape: &Tape, count: usize) -> Vec<Value> {
        let strings: Vec<u16> = tape.strings.encode_utf16().collect();
        let mut at = 0;
        fn next(tape: &Tape, strings: &[u16], at: &mut usize) -> Value {
            let word = |at: &mut usize| {
                *at += 1;
                tape.words[*at - 1]
            };
            match word(at) {
                NULL => Value::Null,
                FALSE => Value::Bool(false),
                TRUE => Value::Bool(true),
                INT => json!(word(at) as i32),
                FLOAT => {
                    let lo = u64::from(word(at));
                    let hi = u64::from(word(at));
                    json!(f64::from_bits(hi << 32 | lo))
                }
                STR => {
                    let (a, b) = (word(at) as usize, word(at) as usize);
                    Value::String(String::from_utf16(&strings[a..b]).unwrap())
                }
                ARRAY => {
                    let n = word(at);
                    Value::Array((0..n).map(|_| next(tape, strings, at)).collect())
                }
                OBJECT => {
                    let n = word(at);
                    let mut o = serde_json::Map::new();
                    for _ in 0..n {
                        let k = match next(tape, strings, at) {
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                        let v = next(tape, strings, at);
                        o.insert(k, v);
                    }
                    Value::Object(o)
                }
                t => panic!("tag {t}"),
            }
        }
        let values = (0..count).map(|_| next(tape, &strings, &mut at)).collect();
        assert_eq!(at, tape.words.len(), "every word read");
        values
    }

    fn roundtrip<T: Serialize>(value: &T) {
        let tape = Tape::write(value).unwrap();
        assert_eq!(rebuild(&tape), serde_json::to_value(value).unwrap());
    }

    #[test]
    fn a_recycled_tape_is_written_afresh_in_the_same_buffers() {
        let first = Tape::write(&json!({"a": "ü".repeat(40), "b": [1, 2, 3]})).unwrap();
        let (words, strings) = (first.words.as_ptr(), first.strings.as_ptr());
        first.recycle();
        let value = json!({"c": "x", "d": null});
        let second = Tape::write(&value).unwrap();
        assert_eq!(
            (second.words.as_ptr(), second.strings.as_ptr()),
            (words, strings)
        );
        // Nothing of the first answer is left: its string offsets start from 0 again.
        assert_eq!(rebuild(&second), value);
        assert_eq!(
            second.words,
            vec![OBJECT, 2, STR, 0, 1, STR, 1, 2, STR, 2, 3, NULL]
        );
        // While it is out, the next tape gets buffers of its own.
        let third = Tape::write(&1).unwrap();
        assert_ne!(third.words.as_ptr(), words);
        second.recycle();
        third.recycle(); // one is kept: the other is freed
        assert_eq!(Tape::write(&1).unwrap().words.as_ptr(), words);
        // A large answer's buffers are not kept.
        assert!(take_spare().is_none());
        Tape::write(&vec![0u8; KEPT_WORDS + 1]).unwrap().recycle();
        assert!(take_spare().is_none());
        Tape::write(&vec![0u8; 10]).unwrap().recycle();
        assert!(take_spare().is_some());
    }

    #[test]
    fn batch_items_are_read_in_order_until_one_threw() {
        let mut bytes = Vec::new();
        for item in [&[ARG_NULL][..], &[ARG_LIMIT, LIMIT_BYTES], &[]] {
            bytes.extend(u32::try_from(item.len()).unwrap().to_le_bytes());
            bytes.extend(item);
        }
        bytes.extend(ITEM_THREW.to_le_bytes());
        bytes.extend([1, 0, 0, 0, ARG_TRUE]);
        let read: Vec<Item<'_>> = items(&bytes).collect();
        assert_eq!(
            read,
            vec![
                Item::Read(&[ARG_NULL]),
                Item::Read(&[ARG_LIMIT, LIMIT_BYTES]),
                Item::Read(&[]),
                Item::Threw
            ]
        );
        assert_eq!(read_value(&[], &[]), Read::Garbled);
        // A length beyond the bytes: what is left, then nothing.
        let short = [9, 0, 0, 0, ARG_NULL];
        assert_eq!(
            items(&short).collect::<Vec<_>>(),
            vec![Item::Read(&[ARG_NULL])]
        );
        assert_eq!(items(&[1, 0]).count(), 0);
    }

    #[test]
    fn answers_appended_are_rebuilt_in_order_and_a_cleared_tape_starts_afresh() {
        let values = [
            json!({"a": "ü😀", "b": [1, 2.5, null]}),
            json!("x"),
            json!([{"c": "åäö"}, true]),
        ];
        let mut tape = Tape::empty();
        for v in &values {
            tape.append(v).unwrap();
        }
        // The second value's strings start where the first's end (UTF-16 offsets).
        assert_eq!(rebuild_all(&tape, 3), values.to_vec());
        let (words, strings) = (tape.words.as_ptr(), tape.strings.as_ptr());
        tape.clear();
        tape.append(&values[1]).unwrap();
        assert_eq!(tape.words, vec![STR, 0, 1]);
        assert_eq!(rebuild_all(&tape, 1), vec![values[1].clone()]);
        assert_eq!(
            (tape.words.as_ptr(), tape.strings.as_ptr()),
            (words, strings)
        );
    }

    #[test]
    fn strings_carry_their_utf16_offsets() {
        let mut tape = Tape::default();
        for s in ["abc", "åäö", "\u{feff}x", "😀y", ""] {
            tape.string(s).unwrap();
        }
        assert_eq!(
            tape.words,
            vec![STR, 0, 3, STR, 3, 6, STR, 6, 8, STR, 8, 11, STR, 11, 11]
        );
        let region: Vec<u16> = tape.strings.encode_utf16().collect();
        assert_eq!(String::from_utf16(&region[8..11]).unwrap(), "😀y");
    }

    /// Text written where it is read (`collect_str`: messages kept as pieces, formulas) lands in
    /// the region as a `&str` would, with its UTF-16 offsets, between other strings.
    #[test]
    fn text_written_where_it_is_read_carries_its_utf16_offsets() {
        struct Shown(&'static [&'static str]);
        impl std::fmt::Display for Shown {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.iter().try_for_each(|p| f.write_str(p))
            }
        }
        let mut tape = Tape::default();
        tape.string("ab").unwrap();
        ser::Serializer::collect_str(&mut tape, &Shown(&["å", "😀", "x"])).unwrap();
        ser::Serializer::collect_str(&mut tape, &Shown(&[])).unwrap();
        ser::Serializer::collect_str(&mut tape, &7u32).unwrap();
        tape.string("ö").unwrap();
        assert_eq!(
            tape.words,
            vec![STR, 0, 2, STR, 2, 6, STR, 6, 6, STR, 6, 7, STR, 7, 8]
        );
        assert_eq!(tape.strings.as_str(), "abå😀x7ö");
        // A text that fails to write fails the answer.
        struct Fails;
        impl std::fmt::Display for Fails {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("partial")?;
                Err(std::fmt::Error)
            }
        }
        assert!(ser::Serializer::collect_str(&mut tape, &Fails).is_err());
    }

    #[test]
    fn values_without_static_strings_round_trip() {
        roundtrip(&json!([
            null,
            true,
            false,
            0,
            -1,
            2147483647,
            -2147483648,
            1.5,
            "x",
            ["å", {}],
            []
        ]));
        roundtrip(&vec![Some(1u8), None]);
        // Beyond i32: a JS number (an f64), as JSON.parse would give.
        let big = Tape::write(&2_147_483_648_u64).unwrap();
        assert_eq!(
            big.words,
            vec![FLOAT, 0, 2_147_483_648f64.to_bits().wrapping_shr(32) as u32]
        );
        roundtrip(&(1u32, "two", 3.25f64));
    }

    #[test]
    fn every_example_answer_round_trips() {
        let mut n = 0;
        for entry in std::fs::read_dir("examples/requests").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let answer = subscription_rules_core::JsonAnswer::from(
                subscription_rules_core::evaluate_str(&text),
            );
            roundtrip(&answer);
            n += 1;
        }
        assert!(n > 0);
        roundtrip(&subscription_rules_core::policy_defaults());
        roundtrip(&subscription_rules_core::catalog());
        roundtrip(&subscription_rules_core::editions());
    }

    #[test]
    fn counts_are_patched_when_containers_end() {
        let tape = Tape::write(&vec![vec![1u8, 2], vec![]]).unwrap();
        assert_eq!(
            tape.words,
            vec![ARRAY, 2, ARRAY, 2, INT, 1, INT, 2, ARRAY, 0]
        );
    }

    #[test]
    fn argument_bytes_read_back() {
        let mut bytes = vec![6, 2, 0, 0, 0];
        bytes.extend_from_slice(&[1, 0, 0, 0, b'a', 7]);
        bytes.extend_from_slice(&5i32.to_le_bytes());
        bytes.extend_from_slice(&[2, 0, 0, 0, 0xc3, 0xa5, 5, 3, 0, 0, 0, 3]);
        bytes.extend_from_slice(&1.5f64.to_le_bytes());
        // A float carries its text, which the answer quotes it by (the module writes none).
        bytes.extend_from_slice(&[3, 0, 0, 0, b'1', b'.', b'5', 3]);
        bytes.extend_from_slice(&f64::NAN.to_le_bytes());
        bytes.extend_from_slice(&[3, 0, 0, 0, b'N', b'a', b'N']);
        bytes.extend_from_slice(&[4, 1, 0, 0, 0, b'z']);
        assert_eq!(
            read_value(&bytes, &[]),
            // NaN is `null`, as JSON.stringify writes it.
            Read::Value(Json::from(&json!({"a": 5, "å": [1.5, null, "z"]})))
        );
        assert_eq!(read_value(&[255, 2], &[]), Read::Limit(Limit::Bytes));
        // Truncated, trailing bytes, unknown tags, counts beyond the bytes: garbled, no panic.
        for bad in [
            &bytes[..bytes.len() - 1],
            &[0, 0][..],
            &[9][..],
            &[5, 255, 255, 255, 255][..],
            &[][..],
        ] {
            assert_eq!(read_value(bad, &[]), Read::Garbled, "{bad:?}");
        }
    }

    /// What `readValue` writes for a value, in Rust: keys in the value's own order, integers
    /// within `i32` as such, other numbers as `f64`s.
    fn walk(v: &Json<'_>, out: &mut Vec<u8>) {
        walk_known(v, out, &[]);
    }

    /// [`walk`], the keys among `known` written by their place.
    fn walk_known(v: &Json<'_>, out: &mut Vec<u8>, known: &[&str]) {
        let text = |s: &str, out: &mut Vec<u8>| {
            out.extend_from_slice(&u32::try_from(s.len()).unwrap().to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        };
        match v {
            Json::Null => out.push(0),
            Json::Bool(b) => out.push(if *b { 2 } else { 1 }),
            Json::Int(n) => match i32::try_from(*n) {
                Ok(i) => {
                    out.push(7);
                    out.extend_from_slice(&i.to_le_bytes());
                }
                Err(_) => {
                    out.push(3);
                    out.extend_from_slice(&(*n as f64).to_le_bytes());
                    text(&n.to_string(), out);
                }
            },
            Json::Float(n, t) => {
                out.push(3);
                out.extend_from_slice(&n.to_le_bytes());
                text(t, out);
            }
            Json::String(s) => {
                out.push(4);
                text(s, out);
            }
            Json::Array(items) => {
                out.push(5);
                out.extend_from_slice(&u32::try_from(items.len()).unwrap().to_le_bytes());
                items.iter().for_each(|item| walk_known(item, out, known));
            }
            Json::Object(fields) => {
                out.push(6);
                out.extend_from_slice(&u32::try_from(fields.len()).unwrap().to_le_bytes());
                for key in fields.keys() {
                    match known.iter().position(|k| *k == key) {
                        Some(place) => out.extend_from_slice(
                            &(super::KEY_KNOWN + u32::try_from(place).unwrap()).to_le_bytes(),
                        ),
                        None => text(key, out),
                    }
                    walk_known(fields.get(key).unwrap(), out, known);
                }
            }
        }
    }

    fn bytes_of(text: &str) -> Vec<u8> {
        let mut bytes = Vec::new();
        walk(
            &subscription_rules_core::input::text::parse_json(text).unwrap(),
            &mut bytes,
        );
        bytes
    }

    fn decided(bytes: &[u8]) -> String {
        let Read::Value(value) = read_value(bytes, &[]) else {
            panic!("{bytes:?}")
        };
        subscription_rules_core::to_json(&subscription_rules_core::JsonAnswer::from(
            subscription_rules_core::evaluate_json_value(&value),
        ))
    }

    #[test]
    fn bytes_are_decided_as_their_text_is() {
        let base = std::fs::read_to_string("examples/requests/nce-cancel.json").unwrap();
        let mut texts = vec![base.clone()];
        // Unknown fields out of key order, in several objects; wrong types; long keys.
        texts.push(base.replacen("\"now\"", "\"zz\": 1, \"Now\": {\"b\": 2}, \"now\"", 1));
        texts.push(base.replacen(
            "\"sku\"",
            &format!(
                "\"{}\": [], \"yy\": null, \"aa\": true, \"sku\"",
                "k".repeat(50)
            ),
            1,
        ));
        texts.push(base.replacen("\"quantity\": 10", "\"quantity\": -3, \"quantityy\": 1", 1));
        texts.push(base.replacen("\"USD\"", "17", 1));
        for (i, text) in texts.iter().enumerate() {
            let by_text = subscription_rules_core::evaluate_json(text);
            assert_eq!(decided(&bytes_of(text)), by_text, "{i}");
            if i > 0 {
                assert!(by_text.contains("\"failure\""), "{i}: {by_text}");
            }
        }
        let unknown = subscription_rules_core::evaluate_json(&texts[1]);
        let (zz, big_n) = (
            unknown.find("`zz`").unwrap(),
            unknown.find("`Now`").unwrap(),
        );
        assert!(big_n < zz, "sorted by key, as a map lists them: {unknown}");
    }

    #[test]
    fn repeated_keys_in_bytes_read_as_a_map_keeps_the_last() {
        // `readValue` never writes a key twice (it walks `Object.keys`); if bytes did, the last
        // value counts and an unknown key is reported once, as the value reader always did.
        let mut bytes = vec![6, 3, 0, 0, 0];
        for (key, value) in [("zz", 1), ("zz", 2), ("now", 3)] {
            bytes.extend_from_slice(&u32::try_from(key.len()).unwrap().to_le_bytes());
            bytes.extend_from_slice(key.as_bytes());
            bytes.push(7);
            bytes.extend_from_slice(&i32::to_le_bytes(value));
        }
        let answer = decided(&bytes);
        assert_eq!(answer.matches("unknownField").count(), 1, "{answer}");
        let value: Value = serde_json::from_str(r#"{"zz": 1, "zz": 2, "now": 3}"#).unwrap();
        assert_eq!(
            answer,
            subscription_rules_core::to_json(&subscription_rules_core::JsonAnswer::from(
                subscription_rules_core::evaluate_value(&value)
            ))
        );
    }
}
