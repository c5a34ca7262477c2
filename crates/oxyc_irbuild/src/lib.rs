//! oxyc_irbuild
