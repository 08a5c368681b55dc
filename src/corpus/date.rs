//! Document dates: checked and brought to one sortable form when a cluster is loaded.
//!
//! Dates order a cluster for the "latest document" lead baseline and chronological
//! output, and they are compared as strings, so every date must be ISO 8601
//! (`YYYY-MM-DD`, optionally followed by a time): then text order is time order. The
//! other forms newswire data carries (`MM/DD/YYYY`, `YYYY/MM/DD`, `YYYYMMDD`, each
//! optionally followed by a time) are rewritten to ISO; anything else is an error naming
//! the document, because `date: not-a-date` would otherwise silently change which
//! document lead takes.
use super::Cluster;

/// `date` in ISO form (`YYYY-MM-DD` plus whatever time followed it), or `None` when it is
/// not a date in one of the accepted forms.
pub fn normalize(date: &str) -> Option<String> {
    let date = date.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (day_part, rest) = date
        .split_once(['T', ' '])
        .map_or((date, ""), |(d, r)| (d, r));
    let (y, m, d) = match day_part.split(['-', '/']).collect::<Vec<_>>()[..] {
        [y, m, d] if y.len() == 4 => (y, m, d),
        [m, d, y] if y.len() == 4 && day_part.contains('/') => (y, m, d),
        [ymd] if ymd.len() == 8 => (&ymd[..4], &ymd[4..6], &ymd[6..]),
        _ => return None,
    };
    if !(digits(y) && digits(m) && digits(d) && m.len() <= 2 && d.len() <= 2) {
        return None;
    }
    let (month, day): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let sep = if date.as_bytes().get(day_part.len()) == Some(&b'T') {
        "T"
    } else {
        " "
    };
    Some(if rest.is_empty() {
        format!("{y}-{month:02}-{day:02}")
    } else {
        format!("{y}-{month:02}-{day:02}{sep}{rest}")
    })
}

/// Rewrites every document date of `cluster` to ISO form; an error names the first
/// document whose date is not one, with the value and the accepted forms.
pub fn normalize_cluster(cluster: &mut Cluster) -> Result<(), String> {
    for doc in &mut cluster.docs {
        if let Some(date) = &doc.date {
            let iso = normalize(date).ok_or_else(|| {
                format!(
                    "cluster {:?}, document {:?}: date {date:?} is not a date; expected \
                     YYYY-MM-DD (ISO 8601, optionally with a time), MM/DD/YYYY, YYYY/MM/DD \
                     or YYYYMMDD",
                    cluster.id, doc.id
                )
            })?;
            doc.date = Some(iso);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn accepted_forms_become_iso_and_others_are_refused() {
        let n = |s: &str| normalize(s);
        assert_eq!(n("2022-01-16").as_deref(), Some("2022-01-16"));
        assert_eq!(
            n("2019-01-01 13:45:00").as_deref(),
            Some("2019-01-01 13:45:00")
        );
        assert_eq!(
            n("2019-01-01T13:45:00Z").as_deref(),
            Some("2019-01-01T13:45:00Z")
        );
        assert_eq!(
            n("01/05/1999 10:00:00").as_deref(),
            Some("1999-01-05 10:00:00")
        );
        assert_eq!(n("1998/10/16").as_deref(), Some("1998-10-16"));
        assert_eq!(n("19981016").as_deref(), Some("1998-10-16"));
        assert_eq!(n("2022-1-6").as_deref(), Some("2022-01-06"));
        for bad in [
            "not-a-date",
            "",
            "2022-13-01",
            "2022-00-10",
            "16 January 2022",
            "22-01-16",
            "2022-01",
        ] {
            assert_eq!(n(bad), None, "{bad:?}");
        }
    }
}
