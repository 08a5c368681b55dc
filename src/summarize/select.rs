//! Budgeted greedy selection, the last step of most score-based methods.
//!
//! Selection-time redundancy has one convention across systems: a sentence is skipped
//! when its cosine with an already picked sentence is strictly greater than the
//! system's `redundancy` threshold (`null`: no check), and systems that compute their
//! own vectors for it use [`redundancy_vectors`]. The candidate stage's near-duplicate
//! filter ([`super::candidates`]) is a separate, earlier, pool-wide step.
use super::{Input, SentenceId};
use crate::summarize::similarity::{cosine, tf_weighted, SparseVec};
use crate::text::ProcessedCluster;

/// Term frequency × the cluster's smoothed document IDF for every sentence: the vectors
/// redundancy checks compare, so that shared topic words weigh less than rare names.
pub fn redundancy_vectors(cluster: &ProcessedCluster) -> Vec<SparseVec> {
    tf_weighted(cluster, |t| cluster.idf(t))
}

/// Picks candidates by descending score (ties: earlier sentence first) while they fit the
/// budget, skipping any whose cosine similarity to an already picked sentence exceeds
/// `redundancy` (pass `None` to disable the check).
pub fn greedy(
    input: &Input<'_>,
    scores: &[f64],
    redundancy: Option<(f64, &[SparseVec])>,
) -> Vec<SentenceId> {
    let mut order: Vec<SentenceId> = input.candidates.to_vec();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut meter = input.budget.meter();
    let mut picked: Vec<SentenceId> = Vec::new();
    for id in order {
        if meter.is_full() {
            break;
        }
        let s = &input.cluster.sentences[id];
        if !meter.fits(s) {
            continue;
        }
        if let Some((threshold, vecs)) = redundancy {
            if picked
                .iter()
                .any(|&p| cosine(&vecs[p], &vecs[id]) > threshold)
            {
                continue;
            }
        }
        meter.try_add(s);
        picked.push(id);
    }
    picked
}
