//! End-to-end tests of the VM on hand-assembled code objects (the VM never depends
//! on the front end, so these build CPython 3.11 bytecode directly).

use std::rc::Rc;

use bytecode::{
    CodeFlags, CodeObject, CodeUnit, ConstantValue, ExceptionTableEntry, Location, Opcode,
};

use crate::interp::Vm;
use crate::value::Value;

/// A tiny assembler: emits instructions with their inline caches and `EXTENDED_ARG`s,
/// interns constants and names, and patches forward jumps.
#[derive(Default)]
struct Asm {
    code: Vec<CodeUnit>,
    consts: Vec<ConstantValue>,
    names: Vec<Rc<str>>,
    varnames: Vec<Rc<str>>,
    locations: Vec<Location>,
    exception_table: Vec<ExceptionTableEntry>,
    argcount: u32,
    line: u32,
    cols: (u32, u32),
}

impl Asm {
    fn new() -> Asm {
        Asm {
            line: 1,
            ..Asm::default()
        }
    }

    fn at(&mut self, line: u32, col: u32, end_col: u32) -> &mut Self {
        self.line = line;
        self.cols = (col, end_col);
        self
    }

    fn unit(&mut self, op: Opcode, arg: u8) {
        self.code.push(CodeUnit::new(op, arg));
        self.locations.push(Location {
            line: self.line,
            end_line: self.line,
            col: self.cols.0,
            end_col: self.cols.1,
        });
    }

    fn op(&mut self, op: Opcode, arg: u32) -> &mut Self {
        for shift in [24, 16, 8] {
            if arg >> shift != 0 {
                self.unit(Opcode::EXTENDED_ARG, (arg >> shift) as u8);
            }
        }
        self.unit(op, arg as u8);
        for _ in 0..op.cache_entries() {
            self.unit(Opcode::CACHE, 0);
        }
        self
    }

    fn konst(&mut self, c: ConstantValue) -> u32 {
        if let Some(i) = self.consts.iter().position(|x| *x == c) {
            return i as u32;
        }
        self.consts.push(c);
        (self.consts.len() - 1) as u32
    }

    fn load_int(&mut self, i: i64) -> &mut Self {
        let k = self.konst(ConstantValue::Int(i));
        self.op(Opcode::LOAD_CONST, k)
    }

    fn load_const(&mut self, c: ConstantValue) -> &mut Self {
        let k = self.konst(c);
        self.op(Opcode::LOAD_CONST, k)
    }

    fn name(&mut self, n: &str) -> u32 {
        if let Some(i) = self.names.iter().position(|x| &**x == n) {
            return i as u32;
        }
        self.names.push(Rc::from(n));
        (self.names.len() - 1) as u32
    }

    fn local(&mut self, n: &str) -> u32 {
        if let Some(i) = self.varnames.iter().position(|x| &**x == n) {
            return i as u32;
        }
        self.varnames.push(Rc::from(n));
        (self.varnames.len() - 1) as u32
    }

    fn load_name(&mut self, n: &str) -> &mut Self {
        let i = self.name(n);
        self.op(Opcode::LOAD_NAME, i)
    }

    fn store_name(&mut self, n: &str) -> &mut Self {
        let i = self.name(n);
        self.op(Opcode::STORE_NAME, i)
    }

    fn load_global(&mut self, n: &str, push_null: bool) -> &mut Self {
        let i = self.name(n);
        self.op(Opcode::LOAD_GLOBAL, i << 1 | push_null as u32)
    }

    fn load_fast(&mut self, n: &str) -> &mut Self {
        let i = self.local(n);
        self.op(Opcode::LOAD_FAST, i)
    }

    fn binary(&mut self, nb: u32) -> &mut Self {
        self.op(Opcode::BINARY_OP, nb)
    }

    fn call(&mut self, n: u32) -> &mut Self {
        self.op(Opcode::PRECALL, n).op(Opcode::CALL, n)
    }

    /// Emits a forward jump with a placeholder; returns the patch position.
    fn jump_fwd(&mut self, op: Opcode) -> usize {
        self.op(op, 0);
        self.code.len() - 1 - op.cache_entries() as usize
    }

    /// Points the forward jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let op = Opcode::from_u8(self.code[at].op).unwrap_or(Opcode::NOP);
        let from = at + 1 + op.cache_entries() as usize;
        self.code[at].arg = (self.code.len() - from) as u8;
    }

    fn here(&self) -> usize {
        self.code.len()
    }

    /// A backward jump to `target`.
    fn jump_back(&mut self, target: usize) -> &mut Self {
        let after = self.code.len() + 1;
        self.op(Opcode::JUMP_BACKWARD, (after - target) as u32)
    }

    fn ret(&mut self) -> &mut Self {
        self.op(Opcode::RETURN_VALUE, 0)
    }

    fn build(&self, name: &str) -> CodeObject {
        let is_function = name != "<module>";
        CodeObject {
            argcount: self.argcount,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            stacksize: 16,
            flags: CodeFlags(if is_function {
                CodeFlags::OPTIMIZED | CodeFlags::NEWLOCALS
            } else {
                0
            }),
            code: self.code.clone(),
            consts: self.consts.clone(),
            names: self.names.clone(),
            varnames: self.varnames.clone(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            filename: Rc::from("<test>"),
            name: Rc::from(name),
            qualname: Rc::from(name),
            firstlineno: 1,
            locations: self.locations.clone(),
            exception_table: self.exception_table.clone(),
        }
    }
}

/// Runs module code; returns the repr of what it returns, or `Type: message`.
fn run(asm: &Asm) -> String {
    let mut vm = Vm::new(Vec::new());
    let code = vm.load_code(&asm.build("<module>"));
    let globals = vm.new_dict();
    match vm.run_module_code(code, globals) {
        Ok(v) => vm.repr(&v).unwrap_or_default(),
        Err(e) => {
            let text = vm.format_exception(&e);
            text.lines().last().unwrap_or("").to_string()
        }
    }
}

fn run_traceback(asm: &Asm) -> String {
    let mut vm = Vm::new(Vec::new());
    let code = vm.load_code(&asm.build("<module>"));
    let globals = vm.new_dict();
    match vm.run_module_code(code, globals) {
        Ok(_) => String::new(),
        Err(e) => vm.format_exception(&e),
    }
}

/// `return a <nb> b` over constants.
fn binop(a: ConstantValue, b: ConstantValue, nb: u32) -> String {
    let mut asm = Asm::new();
    asm.op(Opcode::RESUME, 0)
        .load_const(a)
        .load_const(b)
        .binary(nb)
        .ret();
    run(&asm)
}

#[test]
fn int_arithmetic_follows_python() {
    use ConstantValue::Int;
    assert_eq!(binop(Int(7), Int(2), 0), "9");
    assert_eq!(binop(Int(-7), Int(2), 2), "-4");
    assert_eq!(binop(Int(-7), Int(2), 6), "1");
    assert_eq!(binop(Int(7), Int(2), 11), "3.5");
    assert_eq!(binop(Int(2), Int(-2), 8), "0.25");
    assert_eq!(
        binop(Int(2), Int(100), 8),
        "1267650600228229401496703205376"
    );
    assert_eq!(binop(Int(i64::MAX), Int(1), 0), "9223372036854775808");
    assert_eq!(
        binop(Int(1 << 46), Int(1 << 46), 5),
        "4951760157141521099596496896"
    );
    assert_eq!(
        binop(Int(1), Int(0), 2),
        "ZeroDivisionError: integer division or modulo by zero"
    );
    assert_eq!(
        binop(Int(1), Int(0), 6),
        "ZeroDivisionError: integer modulo by zero"
    );
    assert_eq!(
        binop(Int(1), Int(0), 11),
        "ZeroDivisionError: division by zero"
    );
    assert_eq!(
        binop(Int(1), Int(-1), 3),
        "ValueError: negative shift count"
    );
}

#[test]
fn float_arithmetic_and_repr_follow_python() {
    use ConstantValue::{Float, Int};
    assert_eq!(binop(Float(0.1), Float(0.2), 0), "0.30000000000000004");
    assert_eq!(binop(Float(1e16), Int(1), 5), "1e+16");
    assert_eq!(binop(Float(1e-5), Int(1), 5), "1e-05");
    assert_eq!(binop(Float(7.5), Float(-2.0), 6), "-0.5");
    assert_eq!(binop(Float(-7.5), Int(2), 2), "-4.0");
    assert_eq!(
        binop(Float(1.0), Float(0.0), 11),
        "ZeroDivisionError: float division by zero"
    );
    assert_eq!(
        binop(Float(1.0), Int(0), 6),
        "ZeroDivisionError: float modulo"
    );
    assert_eq!(binop(Float(1e300), Float(1e300), 5), "inf");
    assert_eq!(binop(Float(-0.0), Int(1), 5), "-0.0");
    assert_eq!(
        binop(Float(0.0), Int(-1), 8),
        "ZeroDivisionError: 0.0 cannot be raised to a negative power"
    );
}

#[test]
fn mixed_type_errors_use_cpython_messages() {
    use ConstantValue::{Int, Str};
    assert_eq!(
        binop(Int(1), Str("a".into()), 0),
        "TypeError: unsupported operand type(s) for +: 'int' and 'str'"
    );
    assert_eq!(
        binop(Str("a".into()), Int(1), 0),
        "TypeError: can only concatenate str (not \"int\") to str"
    );
    assert_eq!(binop(Str("ab".into()), Int(3), 5), "'ababab'");
    assert_eq!(binop(Int(2), Str("xy".into()), 5), "'xyxy'");
    assert_eq!(
        binop(Str("a".into()), Str("b".into()), 5),
        "TypeError: can't multiply sequence by non-int of type 'str'"
    );
}

#[test]
fn while_loop_sums_with_jumps() {
    // i = 0; s = 0; while i < 10: s += i; i += 1; return s
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0)
        .load_int(0)
        .store_name("i")
        .load_int(0)
        .store_name("s");
    let top = a.here();
    a.load_name("i").load_int(10).op(Opcode::COMPARE_OP, 0);
    let exit = a.jump_fwd(Opcode::POP_JUMP_FORWARD_IF_FALSE);
    a.load_name("s").load_name("i").binary(13).store_name("s");
    a.load_name("i").load_int(1).binary(13).store_name("i");
    a.jump_back(top);
    a.patch(exit);
    a.load_name("s").ret();
    assert_eq!(run(&a), "45");
}

#[test]
fn for_loop_over_range_builds_a_list() {
    // out = []; for x in range(4): out.append(x * x); return out
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0)
        .op(Opcode::BUILD_LIST, 0)
        .store_name("out");
    a.op(Opcode::PUSH_NULL, 0)
        .load_name("range")
        .load_int(4)
        .call(1)
        .op(Opcode::GET_ITER, 0);
    let top = a.here();
    let exit = a.jump_fwd(Opcode::FOR_ITER);
    a.store_name("x");
    let append = a.name("append");
    a.load_name("out")
        .op(Opcode::LOAD_METHOD, append)
        .load_name("x")
        .load_name("x")
        .binary(5)
        .call(1);
    a.op(Opcode::POP_TOP, 0).jump_back(top);
    a.patch(exit);
    a.load_name("out").ret();
    assert_eq!(run(&a), "[0, 1, 4, 9]");
}

/// `def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)` as a nested code object.
fn fib_code() -> CodeObject {
    let mut f = Asm::new();
    f.argcount = 1;
    f.local("n");
    f.op(Opcode::RESUME, 0)
        .load_fast("n")
        .load_int(2)
        .op(Opcode::COMPARE_OP, 0);
    let recurse = f.jump_fwd(Opcode::POP_JUMP_FORWARD_IF_FALSE);
    f.load_fast("n").ret();
    f.patch(recurse);
    f.load_global("fib", true)
        .load_fast("n")
        .load_int(1)
        .binary(10)
        .call(1);
    f.load_global("fib", true)
        .load_fast("n")
        .load_int(2)
        .binary(10)
        .call(1);
    f.binary(0).ret();
    f.build("fib")
}

#[test]
fn recursive_python_calls_push_frames() {
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0)
        .load_const(ConstantValue::Code(Rc::new(fib_code())));
    a.op(Opcode::MAKE_FUNCTION, 0).store_name("fib");
    a.op(Opcode::PUSH_NULL, 0)
        .load_name("fib")
        .load_int(20)
        .call(1)
        .ret();
    assert_eq!(run(&a), "6765");
}

#[test]
fn unbounded_recursion_raises_recursion_error() {
    // def f(): return f()
    let mut f = Asm::new();
    f.op(Opcode::RESUME, 0).load_global("f", true).call(0).ret();
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0)
        .load_const(ConstantValue::Code(Rc::new(f.build("f"))));
    a.op(Opcode::MAKE_FUNCTION, 0).store_name("f");
    a.op(Opcode::PUSH_NULL, 0).load_name("f").call(0).ret();
    assert_eq!(run(&a), "RecursionError: maximum recursion depth exceeded");
    let tb = run_traceback(&a);
    assert!(
        tb.contains("[Previous line repeated 996 more times]"),
        "{tb}"
    );
}

#[test]
fn name_error_and_unbound_local() {
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0).load_name("nope").ret();
    assert_eq!(run(&a), "NameError: name 'nope' is not defined");
    let mut f = Asm::new();
    f.op(Opcode::RESUME, 0).load_fast("x").ret();
    let mut m = Asm::new();
    m.op(Opcode::RESUME, 0)
        .load_const(ConstantValue::Code(Rc::new(f.build("g"))));
    m.op(Opcode::MAKE_FUNCTION, 0)
        .store_name("g")
        .op(Opcode::PUSH_NULL, 0)
        .load_name("g")
        .call(0)
        .ret();
    assert_eq!(
        run(&m),
        "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value"
    );
}

#[test]
fn exception_table_catches_and_pops_exc_info() {
    // try: 1/0  except: r = 'caught'   (handler found through the exception table)
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0).op(Opcode::NOP, 0);
    let start = a.here();
    a.load_int(1).load_int(0).binary(11).op(Opcode::POP_TOP, 0);
    let end = a.here();
    let skip = a.jump_fwd(Opcode::JUMP_FORWARD);
    let handler = a.here();
    a.op(Opcode::PUSH_EXC_INFO, 0)
        .op(Opcode::POP_TOP, 0)
        .op(Opcode::POP_EXCEPT, 0);
    a.load_const(ConstantValue::Str("caught".into())).ret();
    a.patch(skip);
    a.load_const(ConstantValue::Str("not caught".into())).ret();
    a.exception_table.push(ExceptionTableEntry {
        start: start as u32,
        end: end as u32,
        target: handler as u32,
        depth: 0,
        lasti: false,
    });
    assert_eq!(run(&a), "'caught'");
}

#[test]
fn traceback_shows_carets_for_binary_ops() {
    // Source file with one line: `x = 1 / 0`.
    let dir = std::env::temp_dir().join(format!("coil-vm-test-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("div.py");
    let _ = std::fs::write(&path, "x = 1 / 0\n");
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0)
        .at(1, 4, 9)
        .load_int(1)
        .load_int(0)
        .binary(11)
        .ret();
    let mut vm = Vm::new(Vec::new());
    let mut co = a.build("<module>");
    co.filename = Rc::from(path.to_string_lossy().as_ref());
    let code = vm.load_code(&co);
    let globals = vm.new_dict();
    let err = vm
        .run_module_code(code, globals)
        .err()
        .unwrap_or(Value::NONE);
    let text = vm.format_exception(&err);
    let expected = format!(
        "Traceback (most recent call last):\n  File \"{}\", line 1, in <module>\n    x = 1 / 0\n        ~~^~~\nZeroDivisionError: division by zero\n",
        path.display()
    );
    assert_eq!(text, expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn containers_and_builtins() {
    // return (len([1, 2, 3]), str(2.5), repr('a'), sorted((3, 1, 2)), {'k': 1})
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0);
    a.op(Opcode::PUSH_NULL, 0)
        .load_name("len")
        .load_int(1)
        .load_int(2)
        .load_int(3)
        .op(Opcode::BUILD_LIST, 3)
        .call(1);
    a.op(Opcode::PUSH_NULL, 0)
        .load_name("str")
        .load_const(ConstantValue::Float(2.5))
        .call(1);
    a.op(Opcode::PUSH_NULL, 0)
        .load_name("repr")
        .load_const(ConstantValue::Str("a".into()))
        .call(1);
    a.op(Opcode::PUSH_NULL, 0).load_name("sorted");
    a.load_const(ConstantValue::Tuple(Rc::from(vec![
        ConstantValue::Int(3),
        ConstantValue::Int(1),
        ConstantValue::Int(2),
    ])));
    a.call(1);
    a.load_const(ConstantValue::Str("k".into()))
        .load_int(1)
        .op(Opcode::BUILD_MAP, 1);
    a.op(Opcode::BUILD_TUPLE, 5).ret();
    assert_eq!(run(&a), "(3, '2.5', \"'a'\", [1, 2, 3], {'k': 1})");
}

#[test]
fn keyword_arguments_reach_print_and_sorted() {
    // return sorted([1, 3, 2], reverse=True)
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0)
        .op(Opcode::PUSH_NULL, 0)
        .load_name("sorted");
    a.load_int(1)
        .load_int(3)
        .load_int(2)
        .op(Opcode::BUILD_LIST, 3);
    a.load_const(ConstantValue::Bool(true));
    let names = a.konst(ConstantValue::Tuple(Rc::from(vec![ConstantValue::Str(
        "reverse".into(),
    )])));
    a.op(Opcode::KW_NAMES, names).call(2).ret();
    assert_eq!(run(&a), "[3, 2, 1]");
}

#[test]
fn extended_arg_widens_operands() {
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0);
    for i in 0..300 {
        a.konst(ConstantValue::Int(i));
    }
    a.op(Opcode::LOAD_CONST, 299).ret();
    assert_eq!(run(&a), "299");
}

#[test]
fn match_class_and_keys_follow_cpython() {
    // match 5: case int(n) -> (5,); then MATCH_KEYS on {'k': 1} with ('k',) -> (1,)
    let mut a = Asm::new();
    a.op(Opcode::RESUME, 0).load_int(5).load_name("int");
    a.load_const(ConstantValue::Tuple(Rc::from(Vec::new())));
    a.op(Opcode::MATCH_CLASS, 1);
    a.load_const(ConstantValue::Str("k".into()))
        .load_int(1)
        .op(Opcode::BUILD_MAP, 1);
    a.load_const(ConstantValue::Tuple(Rc::from(vec![ConstantValue::Str(
        "k".into(),
    )])));
    a.op(Opcode::MATCH_KEYS, 0);
    a.op(Opcode::SWAP, 3)
        .op(Opcode::POP_TOP, 0)
        .op(Opcode::POP_TOP, 0);
    a.op(Opcode::BUILD_TUPLE, 2).ret();
    assert_eq!(run(&a), "((5,), (1,))");
    let mut b = Asm::new();
    b.op(Opcode::RESUME, 0).load_int(5).load_name("str");
    b.load_const(ConstantValue::Tuple(Rc::from(Vec::new())));
    b.op(Opcode::MATCH_CLASS, 1).ret();
    assert_eq!(run(&b), "None");
}

#[test]
fn out_of_range_operands_raise_system_error_instead_of_reading_past_the_frame() {
    // A damaged cache file could hold operands the compiler never emits; the loop
    // indexes locals and constants unchecked, so loading must neutralize them.
    let mut asm = Asm::new();
    asm.op(Opcode::RESUME, 0).op(Opcode::LOAD_FAST, 200).ret();
    assert!(run(&asm).starts_with("SystemError"), "{}", run(&asm));
    let mut asm = Asm::new();
    asm.op(Opcode::RESUME, 0).op(Opcode::LOAD_CONST, 9).ret();
    assert!(run(&asm).starts_with("SystemError"), "{}", run(&asm));
    let mut asm = Asm::new();
    asm.op(Opcode::RESUME, 0)
        .load_const(ConstantValue::Int(1))
        .op(Opcode::STORE_FAST, 3)
        .load_const(ConstantValue::None)
        .ret();
    assert!(run(&asm).starts_with("SystemError"), "{}", run(&asm));
}

#[test]
fn ascii_str_hash_matches_the_code_point_hash() {
    use crate::objects::str::{hash_code_points, hash_str};
    let text = "the quick brown fox jumps over the lazy dog 0123456789";
    for end in 0..text.len() {
        let s = &text[..end];
        assert_eq!(
            hash_str(s),
            hash_code_points(s.chars().map(u32::from)),
            "{s:?}"
        );
    }
}
