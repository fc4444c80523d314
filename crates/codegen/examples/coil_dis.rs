//! `cargo run -p codegen --example coil_dis FILE [--positions]`: prints the
//! disassembly of FILE the way `python3 -m dis FILE` does, for comparing the two by
//! hand; with `--positions`, one `qualname offset opname (line, end_line, col,
//! end_col)` row per instruction, to compare with CPython's `co_positions()`.

fn print_meta(code: &bytecode::CodeObject) {
    let join = |v: &[std::rc::Rc<str>]| {
        v.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    println!(
        "{} argc={} posonly={} kwonly={} stack={} flags={:#x} first={} names=[{}] varnames=[{}] cells=[{}] frees=[{}] nconsts={}",
        code.qualname,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.stacksize,
        code.flags.0,
        code.firstlineno,
        join(&code.names),
        join(&code.varnames),
        join(&code.cellvars),
        join(&code.freevars),
        code.consts.len()
    );
    for c in &code.consts {
        if let bytecode::ConstantValue::Code(inner) = c {
            print_meta(inner);
        }
    }
}

fn print_positions(code: &bytecode::CodeObject) {
    for ins in bytecode::dis::decode_instructions(code) {
        let loc = code.locations[ins.index];
        let name = bytecode::Opcode::from_u8(ins.op).map_or("?", |op| op.name());
        if loc.is_none() {
            println!("{} {} {} None", code.qualname, ins.index * 2, name);
        } else {
            println!(
                "{} {} {} ({}, {}, {}, {})",
                code.qualname,
                ins.index * 2,
                name,
                loc.line,
                loc.end_line,
                loc.col,
                loc.end_col
            );
        }
    }
    for c in &code.consts {
        if let bytecode::ConstantValue::Code(inner) = c {
            print_positions(inner);
        }
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: coil_dis FILE");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&path).unwrap_or_default();
    let module = match parser::parse_module(&source) {
        Ok(m) => m,
        Err(e) => {
            println!("{e}");
            return;
        }
    };
    match codegen::compile_module(&module, &source, &path) {
        Ok(code) if std::env::args().any(|a| a == "--positions") => print_positions(&code),
        Ok(code) if std::env::args().any(|a| a == "--meta") => print_meta(&code),
        Ok(code) => print!("{}", bytecode::disassemble(&code)),
        Err(e) => println!("{e}"),
    }
}
