//! Command-line parsing with python's rules: options come first and stop at
//! `-c CMD`, `-m MOD` or the script; everything after belongs to the program
//! (`sys.argv[1:]`), even words that look like options.

use std::ffi::OsString;
use std::path::PathBuf;

/// What the user asked `coil` to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Run a program as `__main__`.
    Run(RunOptions),
    /// Print one pipeline stage of a file and exit.
    Dump {
        stage: Stage,
        path: PathBuf,
    },
    Version,
    Help,
}

/// Where the program comes from, and what it sees as `sys.argv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOptions {
    pub program: Program,
    /// `sys.argv`: the script as given (or `-c`, or `-`), then its arguments.
    pub argv: Vec<String>,
    /// Whether a script's code object may be written to `__pycache__` (`-B` turns it off).
    pub write_bytecode: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Program {
    File(PathBuf),
    Code(String),
    Stdin,
}

/// A stage `--dump` can print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Tokens,
    Ast,
    Bytecode,
}

/// A usage error: python prints the message, the usage line and a hint, and exits with 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

pub const USAGE: &str = "usage: coil [option] ... [-c cmd | file | -] [arg] ...";

pub const HELP: &str = "\
usage: coil [option] ... [-c cmd | file | -] [arg] ...
Options (and corresponding environment variables):
-B     : don't write __pycache__/<name>.coil-011.pyc for the script;
         also PYTHONDONTWRITEBYTECODE=x
-c cmd : program passed in as string (terminates option list)
-h     : print this help message and exit (also -? or --help)
-V     : print the version number and exit (also --version)
-E, -I, -s, -S, -u, -q, -O, -b, -d, -v, -W arg, -X opt
       : accepted for compatibility with python3; no effect yet
--dump tokens|ast|bytecode FILE
       : print one pipeline stage of FILE (tokenize's report, ast.dump(indent=2),
         the disassembly) and exit
file   : program read from script file
-      : program read from stdin (default when stdin is not a terminal)
arg ...: arguments passed to program in sys.argv[1:]
";

impl UsageError {
    /// The full text python prints for a usage error.
    pub fn message(&self) -> String {
        format!("{}\n{USAGE}\nTry `coil -h' for more information.\n", self.0)
    }
}

/// Parses `args` (without the program name).
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, UsageError> {
    use lexopt::prelude::*;

    let mut parser = lexopt::Parser::from_args(args);
    let mut write_bytecode =
        std::env::var_os("PYTHONDONTWRITEBYTECODE").is_none_or(|value| value.is_empty());
    let mut dump: Option<Stage> = None;
    loop {
        let arg = match parser.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => break,
            Err(err) => return Err(UsageError(err.to_string())),
        };
        match arg {
            Short('c') => {
                let code = parser
                    .value()
                    .map_err(|_| UsageError("Argument expected for the -c option".into()))?;
                let mut argv = vec!["-c".to_owned()];
                argv.extend(rest(&mut parser));
                return Ok(Command::Run(RunOptions {
                    program: Program::Code(lossy(code)),
                    argv,
                    write_bytecode,
                }));
            }
            Short('m') => {
                return Err(UsageError(
                    "coil: -m is not supported yet (there is no import system)".into(),
                ))
            }
            Short('B') => write_bytecode = false,
            // Accepted so scripts and tools that pass them keep working; they change
            // nothing Coil does today (no environment, site or buffering options).
            Short('E' | 'I' | 's' | 'S' | 'u' | 'q' | 'O' | 'b' | 'd' | 'v') => {}
            Short(c @ ('W' | 'X')) => {
                parser
                    .value()
                    .map_err(|_| UsageError(format!("Argument expected for the -{c} option")))?;
            }
            Short('h' | '?') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Long("dump") => {
                let value = parser
                    .value()
                    .map_err(|_| UsageError("Argument expected for the --dump option".into()))?;
                dump = Some(match value.to_str() {
                    Some("tokens") => Stage::Tokens,
                    Some("ast") => Stage::Ast,
                    Some("bytecode") => Stage::Bytecode,
                    _ => {
                        return Err(UsageError(format!(
                            "--dump expects tokens, ast or bytecode, not {:?}",
                            value.to_string_lossy()
                        )))
                    }
                });
            }
            Value(value) => {
                if let Some(stage) = dump {
                    let extra: Vec<String> = rest(&mut parser).collect();
                    if !extra.is_empty() {
                        return Err(UsageError(format!(
                            "--dump takes one file; unexpected {:?}",
                            extra[0]
                        )));
                    }
                    return Ok(Command::Dump {
                        stage,
                        path: PathBuf::from(value),
                    });
                }
                let program = if value == "-" {
                    Program::Stdin
                } else {
                    Program::File(PathBuf::from(&value))
                };
                let mut argv = vec![lossy(value)];
                argv.extend(rest(&mut parser));
                return Ok(Command::Run(RunOptions {
                    program,
                    argv,
                    write_bytecode,
                }));
            }
            Short(c) => return Err(UsageError(format!("Unknown option: -{c}"))),
            // python3's own wording differs for long options ("unknown option --foo").
            Long(name) => return Err(UsageError(format!("unknown option --{name}"))),
        }
    }
    if dump.is_some() {
        return Err(UsageError("--dump needs a FILE".into()));
    }
    // python with no program reads one from stdin (a REPL when it is a terminal).
    Ok(Command::Run(RunOptions {
        program: Program::Stdin,
        argv: vec![String::new()],
        write_bytecode,
    }))
}

/// Everything after the program, untouched: it belongs to `sys.argv`.
fn rest(parser: &mut lexopt::Parser) -> impl Iterator<Item = String> + '_ {
    parser.raw_args().into_iter().flatten().map(lossy)
}

fn lossy(arg: OsString) -> String {
    arg.into_string()
        .unwrap_or_else(|arg| arg.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &[&str]) -> Result<Command, UsageError> {
        parse(words.iter().map(OsString::from))
    }

    fn run(program: Program, argv: &[&str]) -> Command {
        Command::Run(RunOptions {
            program,
            argv: argv.iter().map(|s| s.to_string()).collect(),
            write_bytecode: std::env::var_os("PYTHONDONTWRITEBYTECODE")
                .is_none_or(|value| value.is_empty()),
        })
    }

    #[test]
    fn options_stop_at_the_script() {
        assert_eq!(
            parse_words(&["x.py", "-c", "--dump", "-V"]),
            Ok(run(
                Program::File("x.py".into()),
                &["x.py", "-c", "--dump", "-V"]
            ))
        );
    }

    #[test]
    fn options_stop_at_dash_c() {
        assert_eq!(
            parse_words(&["-c", "print(1)", "a", "-V"]),
            Ok(run(Program::Code("print(1)".into()), &["-c", "a", "-V"]))
        );
        assert_eq!(
            parse_words(&["-cprint(2)"]),
            Ok(run(Program::Code("print(2)".into()), &["-c"]))
        );
    }

    #[test]
    fn dash_b_turns_off_the_cache() {
        let Ok(Command::Run(options)) = parse_words(&["-B", "x.py"]) else {
            panic!("expected a run command");
        };
        assert!(!options.write_bytecode);
    }

    #[test]
    fn dump_takes_a_stage_and_one_file() {
        assert_eq!(
            parse_words(&["--dump", "ast", "x.py"]),
            Ok(Command::Dump {
                stage: Stage::Ast,
                path: "x.py".into()
            })
        );
        assert_eq!(
            parse_words(&["--dump=bytecode", "x.py"]),
            Ok(Command::Dump {
                stage: Stage::Bytecode,
                path: "x.py".into()
            })
        );
        assert!(parse_words(&["--dump", "cst", "x.py"]).is_err());
        assert!(parse_words(&["--dump", "ast"]).is_err());
    }

    #[test]
    fn stdin_and_dash() {
        assert_eq!(
            parse_words(&["-", "a"]),
            Ok(run(Program::Stdin, &["-", "a"]))
        );
        assert_eq!(parse_words(&[]), Ok(run(Program::Stdin, &[""])));
    }

    #[test]
    fn usage_errors_match_python() {
        assert_eq!(
            parse_words(&["-z"]),
            Err(UsageError("Unknown option: -z".into()))
        );
        assert_eq!(
            parse_words(&["-c"]),
            Err(UsageError("Argument expected for the -c option".into()))
        );
        assert_eq!(
            parse_words(&["--frobnicate"]),
            Err(UsageError("unknown option --frobnicate".into()))
        );
        assert_eq!(
            parse_words(&["-W"]),
            Err(UsageError("Argument expected for the -W option".into()))
        );
        assert_eq!(
            parse_words(&["-W", "ignore", "-X", "dev", "-c", "1"]),
            Ok(run(Program::Code("1".into()), &["-c"]))
        );
        assert_eq!(parse_words(&["--version"]), Ok(Command::Version));
        assert_eq!(parse_words(&["-h"]), Ok(Command::Help));
    }
}
