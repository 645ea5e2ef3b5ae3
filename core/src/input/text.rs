//! JSON text to a [`Json`] value, reporting every key that appears twice in one object.

use std::borrow::Cow;

use crate::error::{ErrorCode, InputError};
use crate::input::decode::Path;
use crate::input::decode::{clip, from_value, Decode};
use crate::input::json::{Fields, Json};
use crate::input::limits;

/// Read a typed value from JSON text, collecting every problem.
pub(crate) fn from_str<T: Decode>(text: &str) -> Result<T, Vec<InputError>> {
    if text.len() > limits::MAX_REQUEST_BYTES {
        return Err(vec![InputError::new(
            ErrorCode::TooLarge,
            "",
            format!(
                "request of {} bytes; at most {} are accepted",
                text.len(),
                limits::MAX_REQUEST_BYTES
            ),
        )]);
    }
    let value = parse_json(text)?;
    from_value(&value)
}

/// Parse JSON text into a value, reporting every key that appears twice in one object (serde_json
/// alone keeps the last silently, so a garbled first copy would go unnoticed). The value borrows
/// every string of `text` that has no escape.
pub fn parse_json(text: &str) -> Result<Json<'_>, Vec<InputError>> {
    let duplicates = std::cell::RefCell::new(Vec::new());
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = serde::de::DeserializeSeed::deserialize(
        Strict {
            at: &Path::Root,
            duplicates: &duplicates,
        },
        &mut de,
    )
    .and_then(|v| de.end().map(|()| v));
    let value = parsed.map_err(|e| {
        vec![InputError::new(
            ErrorCode::InvalidJson,
            "",
            format!("not valid JSON: {e}"),
        )]
    })?;
    let duplicates = duplicates.into_inner();
    if duplicates.is_empty() {
        return Ok(value);
    }
    Err(duplicates
        .into_iter()
        .take(limits::MAX_ERRORS)
        .map(|path: String| {
            let key = path.rsplit('.').next().unwrap_or(&path).to_string();
            InputError::new(
                ErrorCode::DuplicateField,
                path.clone(),
                format!("field `{}` appears more than once", clip(&key)),
            )
        })
        .collect())
}

/// A [`Json`] reader that notes duplicate keys.
struct Strict<'a> {
    at: &'a Path<'a>,
    duplicates: &'a std::cell::RefCell<Vec<String>>,
}

impl<'de> serde::de::DeserializeSeed<'de> for Strict<'_> {
    type Value = Json<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

/// Up to this many fields, an object is searched for a repeated key one by one; beyond, the keys
/// are also kept in a set.
const LINEAR_FIELDS: usize = 32;

impl<'de> serde::de::Visitor<'de> for Strict<'_> {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Strict {
            at: &Path::Index(self.at, out.len()),
            duplicates: self.duplicates,
        })? {
            out.push(v);
        }
        Ok(Json::Array(out))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut out = Fields::default();
        let mut seen: Option<std::collections::BTreeSet<Cow<'de, str>>> = None;
        while let Some(key) = map.next_key_seed(Key)? {
            let v = map.next_value_seed(Strict {
                at: &Path::Key(self.at, &key),
                duplicates: self.duplicates,
            })?;
            let repeated = if out.len() < LINEAR_FIELDS {
                out.contains(&key)
            } else {
                let seen =
                    seen.get_or_insert_with(|| out.keys().map(|k| k.to_owned().into()).collect());
                !seen.insert(key.clone())
            };
            if repeated {
                self.duplicates
                    .borrow_mut()
                    .push(Path::Key(self.at, &key).render());
            }
            out.push(key, v);
        }
        Ok(Json::Object(out))
    }
}

/// An object key, borrowed from the text when it has no escape.
struct Key;

impl<'de> serde::de::DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Cow<'de, str>, E> {
        Ok(Cow::Owned(v))
    }
}
