//! Lines → units ▸ sections ▸ goals. (Being written.)

use crate::clean::Cleaned;
use crate::model::*;
use crate::text::Text;

pub fn build_document(
    t: &Text,
    c: &Cleaned,
    path: &str,
    sha256: &str,
    bytes: usize,
    encoding: &str,
) -> Document {
    let _ = c;
    Document {
        id: crate::hex(&sha2::Digest::finalize(
            <sha2::Sha256 as sha2::Digest>::new_with_prefix(path.as_bytes()),
        ))[..12]
            .to_string(),
        path: path.to_string(),
        sha256: sha256.to_string(),
        bytes,
        chars: t.len(),
        encoding: encoding.to_string(),
        title: None,
        issuer: c.issuer.clone(),
        published: c.published.clone(),
        year: None,
        genre: Genre::Unknown,
        preamble: None,
        furniture: c.furniture.clone(),
        units: vec![],
    }
}
