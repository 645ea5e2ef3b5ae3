//! The scalars of the model that travel as strings: an [`Instant`] (TIME-1: UTC, RFC 3339), a
//! [`Day`] (a calendar date, `2021-08-14`) and an [`Amount`] (an exact decimal, `"10.08"`).
//!
//! Each is declared here once with its wire form: how it is written (serde), how it is read (the
//! collecting decoder), and its TypeScript type (`string`). A field of the model names the scalar
//! and needs no attribute of its own. Each dereferences to the value it wraps, and compares with
//! it, so the rules compute with chrono and rust_decimal as before.

use std::cmp::Ordering;
use std::ops::Deref;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::input::decode::{Decode, Decoder, Path};
use crate::input::json::Json;

macro_rules! scalar {
    ($(#[$m:meta])* $name:ident($inner:ty)) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        pub struct $name(#[cfg_attr(feature = "tsify", tsify(type = "string"))] pub $inner);

        impl Deref for $name {
            type Target = $inner;
            fn deref(&self) -> &$inner {
                &self.0
            }
        }

        impl From<$inner> for $name {
            fn from(x: $inner) -> Self {
                $name(x)
            }
        }

        impl From<$name> for $inner {
            fn from(x: $name) -> Self {
                x.0
            }
        }

        impl PartialEq<$inner> for $name {
            fn eq(&self, other: &$inner) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for $inner {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialOrd<$inner> for $name {
            fn partial_cmp(&self, other: &$inner) -> Option<Ordering> {
                self.0.partial_cmp(other)
            }
        }

        impl PartialOrd<$name> for $inner {
            fn partial_cmp(&self, other: &$name) -> Option<Ordering> {
                self.partial_cmp(&other.0)
            }
        }

        impl Decode for $name {
            fn decode(d: &mut Decoder, v: &Json<'_>, path: &Path<'_>) -> Option<Self> {
                <$inner>::decode(d, v, path).map($name)
            }

            fn read(
                r: &mut $crate::input::plain::Reader<'_>,
                d: &mut Decoder,
                path: &Path<'_>,
                depth: usize,
            ) -> Option<Self> {
                <$inner>::read(r, d, path, depth).map($name)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$inner as Deserialize<'de>>::deserialize(deserializer).map($name)
            }
        }

    };
}

scalar! {
    /// An instant (TIME-1): UTC, written RFC 3339 with `Z` (`2021-07-15T08:00:00Z`); read from
    /// RFC 3339 with an explicit offset, never a bare local time.
    Instant(DateTime<Utc>)
}

scalar! {
    /// A calendar day (`2021-08-14`), e.g. the last day of a term (MONEY-1).
    Day(NaiveDate)
}

scalar! {
    /// An exact amount of money (MONEY-5), written as a decimal string (`"10.08"`) so no digit is
    /// lost to a float; read from such a string or a JSON number.
    Amount(Decimal)
}

/// Written as on the wire (RFC 3339, `Z`): what a message quoting an instant shows, written
/// straight into it.
impl std::fmt::Display for Instant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut buf = [0u8; crate::time::MAX_LEN];
        f.write_str(crate::time::write_rfc3339(&self.0, &mut buf).unwrap_or_default())
    }
}

/// ISO 8601 (`2021-08-14`), as chrono writes it, without chrono's formatter.
impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::time::format_day(self.0))
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::util::with_decimal_text(&self.0, |text| f.write_str(text))
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::time::ser(&self.0, s)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::time::format_day(self.0))
    }
}

/// A decimal string, as `rust_decimal` writes it.
impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::util::with_decimal_text(&self.0, |text| s.serialize_str(text))
    }
}

/// The JSON Schema of each scalar: its wire form, as the collecting decoder reads it.
#[cfg(feature = "schema")]
mod schema {
    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
    use std::borrow::Cow;

    impl JsonSchema for super::Instant {
        fn schema_name() -> Cow<'static, str> {
            "Instant".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "An instant (TIME-1): RFC 3339 with an explicit offset (`Z` or `+hh:mm`), e.g. `2021-07-15T08:00:00Z`.",
                "type": "string",
                "format": "date-time",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
            })
        }
    }

    impl JsonSchema for super::Day {
        fn schema_name() -> Cow<'static, str> {
            "Day".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A calendar day, e.g. `2021-08-14`.",
                "type": "string",
                "format": "date",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
            })
        }
    }

    impl JsonSchema for super::Amount {
        fn schema_name() -> Cow<'static, str> {
            "Amount".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "An amount of money (MONEY-5): a decimal string such as `\"10.08\"` (exact), or a JSON number; never negative, at most 1e9.",
                "anyOf": [
                    { "type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$" },
                    { "type": "number", "minimum": 0 }
                ]
            })
        }
    }
}
