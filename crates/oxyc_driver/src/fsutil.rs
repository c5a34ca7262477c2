//! Writing files so that readers never see a half-written one: write a temporary file in
//! the destination's directory, then rename it over the destination (atomic on POSIX).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::IoAction;
use crate::error::IoError;

/// Write `bytes` to `dest` atomically: either the old file (if any) stays untouched or the
/// complete new one replaces it. The file gets mode 0644 (before umask) on Unix.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<(), IoError> {
    let dir = parent_dir(dest);
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| IoError::new(IoAction::Create, dir, e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.flush())
        .map_err(|e| IoError::new(IoAction::Write, tmp.path(), e))?;
    set_mode(tmp.path(), 0o644).map_err(|e| IoError::new(IoAction::Write, tmp.path(), e))?;
    tmp.persist(dest)
        .map_err(|e| IoError::new(IoAction::Rename, dest, e.error))?;
    Ok(())
}

/// The directory a file lives in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Create a directory and its parents.
pub fn create_dir_all(dir: &Path) -> Result<(), IoError> {
    std::fs::create_dir_all(dir).map_err(|e| IoError::new(IoAction::Create, dir, e))
}

/// A not-yet-existing, unique path next to a final destination, for a tool (the C
/// compiler) to create. Removed on drop unless [`TempOutput::persist`] renamed it into place.
#[derive(Debug)]
pub struct TempOutput {
    path: PathBuf,
    armed: bool,
}

impl TempOutput {
    /// A fresh name `.<file name>.<pid>.<n>.tmp` in the directory of `dest`.
    pub fn beside(dest: &Path) -> TempOutput {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp_name = format!(".{name}.{}.{n}.tmp", std::process::id());
        TempOutput {
            path: parent_dir(dest).join(tmp_name),
            armed: true,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Rename the finished file over `dest`.
    pub fn persist(mut self, dest: &Path) -> Result<(), IoError> {
        std::fs::rename(&self.path, dest).map_err(|e| IoError::new(IoAction::Rename, dest, e))?;
        self.armed = false;
        Ok(())
    }
}

impl Drop for TempOutput {
    fn drop(&mut self) {
        if self.armed {
            // It may never have been created; nothing to report either way.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A program as a shell would find it: a name with a directory part is taken as is
/// (if it exists), a bare name is looked up on PATH.
pub fn find_program(name: &Path) -> Option<PathBuf> {
    if name.components().count() > 1 || name.is_absolute() {
        return name.exists().then(|| name.to_path_buf());
    }
    let path_var = std::env::var_os("PATH")?;
    std::env::split_paths(&path_var)
        .filter(|dir| !dir.as_os_str().is_empty())
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable_file(candidate))
}

#[cfg(unix)]
fn is_executable_file(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable_file(path: &Path) -> bool {
    path.is_file()
}

/// Modification time in nanoseconds since the epoch.
pub fn mtime_ns(path: &Path) -> Option<u128> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(
        modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos(),
    )
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.txt");
        write_atomic(&dest, b"one").unwrap();
        write_atomic(&dest, b"two").unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn temp_output_is_removed_unless_persisted() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("m.so");
        let t = TempOutput::beside(&dest);
        std::fs::write(t.path(), b"x").unwrap();
        drop(t);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let t = TempOutput::beside(&dest);
        std::fs::write(t.path(), b"y").unwrap();
        t.persist(&dest).unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"y");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
