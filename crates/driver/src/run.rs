//! Running a program: read the script, reuse or rebuild its cached code
//! (decode → parse → compile), then hand the code object to the VM.
//!
//! Exit statuses follow python3: the program's own status, 1 for an uncaught
//! exception or a SyntaxError, 2 when the script cannot be opened, and death by
//! SIGINT after an uncaught KeyboardInterrupt.

use std::borrow::Cow;
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use bytecode::CodeObject;

use crate::cli::{Program, RunOptions};
use crate::{pycache, syntax_error, write_stderr};

/// Runs the program `options` describe and returns the process exit status.
pub fn run(options: RunOptions) -> i32 {
    let RunOptions {
        program,
        argv,
        write_bytecode,
    } = options;
    // sys.path[0] as CPython sets it: the script's directory with symlinks and
    // `..` resolved, else '' (the current directory, for -c and stdin).
    let (code, search_dir) = match program {
        Program::File(path) => {
            let filename = code_filename(&path);
            let dir = Path::new(&filename)
                .parent()
                .map(|dir| std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()))
                .map(|dir| dir.to_string_lossy().into_owned())
                .unwrap_or_default();
            (compile_script(&path, write_bytecode), dir)
        }
        Program::Code(text) => (compile(text.as_bytes(), "<string>"), String::new()),
        Program::Stdin => (
            read_stdin().and_then(|bytes| compile(&bytes, "<stdin>")),
            String::new(),
        ),
    };
    match code {
        Ok(code) => {
            let status = vm::run_main_with_hooks(
                code,
                argv,
                module_loader(search_dir, write_bytecode),
                Box::new(compile_source),
            );
            if vm::unhandled_keyboard_interrupt() {
                return crate::signals::exit_by_sigint();
            }
            status
        }
        Err(failure) => failure.report(),
    }
}

/// The VM's hook for `import` of modules written in Python: `sys.path` starts as
/// `[search_dir]`, and a name is found as `<dir>/<name>/__init__.py` (a package)
/// or `<dir>/<name>.py` in the directories the VM gives, compiled through
/// `__pycache__` like the main script.
struct SourceFiles {
    search_dir: String,
    write_bytecode: bool,
}

impl vm::SourceLoader for SourceFiles {
    fn initial_path(&self) -> Vec<String> {
        vec![self.search_dir.clone()]
    }

    fn find(&mut self, name: &str, dirs: &[String]) -> Option<vm::LoadedModule> {
        if name.is_empty() || name.contains(['.', '/', '\\', '\0']) {
            return None;
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        for dir in dirs {
            // An empty entry (`-c`, stdin) is the current directory; a relative one
            // is taken from it, so `__file__` is absolute as in CPython.
            let base = if dir.is_empty() {
                cwd.clone()
            } else {
                cwd.join(dir)
            };
            let package = base.join(name);
            let init = package.join("__init__.py");
            let (path, is_package) = if init.is_file() {
                (init, true)
            } else {
                let module = base.join(format!("{name}.py"));
                if !module.is_file() {
                    continue;
                }
                (module, false)
            };
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let filename = path.to_string_lossy().into_owned();
            let code = match pycache::load(&path, &bytes, &filename) {
                Some(code) => Ok(code),
                None => {
                    let code = compile_module(&bytes, &filename);
                    if let (Ok(code), true) = (&code, self.write_bytecode) {
                        pycache::store(&path, &bytes, code);
                    }
                    code
                }
            };
            let cached = pycache::cache_path(&path).map(|c| c.to_string_lossy().into_owned());
            return Some(vm::LoadedModule {
                code,
                filename,
                is_package,
                cached,
            });
        }
        None
    }
}

fn module_loader(search_dir: String, write_bytecode: bool) -> vm::ModuleLoader {
    Box::new(SourceFiles {
        search_dir,
        write_bytecode,
    })
}

/// Decodes, parses and compiles an imported module; a SyntaxError comes back as
/// the exception's message, `str()` of CPython's SyntaxError
/// (`invalid syntax (m.py, line 1)`), since the VM's loader hook carries only that.
fn compile_module(bytes: &[u8], filename: &str) -> Result<CodeObject, String> {
    let source = lexer::decode_source_file(bytes, filename).map_err(|err| err.msg)?;
    let module = parser::parse_module(&source)
        .map_err(|err| syntax_error::describe(&err, filename, &source, bytes))?;
    codegen::compile_module(&module, &source, filename)
        .map_err(|err| syntax_error::describe(&err, filename, &source, bytes))
}

/// The VM's hook for `compile()`, `exec()` and `eval()` of source text: parses in
/// the mode asked for and compiles; a SyntaxError comes back as its `str()`.
fn compile_source(
    source: &str,
    filename: &str,
    mode: vm::CompileMode,
) -> Result<CodeObject, String> {
    // CPython's string input always ends with a newline (it adds one if missing).
    let owned;
    let source = if source.ends_with('\n') {
        source
    } else {
        owned = format!("{source}\n");
        owned.as_str()
    };
    let describe = |err: &source::SyntaxError| {
        syntax_error::describe(err, filename, source, source.as_bytes())
    };
    let module = match mode {
        vm::CompileMode::Eval => parser::parse_expression(source),
        vm::CompileMode::Exec => parser::parse_module(source),
        vm::CompileMode::Single => parser::parse_module(source).map(|m| match m {
            ast::Mod::Module { body, .. } => ast::Mod::Interactive { body },
            other => other,
        }),
    }
    .map_err(|err| describe(&err))?;
    codegen::compile_module(&module, source, filename).map_err(|err| describe(&err))
}

/// Why a program did not get to run.
pub enum Failure {
    /// A SyntaxError, already rendered as CPython prints it (exit status 1).
    Syntax(String),
    /// The script could not be read (exit status 2).
    Open(String),
}

impl Failure {
    /// Prints the failure to stderr and returns the exit status.
    pub fn report(self) -> i32 {
        match self {
            Failure::Syntax(text) => {
                write_stderr(&text);
                1
            }
            Failure::Open(text) => {
                write_stderr(&text);
                write_stderr("\n");
                2
            }
        }
    }
}

/// The script's code, from `__pycache__` when it is current, else compiled
/// (and cached when `write_bytecode`).
fn compile_script(path: &Path, write_bytecode: bool) -> Result<CodeObject, Failure> {
    let filename = code_filename(path);
    let bytes = read_script(path, &filename)?;
    if let Some(code) = pycache::load(path, &bytes, &filename) {
        return Ok(code);
    }
    let code = compile(&bytes, &filename)?;
    if write_bytecode {
        pycache::store(path, &bytes, &code);
    }
    Ok(code)
}

/// The script's path as CPython 3.11 records it in `co_filename` and prints it in
/// tracebacks: joined to the current directory, otherwise untouched (`./`, `..`
/// stay).
pub fn code_filename(path: &Path) -> String {
    let absolute: PathBuf = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
    };
    absolute.to_string_lossy().into_owned()
}

/// Reads a script, or explains why not as python3 does
/// (`can't open file '/abs/x.py': [Errno 2] No such file or directory`).
pub fn read_script(path: &Path, filename: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|err| {
        let reason = match err.raw_os_error() {
            Some(errno) => {
                // std's message is strerror plus " (os error N)"; python shows strerror.
                let text = err.to_string();
                let strerror = text
                    .strip_suffix(&format!(" (os error {errno})"))
                    .unwrap_or(&text)
                    .to_owned();
                format!("[Errno {errno}] {strerror}")
            }
            None => err.to_string(),
        };
        Failure::Open(format!("coil: can't open file '{filename}': {reason}"))
    })
}

fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(Failure::Open(
            "coil: there is no interactive mode yet; give a script, -c CMD or pipe a program to stdin"
                .to_owned(),
        ));
    }
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .map_err(|err| Failure::Open(format!("coil: can't read stdin: {err}")))?;
    Ok(bytes)
}

/// Decodes and parses `bytes` as the module `filename`. The decoded text comes
/// back with the tree because the tree's ranges point into it.
pub fn parse<'b>(bytes: &'b [u8], filename: &str) -> Result<(ast::Mod, Cow<'b, str>), Failure> {
    let source = lexer::decode_source_file(bytes, filename)
        .map_err(|err| Failure::Syntax(syntax_error::render_decode_error(&err)))?;
    match parser::parse_module(&source) {
        Ok(module) => Ok((module, source)),
        Err(err) => Err(Failure::Syntax(syntax_error::render(
            &err, filename, &source, bytes,
        ))),
    }
}

/// Decodes, parses and compiles `bytes` as the module `filename`.
pub fn compile(bytes: &[u8], filename: &str) -> Result<CodeObject, Failure> {
    let (module, source) = parse(bytes, filename)?;
    codegen::compile_module(&module, &source, filename)
        .map_err(|err| Failure::Syntax(syntax_error::render(&err, filename, &source, bytes)))
}
