//! Reading input: the borrowed JSON value ([`json`], the seam a caller hands in), the text reader
//! that reports duplicate keys, the collecting decoder (`decode`), the checks after reading
//! (`validate`) and every limit ([`limits`]).

pub(crate) mod decode;
pub mod json;
pub mod limits;
mod plain;
pub mod text;
pub(crate) mod validate;
