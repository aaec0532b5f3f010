//! How much of a plan's allowance is used: the level a usage bar shows and how full it is.

/// How a usage bar looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Below 80 % of the limit.
    Normal,
    /// 80 % of the limit or more.
    Warning,
    /// The whole limit used (or more).
    Full,
    /// The plan includes none (a limit of 0).
    NotIncluded,
}

impl Level {
    /// The bar's class suffix and `data-level`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Normal => "normal",
            Level::Warning => "warning",
            Level::Full => "full",
            Level::NotIncluded => "not-included",
        }
    }
}

/// The level of `used` out of `limit`: warning from 80 %, full at 100 %.
pub fn usage_level(used: u32, limit: u32) -> Level {
    let (used, limit) = (u64::from(used), u64::from(limit));
    if limit == 0 {
        Level::NotIncluded
    } else if used >= limit {
        Level::Full
    } else if used * 5 >= limit * 4 {
        Level::Warning
    } else {
        Level::Normal
    }
}

/// How much of the bar is filled, 0 to 100 (never past the end; empty when nothing is
/// included).
pub fn fill_percent(used: u32, limit: u32) -> u32 {
    if limit == 0 {
        return 0;
    }
    let percent = u64::from(used) * 100 / u64::from(limit);
    percent.min(100) as u32
}

/// What the bar says: `2 / 3`, or `not included` for a limit of 0.
pub fn usage_figures(used: u32, limit: u32) -> String {
    match usage_level(used, limit) {
        Level::NotIncluded => "not included".to_owned(),
        _ => format!("{used} / {limit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test(unsupported = test)]
    fn a_bar_warns_from_eighty_percent_and_is_full_at_the_limit() {
        assert_eq!(usage_level(0, 100), Level::Normal);
        assert_eq!(usage_level(79, 100), Level::Normal);
        assert_eq!(usage_level(80, 100), Level::Warning);
        assert_eq!(usage_level(99, 100), Level::Warning);
        assert_eq!(usage_level(100, 100), Level::Full);
        assert_eq!(usage_level(130, 100), Level::Full, "over the limit");
        // Small limits: 2 of 3 is 67 %, 3 of 3 full; 4 of 5 is exactly 80 %.
        assert_eq!(usage_level(2, 3), Level::Normal);
        assert_eq!(usage_level(3, 3), Level::Full);
        assert_eq!(usage_level(4, 5), Level::Warning);
        assert_eq!(usage_level(1, 1), Level::Full);
        assert_eq!(usage_level(u32::MAX, u32::MAX), Level::Full, "no overflow");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_limit_of_zero_is_not_included() {
        assert_eq!(usage_level(0, 0), Level::NotIncluded);
        assert_eq!(usage_level(3, 0), Level::NotIncluded);
        assert_eq!(usage_figures(0, 0), "not included");
        assert_eq!(fill_percent(5, 0), 0);
        assert_eq!(Level::NotIncluded.as_str(), "not-included");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_bar_fills_in_proportion_and_stops_at_the_end() {
        assert_eq!(fill_percent(0, 100), 0);
        assert_eq!(fill_percent(1, 3), 33);
        assert_eq!(fill_percent(80, 100), 80);
        assert_eq!(fill_percent(250, 100), 100);
        assert_eq!(usage_figures(2, 3), "2 / 3");
        assert_eq!(usage_figures(1000, 1000), "1000 / 1000");
    }
}
