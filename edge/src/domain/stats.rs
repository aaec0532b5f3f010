//! How figures are shown in the statistics the admin pages and widget lists read.

/// Minutes, to one decimal as in the seed.
pub fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
