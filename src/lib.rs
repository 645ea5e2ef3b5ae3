//! # subscription-rules (the wasm shell)
//!
//! The npm package's crate: the WebAssembly exports, the allocator, the limits of the JS
//! reader and the transfer format between JS and the module. Every rule, the model, the
//! decoder and the money live in [`subscription_rules_core`]; this crate only moves a JS value
//! in (as a [`subscription_rules_core::Json`] borrowing its strings from the bytes the JS walker
//! wrote) and a `Serialize` answer out (as a word tape the JS side rebuilds).
//!
//! Native builds without the `wasm` feature compile only the transfer format (for its tests).

#[cfg(any(feature = "wasm", test))]
mod transfer;
#[cfg(feature = "wasm")]
pub mod wasm;
