//! The main script's compiled code, cached in `__pycache__/<stem>.coil-011.pyc`
//! beside it.
//!
//! CPython caches only imported modules; Coil caches the main script too, so a
//! second run skips lexing, parsing and compiling. The file format (magic, source
//! hash, serialized code object) belongs to `bytecode::cache`; this module only
//! decides where the file lives and how it is replaced. A cache is an
//! optimization, never a source of errors: anything unreadable, stale or
//! undecodable is recompiled, and a directory we cannot write to is ignored.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use bytecode::{cache, CodeObject};

/// The cache tag, like CPython's `sys.implementation.cache_tag` (`cpython-311`).
pub const CACHE_TAG: &str = "coil-011";

/// `dir/__pycache__/<stem>.coil-011.pyc` for `dir/<stem>.py`.
pub fn cache_path(script: &Path) -> Option<PathBuf> {
    let stem = script.file_stem()?;
    let mut name = stem.to_os_string();
    name.push(format!(".{CACHE_TAG}.pyc"));
    let dir = script.parent().unwrap_or(Path::new(""));
    Some(dir.join("__pycache__").join(name))
}

/// The cached code for `script` if its cache matches `source` and was compiled
/// under the same `filename` (a moved script would otherwise report its old
/// path in tracebacks).
pub fn load(script: &Path, source: &[u8], filename: &str) -> Option<CodeObject> {
    let bytes = fs::read(cache_path(script)?).ok()?;
    let code = cache::decode(&bytes, source)?;
    (*code.filename == *filename).then_some(code)
}

/// Writes `code` to the cache, atomically: a reader sees the old file or the
/// new one, never half of one. Every failure is silently ignored.
pub fn store(script: &Path, source: &[u8], code: &CodeObject) {
    let Some(path) = cache_path(script) else {
        return;
    };
    let Some(dir) = path.parent() else {
        return;
    };
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    let bytes = cache::encode(code, source);
    // A per-process temporary name in the same directory, so the rename stays
    // on one file system and two coils caching at once do not collide.
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    let written = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut file| file.write_all(&bytes));
    if written.is_err() || fs::rename(&tmp, &path).is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_lives_in_pycache_beside_the_script() {
        assert_eq!(
            cache_path(Path::new("tests/programs/int/add.py")),
            Some(PathBuf::from(
                "tests/programs/int/__pycache__/add.coil-011.pyc"
            ))
        );
        assert_eq!(
            cache_path(Path::new("hello.py")),
            Some(PathBuf::from("__pycache__/hello.coil-011.pyc"))
        );
        assert_eq!(cache_path(Path::new("/")), None);
    }
}
