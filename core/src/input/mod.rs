//! Reading input: the borrowed JSON value ([`json`], the seam a caller hands in), the text reader
//! that reports duplicate keys, the collecting decoder (`decode`), the typed reader that takes
//! plain, right text straight into the model (`typed`), the checks after reading (`validate`) and
//! every limit ([`limits`]).

pub(crate) mod decode;
pub mod json;
pub mod limits;
pub(crate) mod plain;
pub mod text;
pub(crate) mod typed;
pub(crate) mod validate;
