//! [`model!`]: every type of the request declared once. Each field is one line: its Rust name
//! and type, its wire name, and how it is read:
//!
//! | mode | field type | absent | `null` |
//! |---|---|---|---|
//! | `req` | `T` | `missingField` | `missingField` |
//! | `opt` | `Option<T>` | `None` | `None` |
//! | `or(default)` | `T` | `default` | wrong type |
//! | `list(max)` | `Vec<T>` | `missingField` | `missingField` |
//! | `opt_list(max)` | `Option<Vec<T>>` | `None` | `None` |
//! | `list_or(max, default)` | `Vec<T>` | `default` | wrong type |
//! | `nullable_list_or(max, default)` | `Vec<T>` | `default` | `default` |
//!
//! From that one line the macro writes the struct field with its serde name (serialisation and
//! the TypeScript declaration read it), the collecting decoder's read of it (every problem with
//! its path), and `Deserialize` through that same decoder, so a Rust caller's `serde_json` and the
//! JSON entry points accept exactly the same input. A field may also name a constant (`as NAME`)
//! holding its wire name, for the checks after reading that point at it.
//!
//! `envelope { … }` stands for the five fields every question has, around the fields of its own:
//! `now`, `actor`, then the fields in the braces, then `edition`, `policy`, `locale`;
//! `facts { … }` is the same without `now` (a prepared subscription's facts).
//! [`Request`](crate::model::request::Request) and both queries share it (the order is the order
//! fields are read in, so the order of the errors of a bad request).
//!
//! Tagged enums (`pub enum Action, tag "type" { … }`) list their variants the same way: a unit
//! variant `Cancel = "cancel";`, a variant with fields `Rename = "rename" { … }`.

/// Declare a model type: see the module documentation.
macro_rules! model {
    // ---- structs -------------------------------------------------------------------------------
    (
        $(#[$m:meta])*
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::model::declare::model!(@s [$(#[$m])*] $name [] [] [] $($body)*);
    };
    // The envelope every question shares (a request, a subscription query, a catalog query): the
    // instant and the actor, the question's own fields, then the edition, the policy overrides and
    // the language, declared here once.
    (@s $metas:tt $name:ident [$($acc:tt)*] [$($dec:tt)*] [$($c:tt)*]
        envelope { $($inner:tt)* }
        $($rest:tt)*
    ) => {
        $crate::model::declare::model!(@s $metas $name [$($acc)*] [$($dec)*] [$($c)*]
            /// The evaluation instant (TIME-2): never read from a clock.
            now: $crate::model::scalar::Instant = "now" as NOW, req;
            facts { $($inner)* }
            $($rest)*);
    };
    // The envelope without `now`: the facts a prepared subscription keeps
    // ([`PreparedFacts`](crate::model::request::PreparedFacts)), `now` given at each call.
    (@s $metas:tt $name:ident [$($acc:tt)*] [$($dec:tt)*] [$($c:tt)*]
        facts { $($inner:tt)* }
        $($rest:tt)*
    ) => {
        $crate::model::declare::model!(@s $metas $name [$($acc)*] [$($dec)*] [$($c)*]
            /// Who acts.
            actor: $crate::model::request::Actor = "actor", req;
            $($inner)*
            /// The edition of the policy: `2021` when absent; `atOrder` for the one in force at
            /// the subscription's order (at `now` for a catalog query); or a named edition.
            edition: $crate::policy::edition::EditionChoice = "edition",
                or($crate::policy::edition::EditionChoice::E2021);
            /// Overrides of the edition's policy parameters.
            #[serde(skip_serializing_if = "crate::policy::params::PolicyOverrides::is_empty")]
            policy: $crate::policy::params::PolicyOverrides = "policy" as POLICY,
                or($crate::policy::params::PolicyOverrides::default());
            /// Language of the reason messages (`en` when absent).
            locale: $crate::i18n::Locale = "locale", or($crate::i18n::Locale::En);
            $($rest)*);
    };
    // A required field: no serde default (so the TypeScript field is not optional).
    (@s $metas:tt $name:ident [$($acc:tt)*] [$($dec:tt)*] [$($c:tt)*]
        $(#[$fm:meta])* $f:ident : $ty:ty = $wire:literal $(as $const:ident)?, req;
        $($rest:tt)*
    ) => {
        $crate::model::declare::model!(@s $metas $name
            [$($acc)* $(#[$fm])* #[serde(rename = $wire)] pub $f: $ty,]
            [$($dec)* $f = (req, $wire);]
            [$($c)* $($const = $wire;)?]
            $($rest)*);
    };
    // Any other field has a default: serde's `default` marks it optional for TypeScript.
    (@s $metas:tt $name:ident [$($acc:tt)*] [$($dec:tt)*] [$($c:tt)*]
        $(#[$fm:meta])* $f:ident : $ty:ty = $wire:literal $(as $const:ident)?,
        $mode:ident $(($($arg:tt)*))?;
        $($rest:tt)*
    ) => {
        $crate::model::declare::model!(@s $metas $name
            [$($acc)* $(#[$fm])* #[serde(rename = $wire, default)] pub $f: $ty,]
            [$($dec)* $f = ($mode $(($($arg)*))?, $wire);]
            [$($c)* $($const = $wire;)?]
            $($rest)*);
    };
    (@s [$($m:tt)*] $name:ident [$($acc:tt)*] [$($f:ident = ($($how:tt)*);)*]
        [$($const:ident = $cw:literal;)*]
    ) => {
        $($m)*
        #[derive(serde::Serialize)]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct $name { $($acc)* }

        impl $crate::input::decode::Decode for $name {
            fn decode(
                d: &mut $crate::input::decode::Decoder,
                v: &$crate::input::json::Json<'_>,
                path: &$crate::input::decode::Path<'_>,
            ) -> Option<Self> {
                let mut o = d.object(v, path)?;
                $( let $f = $crate::model::declare::model!(@read o d $($how)*); )*
                o.finish(d);
                // One match, not a `?` per field: one way out with every field read (each `?`
                // would drop the fields before it on its own path: larger in wasm).
                match ($($f,)*) {
                    ($(Some($f),)*) => Some($name { $($f,)* }),
                    _ => None,
                }
            }

            fn read(
                r: &mut $crate::input::plain::Reader<'_>,
                d: &mut $crate::input::decode::Decoder,
                path: &$crate::input::decode::Path<'_>,
                depth: usize,
            ) -> Option<Self> {
                // Each field as its key comes: a key twice, or one not asked for, is the
                // collecting decoder's to report.
                $( let mut $f = None; )*
                let mut hint = 0;
                if r.open(b'{', depth)? {
                    loop {
                        $crate::model::declare::model!(@field r d path depth hint
                            [$($f = ($($how)*);)*]);
                        if !r.more(b'}')? {
                            break;
                        }
                    }
                }
                $( let $f = $crate::model::declare::model!(@absent $f $($how)*)?; )*
                Some($name { $($f,)* })
            }
        }

        impl $name {
            /// The wire names of its fields, in the order they are read.
            pub const WIRE_NAMES: &'static [&'static str] =
                &[$($crate::model::declare::model!(@wire $($how)*)),*];
            $(
                #[doc = concat!("The wire name `", $cw, "`.")]
                pub const $const: &'static str = $cw;
            )*
        }

        $crate::model::declare::model!(@deserialize $name);
    };

    // ---- internally tagged enums ---------------------------------------------------------------
    (
        $(#[$m:meta])*
        pub enum $name:ident, tag $tag:literal { $($body:tt)* }
    ) => {
        $crate::model::declare::model!(@e [$(#[$m])*] $name $tag [] [] [] $($body)*);
    };
    // A unit variant.
    (@e $metas:tt $name:ident $tag:literal [$($acc:tt)*] [$($dec:tt)*] [$($c:tt)*]
        $(#[$vm:meta])* $v:ident = $vw:literal;
        $($rest:tt)*
    ) => {
        $crate::model::declare::model!(@e $metas $name $tag
            [$($acc)* $(#[$vm])* #[serde(rename = $vw)] $v,]
            [$($dec)* ($vw, $v, []);]
            [$($c)*]
            $($rest)*);
    };
    // A variant with fields: read them (as a struct's), then go on with the enum.
    (@e $metas:tt $name:ident $tag:literal [$($acc:tt)*] [$($dec:tt)*] [$($c:tt)*]
        $(#[$vm:meta])* $v:ident = $vw:literal { $($fields:tt)* }
        $($rest:tt)*
    ) => {
        $crate::model::declare::model!(@v [$metas $name $tag [$($acc)*] [$($dec)*] [$($rest)*]]
            [$(#[$vm])*] $v $vw [] [] [$($c)*] $($fields)*);
    };
    (@v $saved:tt $vmetas:tt $v:ident $vw:literal [$($acc:tt)*] [$($dec:tt)*] [$($c:tt)*]
        $(#[$fm:meta])* $f:ident : $ty:ty = $wire:literal $(as $const:ident)?, req;
        $($rest:tt)*
    ) => {
        $crate::model::declare::model!(@v $saved $vmetas $v $vw
            [$($acc)* $(#[$fm])* #[serde(rename = $wire)] $f: $ty,]
            [$($dec)* $f = (req, $wire);]
            [$($c)* $($const = $wire;)?]
            $($rest)*);
    };
    (@v $saved:tt $vmetas:tt $v:ident $vw:literal [$($acc:tt)*] [$($dec:tt)*] [$($c:tt)*]
        $(#[$fm:meta])* $f:ident : $ty:ty = $wire:literal $(as $const:ident)?,
        $mode:ident $(($($arg:tt)*))?;
        $($rest:tt)*
    ) => {
        $crate::model::declare::model!(@v $saved $vmetas $v $vw
            [$($acc)* $(#[$fm])* #[serde(rename = $wire, default)] $f: $ty,]
            [$($dec)* $f = ($mode $(($($arg)*))?, $wire);]
            [$($c)* $($const = $wire;)?]
            $($rest)*);
    };
    (@v [$metas:tt $name:ident $tag:literal [$($eacc:tt)*] [$($edec:tt)*] [$($erest:tt)*]]
        [$($vm:tt)*] $v:ident $vw:literal [$($acc:tt)*] [$($dec:tt)*] [$($c:tt)*]
    ) => {
        $crate::model::declare::model!(@e $metas $name $tag
            [$($eacc)* $($vm)* #[serde(rename = $vw)] $v { $($acc)* },]
            [$($edec)* ($vw, $v, [$($dec)*]);]
            [$($c)*]
            $($erest)*);
    };
    (@e [$($m:tt)*] $name:ident $tag:literal [$($acc:tt)*]
        [$(($vw:literal, $v:ident, [$($f:ident = ($($how:tt)*);)*]);)*]
        [$($const:ident = $cw:literal;)*]
    ) => {
        $($m)*
        #[derive(serde::Serialize)]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(tag = $tag)]
        pub enum $name { $($acc)* }

        impl $crate::input::decode::Decode for $name {
            fn decode(
                d: &mut $crate::input::decode::Decoder,
                v: &$crate::input::json::Json<'_>,
                path: &$crate::input::decode::Path<'_>,
            ) -> Option<Self> {
                let mut o = d.object(v, path)?;
                let kind = o.tag(d, $tag, &[$($vw),*])?;
                let out = match kind {
                    $(
                        $vw => {
                            $( let $f = $crate::model::declare::model!(@read o d $($how)*); )*
                            #[allow(unreachable_patterns)]
                            match ($($f,)*) {
                                ($(Some($f),)*) => Some($name::$v { $($f),* }),
                                _ => None,
                            }
                        }
                    )*
                    _ => None,
                };
                o.finish(d);
                out
            }

            // A variant without fields never reads its hint again.
            #[allow(unused_assignments)]
            fn read(
                r: &mut $crate::input::plain::Reader<'_>,
                d: &mut $crate::input::decode::Decoder,
                path: &$crate::input::decode::Path<'_>,
                depth: usize,
            ) -> Option<Self> {
                // The tag first (as it is usually written), then each field as its key comes;
                // an object whose tag comes later is read as a value and decoded.
                let mark = r.mark();
                if r.open(b'{', depth)? && r.key_in(&[$tag], 0).is_some() {
                    return match r.string_value()? {
                        $(
                            $vw => {
                                $( let mut $f = None; )*
                                let mut hint = 0;
                                while r.more(b'}')? {
                                    $crate::model::declare::model!(@field r d path depth hint
                                        [$($f = ($($how)*);)*]);
                                }
                                $( let $f =
                                    $crate::model::declare::model!(@absent $f $($how)*)?; )*
                                Some($name::$v { $($f),* })
                            }
                        )*
                        _ => None,
                    };
                }
                r.back(mark);
                let v = r.value(depth)?;
                Self::decode(d, &v, path)
            }
        }

        impl $name {
            /// The tag of each variant, in declaration order.
            pub const TAGS: &'static [&'static str] = &[$($vw),*];

            /// The tag of this value.
            pub fn tag(&self) -> &'static str {
                match self { $($name::$v { .. } => $vw,)* }
            }
            /// The wire names of the variants' fields, in the order they are read.
            pub const WIRE_NAMES: &'static [&'static str] =
                &[$($($crate::model::declare::model!(@wire $($how)*),)*)*];
            $(
                #[doc = concat!("The wire name `", $cw, "`.")]
                pub const $const: &'static str = $cw;
            )*
        }

        $crate::model::declare::model!(@deserialize $name);
    };

    // ---- shared pieces -------------------------------------------------------------------------
    (@read $o:ident $d:ident req, $w:literal) => { $o.req($d, $w) };
    (@read $o:ident $d:ident opt, $w:literal) => { $o.opt($d, $w) };
    (@read $o:ident $d:ident or($e:expr), $w:literal) => { $o.or($d, $w, $e) };
    (@read $o:ident $d:ident list($max:expr), $w:literal) => { $o.list($d, $w, $max) };
    (@read $o:ident $d:ident opt_list($max:expr), $w:literal) => { $o.opt_list($d, $w, $max) };
    (@read $o:ident $d:ident list_or($max:expr, $e:expr), $w:literal) => {
        $o.default_list($d, $w, $max).map(|v| v.unwrap_or_else(|| $e))
    };
    (@read $o:ident $d:ident nullable_list_or($max:expr, $e:expr), $w:literal) => {
        $o.opt_list($d, $w, $max).map(|v| v.unwrap_or_else(|| $e))
    };
    (@wire $mode:ident $(($($arg:tt)*))?, $w:literal) => { $w };
    // The next key of an object read straight from plain text, and its value into its field's
    // `Option` (`None` until its key comes): a key twice, or one not asked for, gives up (the
    // collecting decoder reports it).
    // The next key of an object read straight from plain text, and its value into its field's
    // `Option` (`None` until its key comes). The names are tried from `$hint`, the one after the
    // last key read, so keys written in the declared order are each found at the first try. A key
    // twice, or one not asked for, gives up (the collecting decoder reports it).
    (@field $r:ident $d:ident $path:ident $depth:ident $hint:ident
        [$($f:ident = ($($how:tt)*);)*]) => {{
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        enum Field { $($f,)* }
        const FIELDS: &[Field] = &[$(Field::$f,)*];
        const NAMES: &[&str] = &[$($crate::model::declare::model!(@wire $($how)*),)*];
        let i = $r.key_in(NAMES, $hint)?;
        $hint = i + 1;
        match *FIELDS.get(i)? {
            $(
                Field::$f => {
                    if $f.is_some() {
                        return None;
                    }
                    let at = $crate::input::decode::Path::Key(
                        $path,
                        $crate::model::declare::model!(@wire $($how)*),
                    );
                    // Read into its place (not taken out and put back: a copy of the value).
                    $f = $crate::model::declare::model!(@stream $r $d at $depth $($how)*);
                    $f.as_ref()?;
                }
            )*
        }
    }};
    // A field read straight from plain text (`Decode::read`), by its mode, as an `Option` of the
    // field's value: `None` gives up (a bad value, or `null` where the collecting decoder reads
    // it as absent). `null` where a value is required is refused by every type's own reading, as
    // a wrong type where the collecting decoder reports it missing: an error either way.
    (@stream $r:ident $d:ident $at:ident $depth:ident req, $w:literal) => {
        $crate::input::decode::Decode::read($r, $d, &$at, $depth + 1)
    };
    (@stream $r:ident $d:ident $at:ident $depth:ident opt, $w:literal) => {
        if $r.null() {
            Some(None)
        } else {
            $crate::input::decode::Decode::read($r, $d, &$at, $depth + 1).map(Some)
        }
    };
    (@stream $r:ident $d:ident $at:ident $depth:ident or($e:expr), $w:literal) => {
        $crate::input::decode::Decode::read($r, $d, &$at, $depth + 1)
    };
    (@stream $r:ident $d:ident $at:ident $depth:ident list($max:expr), $w:literal) => {
        $crate::input::typed::read_list($r, $d, &$at, $depth + 1, $max)
    };
    (@stream $r:ident $d:ident $at:ident $depth:ident opt_list($max:expr), $w:literal) => {
        if $r.null() {
            Some(None)
        } else {
            $crate::input::typed::read_list($r, $d, &$at, $depth + 1, $max).map(Some)
        }
    };
    (@stream $r:ident $d:ident $at:ident $depth:ident list_or($max:expr, $e:expr), $w:literal) => {
        $crate::input::typed::read_list($r, $d, &$at, $depth + 1, $max)
    };
    (@stream $r:ident $d:ident $at:ident $depth:ident
        nullable_list_or($max:expr, $e:expr), $w:literal) => {
        if $r.null() {
            Some($e)
        } else {
            $crate::input::typed::read_list($r, $d, &$at, $depth + 1, $max)
        }
    };
    // A field whose key did not come: its default, or `None` (give up) where it is required.
    (@absent $f:ident req, $w:literal) => { $f };
    (@absent $f:ident list($max:expr), $w:literal) => { $f };
    (@absent $f:ident opt, $w:literal) => { Some($f.unwrap_or(None)) };
    (@absent $f:ident opt_list($max:expr), $w:literal) => { Some($f.unwrap_or(None)) };
    (@absent $f:ident or($e:expr), $w:literal) => { Some($f.unwrap_or_else(|| $e)) };
    (@absent $f:ident list_or($max:expr, $e:expr), $w:literal) => {
        Some($f.unwrap_or_else(|| $e))
    };
    (@absent $f:ident nullable_list_or($max:expr, $e:expr), $w:literal) => {
        Some($f.unwrap_or_else(|| $e))
    };
    (@deserialize $name:ident) => {
        /// Read through the collecting decoder, so serde accepts exactly what the JSON entry
        /// points accept; the error lists every problem with its path.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(deserializer)?;
                $crate::input::decode::from_value(&$crate::input::json::Json::from(&value))
                    .map_err(|errors| {
                        serde::de::Error::custom($crate::error::InputErrors(errors))
                    })
            }
        }
    };
}
pub(crate) use model;
