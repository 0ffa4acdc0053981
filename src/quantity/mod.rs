//! Numbers that measure: numerals, targets, deadlines, commitments.

pub mod commitment;
pub mod deadline;
pub mod mode;
pub mod numeral;
pub mod target;
