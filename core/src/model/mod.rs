//! The model, declared once: the request envelope and its facts ([`request`]), the vocabulary of
//! enums ([`vocab`]), the questions about a subscription or a catalog ([`query`]) and the answer
//! ([`decision`]).

pub mod decision;
pub(crate) mod declare;
pub mod formula;
pub mod query;
pub mod request;
pub mod scalar;
pub mod vocab;
