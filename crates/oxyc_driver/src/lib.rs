//! The driver: runs the pipeline for each module, asks the target Python for its
//! configuration, drives the C compiler and writes outputs atomically.

pub mod pipeline;
