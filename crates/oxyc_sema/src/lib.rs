//! oxyc_sema
