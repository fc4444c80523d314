//! `print` and `input`.

use std::io::BufRead;

use super::add_function;
use crate::interp::Vm;
use crate::value::Value;
use crate::PyResult;

/// `print(*args, sep=' ', end='\n', file=None, flush=False)`.
fn print(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let npos = args.len() - kwnames.len();
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = Value::NONE;
    let mut flush = false;
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let name = k.as_str().unwrap_or("");
        match name {
            "sep" | "end" => {
                let s = if v.is_none() {
                    None
                } else if let Some(s) = v.as_str() {
                    Some(s.to_string())
                } else {
                    let msg = format!("{name} must be None or a string, not {}", vm.type_name(v));
                    return Err(vm.type_error(&msg));
                };
                if let Some(s) = s {
                    if name == "sep" {
                        sep = s;
                    } else {
                        end = s;
                    }
                }
            }
            "file" => file = v.clone(),
            "flush" => flush = vm.is_true(v)?,
            _ => {
                let msg = format!("'{name}' is an invalid keyword argument for print()");
                return Err(vm.type_error(&msg));
            }
        }
    }
    let mut out = String::new();
    for (i, a) in args[..npos].iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match vm.str(a) {
            Ok(s) => out.push_str(&s),
            Err(e) => {
                // CPython writes each argument as it goes: what came before the one
                // that cannot be encoded is already out.
                if file.is_none() {
                    vm.write_stdout(&out);
                }
                return Err(e);
            }
        }
    }
    out.push_str(&end);
    if file.is_none() {
        vm.write_stdout(&out);
        if flush {
            vm.flush_stdout();
        }
    } else {
        // print(..., file=f) calls f.write(text) (and f.flush()), as CPython does.
        let name = vm.new_str("write");
        let write = vm.get_attr(&file, &name)?;
        let text = vm.new_str(&out);
        vm.call(&write, &[text])?;
        if flush {
            let name = vm.new_str("flush");
            let flush = vm.get_attr(&file, &name)?;
            vm.call(&flush, &[])?;
        }
    }
    Ok(Value::NONE)
}

/// `input(prompt='')`: reads a line from stdin without its newline.
fn input(vm: &mut Vm, args: &[Value], _kwnames: &[Value]) -> PyResult<Value> {
    if let Some(p) = args.first() {
        let s = vm.str(p)?;
        vm.write_stdout(&s);
    }
    vm.flush_stdout();
    let mut line = String::new();
    let n = std::io::stdin().lock().read_line(&mut line).unwrap_or(0);
    if n == 0 {
        let ty = vm.types.eof_error.clone();
        return Err(vm.new_exception(&ty, "EOF when reading a line"));
    }
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    Ok(vm.new_str(&line))
}

pub(super) fn register(vm: &mut Vm, builtins: &Value) {
    add_function(vm, builtins, "print", print);
    add_function(vm, builtins, "input", input);
    // `exit`/`quit` come from the site module in CPython; scripts use them as functions.
    add_function(vm, builtins, "exit", crate::modules::sys::exit);
    add_function(vm, builtins, "quit", crate::modules::sys::exit);
}
