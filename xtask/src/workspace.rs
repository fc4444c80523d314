//! Where things are: the workspace root and the programs under tests/.

use std::path::{Path, PathBuf};

/// The workspace root (xtask lives one level below it), canonical so it matches
/// the current directory CPython and coil print paths against.
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().unwrap_or(manifest);
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// Every `tests/programs/<area>/<name>.py`, relative to the root, sorted, except
/// helper modules ([`is_helper_module`]).
pub fn programs(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    collect(&root.join("tests/programs"), &mut found)?;
    let mut programs: Vec<PathBuf> = found
        .into_iter()
        .filter_map(|path| path.strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    programs.sort();
    Ok(programs)
}

fn collect(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|err| format!("{}: {err}", dir.display()))?
            .path();
        if path.is_dir() {
            if path.file_name().is_some_and(|name| name != "__pycache__") {
                collect(&path, found)?;
            }
        } else if path.extension().is_some_and(|ext| ext == "py") && !is_helper_module(&path) {
            found.push(path);
        }
    }
    Ok(())
}

/// A `.py` file whose name starts with `_` is a helper module that programs beside
/// it import, not a program (crates/driver/tests/common skips the same files).
fn is_helper_module(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('_'))
}
