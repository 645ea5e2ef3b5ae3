//! The questions a UI asks besides "may I do this": which actions are available on a
//! subscription now, each with its decision ([`actions`]), and its timeline ([`timeline`]).
//! Every window is asked of the rule that measures it, never recomputed here.

pub mod actions;
pub mod decide;
pub mod prepared;
pub mod timeline;
