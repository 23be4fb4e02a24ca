//! Arbitrary bytes as dictionary TOML: loading must report errors, never panic.
#![no_main]

use std::path::PathBuf;

use graph_core::{Dictionary, EntityKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The same text alone as each kind (references to other kinds are errors, not panics)…
    for kind in EntityKind::ALL {
        let _ = Dictionary::from_sources(&[(PathBuf::from(kind.file_name()), kind, text)]);
    }
    // …and as two files at once, so ids clash across files and clusters can be referenced.
    let _ = Dictionary::from_sources(&[
        (PathBuf::from("companies.toml"), EntityKind::Company, text),
        (PathBuf::from("clusters.toml"), EntityKind::Cluster, text),
    ]);
});
