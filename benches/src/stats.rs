//! Interleaved rounds and medians: how every figure is taken on a noisy, shared machine.
//!
//! A slow minute (another build, the other side of a loopback connection) hits every side of the
//! round it falls in, so sides are compared round by round (the ratio of one round's samples) and
//! the median of those ratios is reported. The order of the sides rotates from round to round, so
//! none of them always goes first.

/// The median of `values` (the mean of the two middle ones for an even count); `NaN` when empty.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Runs `rounds` rounds; round `r` measures every side once, starting with side `r % sides`.
/// Returns the samples by side, then by round.
pub fn interleave<S: Copy, T>(
    rounds: usize,
    sides: &[S],
    mut measure: impl FnMut(S) -> T,
) -> Vec<Vec<T>> {
    let mut samples: Vec<Vec<T>> = sides.iter().map(|_| Vec::with_capacity(rounds)).collect();
    for round in 0..rounds {
        for step in 0..sides.len() {
            let index = (round + step) % sides.len();
            samples[index].push(measure(sides[index]));
        }
    }
    samples
}

/// The median over rounds of `numerator[r] / denominator[r]`.
pub fn paired_ratio(numerator: &[f64], denominator: &[f64]) -> f64 {
    let ratios: Vec<f64> = numerator
        .iter()
        .zip(denominator)
        .map(|(n, d)| n / d)
        .collect();
    median(&ratios)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_even_and_empty_sets() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn rounds_rotate_the_starting_side() {
        let mut order = Vec::new();
        let samples = interleave(3, &['a', 'b'], |side| {
            order.push(side);
            order.len() as f64
        });
        assert_eq!(order, ['a', 'b', 'b', 'a', 'a', 'b']);
        assert_eq!(samples, vec![vec![1.0, 4.0, 5.0], vec![2.0, 3.0, 6.0]]);
    }

    #[test]
    fn ratios_are_paired_by_round() {
        // Round 2 is slow for both sides; pairing keeps it from skewing the ratio.
        assert_eq!(paired_ratio(&[1.1, 11.0, 1.1], &[1.0, 10.0, 1.0]), 1.1);
    }
}
