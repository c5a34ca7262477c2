//! oxyc_types
