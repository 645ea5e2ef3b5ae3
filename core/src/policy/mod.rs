//! The policy: every parameter of POLICY.md with its wire name, default and range ([`params`]),
//! and the dated editions that set them ([`edition`]).

pub mod edition;
pub mod params;
