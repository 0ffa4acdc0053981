//! Numbers that measure: numerals, targets, deadlines, commitments.
