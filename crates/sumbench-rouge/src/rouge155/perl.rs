//! The few Perl behaviours the script's numbers depend on, reproduced bit for bit.
//!
//! `ROUGE-1.5.5.pl` rounds every per-unit score with `sprintf("%7.5f")` before it is
//! used again (F is computed from the rounded P and R, averages from rounded unit
//! scores), splits text with `split(/\s+/)` (which keeps a leading empty field), and
//! draws its bootstrap samples from Perl's `rand` after `srand($i)`. Since Perl 5.20
//! `rand` is Perl's own `drand48` on every platform, so the script's intervals can be
//! reproduced exactly rather than approximately.

/// Whether `b` is matched by Perl's `\s` on a byte string (ASCII rules: Perl applies
/// Unicode rules to bytes 0x80..=0xFF only for UTF-8 flagged strings, which the script
/// never creates).
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Perl's `split(/\s+/, $s)`: a leading empty field is kept when `s` starts with
/// whitespace, trailing empty fields are dropped.
pub fn split_ws(s: &[u8]) -> Vec<&[u8]> {
    let mut fields = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        if is_space(s[i]) {
            fields.push(&s[start..i]);
            while i < s.len() && is_space(s[i]) {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    fields.push(&s[start..]);
    while fields.last().is_some_and(|f| f.is_empty()) {
        fields.pop();
    }
    fields
}

/// The number Perl reads back from `sprintf("%7.5f", x)`: `x` rounded to 5 decimals,
/// halfway cases to even on the exact binary value (C `printf` rules).
pub fn round5(x: f64) -> f64 {
    let y = x * 1e5;
    if x >= 0.0 && y < 9.0e15 {
        // Fast path: `y` is within a rounding error of x·10^5, so unless it lies very
        // close to a halfway point the rounding direction is certain.
        let fl = y.floor();
        let frac = y - fl;
        if (frac - 0.5).abs() > 1e-6 {
            let k = if frac > 0.5 { fl + 1.0 } else { fl };
            // k / 1e5 is correctly rounded, i.e. the double nearest the decimal string.
            return k / 1e5;
        }
    }
    // Near a tie (or unusual input): let the exact decimal formatter decide; it rounds
    // halfway cases to even exactly as glibc's printf does.
    format!("{x:.5}").parse().unwrap_or(0.0)
}

/// Perl's `rand` generator (`Perl_drand48_r`, the FreeBSD `drand48` Perl has used on
/// every platform since 5.20), seeded as `srand(seed)` seeds it.
#[derive(Debug, Clone)]
pub struct Drand48(u64);

impl Drand48 {
    const MULT: u64 = 0x5_DEEC_E66D;
    const ADD: u64 = 0xB;
    const MASK: u64 = (1 << 48) - 1;

    /// The state after Perl's `srand(seed)`.
    pub fn new(seed: u32) -> Self {
        Drand48(0x330E + (u64::from(seed) << 16))
    }

    /// The next value of Perl's `rand()`, in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.0 = (self.0.wrapping_mul(Self::MULT).wrapping_add(Self::ADD)) & Self::MASK;
        // ldexp(state, -48): exact, the state has 48 bits.
        self.0 as f64 / (1u64 << 48) as f64
    }

    /// Perl's `int(rand($n))`.
    pub fn index(&mut self, n: usize) -> usize {
        (n as f64 * self.next_f64()) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_leading_empty_field_and_drops_trailing_ones() {
        // perl -e 'print join("|", split(/\s+/, " a  b\t"))' prints "|a|b".
        assert_eq!(split_ws(b" a  b\t"), vec![&b""[..], b"a", b"b"]);
        assert_eq!(split_ws(b"a b"), vec![&b"a"[..], b"b"]);
        assert!(split_ws(b"   ").is_empty());
        assert!(split_ws(b"").is_empty());
        // NBSP (0xA0) is not whitespace for a byte string.
        assert_eq!(split_ws(b"a\xA0b"), vec![&b"a\xA0b"[..]]);
    }

    #[test]
    fn round5_matches_printf() {
        // perl -e 'printf("%7.5f ", $_) for (1/64, 3/64, 5/64, 0.000005, 2/3, 0.999995)'
        // prints "0.01562 0.04688 0.07812 0.00001 0.66667 0.99999" (ties to even on
        // the exact binary value: 0.000005 lies slightly above its tie, 0.999995 below).
        assert_eq!(round5(1.0 / 64.0), 0.01562);
        assert_eq!(round5(3.0 / 64.0), 0.04688);
        assert_eq!(round5(5.0 / 64.0), 0.07812);
        assert_eq!(round5(0.000005), 0.00001);
        assert_eq!(round5(2.0 / 3.0), 0.66667);
        assert_eq!(round5(0.999995), 0.99999);
        assert_eq!(round5(0.0), 0.0);
    }

    #[test]
    fn drand48_matches_perl_rand() {
        // perl -e 'srand(0); printf("%.17g\n", rand()) for 1..2' and srand(7).
        let mut r = Drand48::new(0);
        assert_eq!(r.next_f64(), 0.170_828_036_106_289_72);
        assert_eq!(r.next_f64(), 0.749_901_980_484_963_8);
        let mut r = Drand48::new(7);
        assert_eq!(r.next_f64(), 0.2664441967654092);
        // int(rand(50)) after srand(1): rand() = 0.041630344771878214 → 2.08 → 2.
        assert_eq!(Drand48::new(1).index(50), 2);
    }
}
