//! oxyc_passes
