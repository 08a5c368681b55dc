//! The ROUGE speed workload: deterministic candidate/reference pairs of about 100 words,
//! shared by the criterion bench and `examples/rouge_speed.rs` (which writes it as JSON
//! Lines for the Python rouge-score and `rougers` comparisons in docs/performance.md).
//!
//! Words are drawn with Zipf(1) frequencies from the 6,245 real words of
//! `tests/data/porter_nltk.tsv` (news vocabulary), after 40 function words, so texts have
//! news-like repetition. A reference is 5 sentences of 16–24 words, one per line; a
//! candidate has 5 sentences too, each either a reference sentence with 20% of its words
//! replaced or a fresh one, like an extractive summary against an abstractive reference.

const FUNCTION_WORDS: &str = "the of and to a in that is was he for it with as his on be at by i \
    this had not are but from or have an they which one you were her all she there would their";

/// A seeded xorshift64* generator (no dependency, identical on every platform).
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Vocab {
    words: Vec<&'static str>,
    cdf: Vec<f64>,
}

impl Vocab {
    fn new(rng: &mut Rng) -> Self {
        let tsv = include_str!("../../tests/data/porter_nltk.tsv");
        let mut content: Vec<&'static str> = tsv
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|w| w.len() > 2 && w.bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        // Seeded shuffle so frequency rank is unrelated to alphabetical order.
        for i in (1..content.len()).rev() {
            content.swap(i, rng.below(i + 1));
        }
        let mut words: Vec<&'static str> = FUNCTION_WORDS.split_whitespace().collect();
        words.extend(content);
        let mut total = 0.0;
        let cdf = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|c| c / total)
            .collect();
        Vocab { words, cdf }
    }

    fn word(&self, rng: &mut Rng) -> &'static str {
        let u = rng.unit();
        let k = self.cdf.partition_point(|&c| c < u);
        self.words[k.min(self.words.len() - 1)]
    }

    fn sentence(&self, rng: &mut Rng) -> Vec<&'static str> {
        (0..16 + rng.below(9)).map(|_| self.word(rng)).collect()
    }
}

fn render(sentence: &[&str], rng: &mut Rng) -> String {
    let mut s = String::new();
    for (i, w) in sentence.iter().enumerate() {
        if i == 0 {
            let mut c = w.chars();
            s.extend(c.next().map(|c| c.to_ascii_uppercase()));
            s.push_str(c.as_str());
        } else {
            s.push_str(if rng.below(12) == 0 { ", " } else { " " });
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

/// `n` (candidate, reference) pairs generated from `seed`.
pub fn pairs(n: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let vocab = Vocab::new(&mut rng);
    (0..n)
        .map(|_| {
            let reference: Vec<Vec<&str>> = (0..5).map(|_| vocab.sentence(&mut rng)).collect();
            let candidate: Vec<Vec<&str>> = (0..5)
                .map(|_| {
                    if rng.below(2) == 0 {
                        let mut s = reference[rng.below(5)].clone();
                        for w in s.iter_mut() {
                            if rng.below(5) == 0 {
                                *w = vocab.word(&mut rng);
                            }
                        }
                        s
                    } else {
                        vocab.sentence(&mut rng)
                    }
                })
                .collect();
            let text = |ss: &[Vec<&str>], rng: &mut Rng| {
                ss.iter()
                    .map(|s| render(s, rng))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            let c = text(&candidate, &mut rng);
            let r = text(&reference, &mut rng);
            (c, r)
        })
        .collect()
}
