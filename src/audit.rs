//! Measurability report over extracted documents. (Placeholder, being written.)

use crate::model::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    Table,
    Csv,
    Json,
    Md,
    Html,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct AuditReport {}

impl AuditReport {
    pub fn build(_docs: &[Document]) -> Self {
        AuditReport {}
    }
    /// Share of plan (target-mode) goals that are vague, 0 when there are none.
    pub fn vague_plan_share(&self) -> f64 {
        0.0
    }
}

pub fn render(_r: &AuditReport, _f: AuditFormat) -> String {
    String::new()
}
