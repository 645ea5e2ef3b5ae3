//! Messages in English and Swedish. Every reason message is written in both, side by side, with
//! [`tr!`](crate::tr); only the requested one is formatted.

use crate::model::wire_enum;

wire_enum! {
    /// Language of reason messages and rule titles.
    Locale {
        /// English (the default).
        En = "en",
        /// Swedish.
        Sv = "sv",
    }
}

impl Default for Locale {
    fn default() -> Self {
        Locale::En
    }
}

/// Format the message for `$locale`: an English and a Swedish format string over the same
/// arguments.
#[macro_export]
#[doc(hidden)]
macro_rules! tr {
    ($locale:expr, $en:literal, $sv:literal $(, $arg:expr)* $(,)?) => {
        match $locale {
            $crate::i18n::Locale::En => format!($en $(, $arg)*),
            $crate::i18n::Locale::Sv => format!($sv $(, $arg)*),
        }
    };
}
