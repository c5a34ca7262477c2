//! The on-disk cache: where it lives and how its keys are made.
//!
//! Layout (every entry is written to a temporary name and renamed into place, so
//! concurrent oxyc processes never see a half-written file):
//!
//! ```text
//! $OXYC_CACHE_DIR | $XDG_CACHE_HOME/oxyc | ~/.cache/oxyc
//! ├── python/<key>.json              what an interpreter reported (python.rs)
//! ├── modules/<key><EXT_SUFFIX>        linked modules by (C text, runtime, interpreter,
//! │        <key><EXT_SUFFIX>.sha256   C compiler, flags): an unchanged module is copied,
//! │                                   not compiled; the 256 most recently used are kept;
//! │                                   one whose checksum does not match is rebuilt
//! ├── runtime/<key>/oxyc_rt.h         the C runtime, compiled once per
//! │                oxyc_rt.c          (runtime sources, Python include dir, CC, CFLAGS,
//! │                oxyc_rt.o          opt level, -g)                        (cc.rs)
//! │                oxyc_rt.o.sha256   (checked before use: a corrupt object is rebuilt)
//! │                oxyc_rt_hot.c      its second translation unit, likewise
//! │                oxyc_rt_hot.o{,.sha256}
//! └── run/<script>/<key>/<name><EXT_SUFFIX>
//!                                     `oxyc run` builds: <script> hashes the script's
//!                                     path, <key> (source, oxyc build, interpreter, C
//!                                     compiler, flags); the newest 4 kept    (run.rs)
//! ```
//!
//! Nothing is ever modified in place, so deleting the whole directory at any time is safe.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::DriverError;

/// The root of the cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    /// `$OXYC_CACHE_DIR`, else `$XDG_CACHE_HOME/oxyc`, else `~/.cache/oxyc`. The directory
    /// is created lazily, by whoever first writes into it.
    pub fn locate() -> Result<Cache, DriverError> {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        if let Some(dir) = var("OXYC_CACHE_DIR") {
            return Ok(Cache::at(dir));
        }
        // The XDG spec says relative values are invalid and must be ignored.
        if let Some(dir) = var("XDG_CACHE_HOME").filter(|d| d.is_absolute()) {
            return Ok(Cache::at(dir.join("oxyc")));
        }
        if let Some(home) = var("HOME") {
            return Ok(Cache::at(home.join(".cache").join("oxyc")));
        }
        Err(DriverError::NoCacheDir)
    }

    pub fn at(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `<root>/<kind>`, e.g. `python`, `runtime`, `run`.
    pub fn subdir(&self, kind: &str) -> PathBuf {
        self.root.join(kind)
    }
}

/// Mark a cache entry as used now (for [`prune_lru`]). Best effort.
pub fn touch(path: &Path) {
    if let Ok(file) = std::fs::File::options().append(true).open(path) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
}

/// Keep the `max` most recently used (modified or [`touch`]ed) files of `dir`, delete the
/// rest. Best effort: the cache is an optimisation, so failures are ignored. Deleting a
/// module that another process is about to copy only makes that process compile it.
pub fn prune_lru(dir: &Path, max: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    if files.len() <= max {
        return;
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, old) in files.into_iter().skip(max) {
        let _ = std::fs::remove_file(old);
    }
}

/// The checksum file of a cache entry: `<entry>.sha256`.
fn checksum_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

fn hex_digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The bytes of the entry at `path` (written by [`store_checked`]) if it still holds what
/// was stored. A missing checksum, a mismatch (a truncated or corrupted file) or an
/// unreadable file is a miss: the entry is rebuilt, never trusted, and the new one
/// replaces it by rename (never by deleting: another process may be reading it).
pub fn verify(path: &Path) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path).ok()?;
    let expected = std::fs::read_to_string(checksum_path(path)).ok()?;
    (hex_digest(&bytes) == expected.trim()).then_some(bytes)
}

/// Store `bytes` at `path` with its checksum beside it (each file appears whole, by
/// rename; the checksum first, so a reader never trusts a half-stored entry).
/// Best effort: false if either could not be written.
pub fn store_checked(path: &Path, bytes: &[u8]) -> bool {
    crate::fsutil::write_atomic(&checksum_path(path), hex_digest(bytes).as_bytes()).is_ok()
        && crate::fsutil::write_atomic(path, bytes).is_ok()
}

/// Mark an entry stored by [`store_checked`] (and its checksum) as used now.
pub fn touch_checked(path: &Path) {
    touch(path);
    touch(&checksum_path(path));
}

/// Builds a cache key from a sequence of fields. Each field is length-prefixed, so
/// `("ab", "c")` and `("a", "bc")` give different keys; the domain string keeps keys of
/// different kinds of entry apart.
pub struct KeyHasher(Sha256);

impl KeyHasher {
    pub fn new(domain: &str) -> KeyHasher {
        let mut h = KeyHasher(Sha256::new());
        h.field(domain.as_bytes());
        h
    }

    pub fn field(&mut self, bytes: &[u8]) -> &mut KeyHasher {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub fn str(&mut self, s: &str) -> &mut KeyHasher {
        self.field(s.as_bytes())
    }

    pub fn path(&mut self, p: &Path) -> &mut KeyHasher {
        self.field(p.as_os_str().as_encoded_bytes())
    }

    /// The key: 128 bits of the digest as 32 lowercase hex digits (a directory name).
    pub fn finish(&self) -> String {
        let digest = self.0.clone().finalize();
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prune_keeps_the_most_recently_used() {
        let dir = tempfile::tempdir().unwrap();
        let now = std::time::SystemTime::now();
        for i in 0..5u64 {
            let path = dir.path().join(format!("m{i}.so"));
            std::fs::write(&path, b"x").unwrap();
            let f = std::fs::File::options().append(true).open(&path).unwrap();
            f.set_modified(now - std::time::Duration::from_secs(100 - i))
                .unwrap();
        }
        touch(&dir.path().join("m0.so"));
        prune_lru(dir.path(), 3);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["m0.so", "m3.so", "m4.so"]);
    }

    #[test]
    fn corrupt_entries_are_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let entry = dir.path().join("m.so");
        assert!(verify(&entry).is_none());
        assert!(store_checked(&entry, b"module bytes"));
        assert_eq!(verify(&entry).as_deref(), Some(&b"module bytes"[..]));
        std::fs::write(&entry, b"module by").unwrap();
        assert!(verify(&entry).is_none());
        // Rebuilt: the new entry replaces the corrupt one.
        assert!(store_checked(&entry, b"module bytes"));
        assert!(verify(&entry).is_some());
        // An entry without its checksum (e.g. pruned apart) is not trusted either.
        std::fs::remove_file(checksum_path(&entry)).unwrap();
        assert!(verify(&entry).is_none());
    }

    #[test]
    fn fields_are_length_prefixed() {
        let a = KeyHasher::new("t").str("ab").str("c").finish();
        let b = KeyHasher::new("t").str("a").str("bc").finish();
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert_eq!(a, KeyHasher::new("t").str("ab").str("c").finish());
        assert_ne!(a, KeyHasher::new("u").str("ab").str("c").finish());
    }
}
