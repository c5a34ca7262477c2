//! oxyc_ir
