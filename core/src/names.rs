//! The one macro behind every enum that travels as a string: its wire names, written once.
//!
//! A leaf module: it imports nothing of the crate. [`WireName`] is what the decoder
//! (`input::decode`) reads any such enum through and what its error messages list.

/// An enum whose values travel as fixed strings.
pub trait WireName: Copy + 'static {
    /// The wire names of every value, in declaration order.
    const NAMES: &'static [&'static str];
    /// Every value, in the order of [`WireName::NAMES`].
    const VALUES: &'static [Self];
    /// The wire name of this value.
    fn wire_name(self) -> &'static str;
    /// The value with this wire name.
    fn from_wire_name(s: &str) -> Option<Self>;
    /// A note for a name that is not one of [`WireName::NAMES`] but means something to a reader
    /// (the message's suffix and the ID of the rule it points to), e.g. `expired` for a status.
    fn near_miss(_s: &str) -> Option<(&'static str, &'static str)> {
        None
    }
}

/// Where `s` is in `names`: one shared search for every enum's `parse` (measured smaller in wasm
/// than a string `match` per enum).
#[inline(never)]
pub fn position(names: &[&str], s: &str) -> Option<usize> {
    names.iter().position(|n| *n == s)
}

macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),* $(,)? }
     $(near_miss $miss:literal => $note:literal, $rule:literal;)?) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Deserialize)]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant,)*
        }

        // Written as its wire name: one table lookup instead of a serializer call per variant.
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire name of this value.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),* }
            }

            /// Parse a wire name.
            pub fn parse(s: &str) -> Option<Self> {
                $crate::names::position(&[$($wire),*], s).and_then(|i| Self::ALL.get(i).copied())
            }
        }

        impl $crate::names::WireName for $name {
            const NAMES: &'static [&'static str] = &[$($wire),*];
            const VALUES: &'static [Self] = Self::ALL;
            fn wire_name(self) -> &'static str {
                self.as_str()
            }
            fn from_wire_name(s: &str) -> Option<Self> {
                $name::parse(s)
            }
            $(
                fn near_miss(s: &str) -> Option<(&'static str, &'static str)> {
                    (s == $miss).then_some(($note, $rule))
                }
            )?
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use wire_enum;
