//! oxyc_codegen
