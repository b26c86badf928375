//! Interleaved rounds and medians: how every figure is taken on a noisy, shared machine.
//!
//! A slow minute (another build, the other side of a loopback connection) hits every side of the
//! round it falls in, so sides are compared round by round (the ratio of one round's samples) and
//! the median of those ratios is reported. The order of the sides goes through every permutation
//! from round to round, so that each side runs before each other one as often as after it.

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

/// Runs `rounds` rounds; each measures every side once, round `r` in the `r`-th permutation of
/// the sides (cycling). Returns the samples by side, then by round.
pub fn interleave<S: Copy, T>(
    rounds: usize,
    sides: &[S],
    mut measure: impl FnMut(S) -> T,
) -> Vec<Vec<T>> {
    let orders = permutations(sides.len());
    let mut samples: Vec<Vec<T>> = sides.iter().map(|_| Vec::with_capacity(rounds)).collect();
    for round in 0..rounds {
        for &index in &orders[round % orders.len()] {
            samples[index].push(measure(sides[index]));
        }
    }
    samples
}

/// Every order of `0..n`, in lexicographic order.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut orders = Vec::new();
    for first in 0..n {
        for rest in permutations(n - 1) {
            let mut order = vec![first];
            order.extend(rest.into_iter().map(|i| if i >= first { i + 1 } else { i }));
            orders.push(order);
        }
    }
    orders
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
    fn two_sides_alternate() {
        let mut order = Vec::new();
        let samples = interleave(3, &['a', 'b'], |side| {
            order.push(side);
            order.len() as f64
        });
        assert_eq!(order, ['a', 'b', 'b', 'a', 'a', 'b']);
        assert_eq!(samples, vec![vec![1.0, 4.0, 5.0], vec![2.0, 3.0, 6.0]]);
    }

    #[test]
    fn each_side_goes_before_each_other_as_often_as_after() {
        let mut order = Vec::new();
        interleave(12, &[0, 1, 2], |side| order.push(side));
        let rounds: Vec<&[usize]> = order.chunks(3).collect();
        assert_eq!(
            rounds[..6],
            [
                [0, 1, 2],
                [0, 2, 1],
                [1, 0, 2],
                [1, 2, 0],
                [2, 0, 1],
                [2, 1, 0]
            ]
        );
        assert_eq!(rounds[6..], rounds[..6]);
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let before = |x, y| {
                rounds
                    .iter()
                    .filter(|round| {
                        round.iter().position(|s| *s == x) < round.iter().position(|s| *s == y)
                    })
                    .count()
            };
            assert_eq!((before(a, b), before(b, a)), (6, 6));
        }
    }

    #[test]
    fn ratios_are_paired_by_round() {
        // Round 2 is slow for both sides; pairing keeps it from skewing the ratio.
        assert_eq!(paired_ratio(&[1.1, 11.0, 1.1], &[1.0, 10.0, 1.0]), 1.1);
    }
}
