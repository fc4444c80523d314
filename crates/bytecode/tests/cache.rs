//! Properties of the `__pycache__` format: any bytes decode without panicking, and
//! every encoded code object decodes back to itself for its own source only.

use std::rc::Rc;

use bytecode::cache::{decode, encode};
use bytecode::{
    CodeFlags, CodeObject, CodeUnit, ConstantValue, ExceptionTableEntry, Location, Opcode,
};
use proptest::prelude::*;

fn constant() -> impl Strategy<Value = ConstantValue> {
    let leaf = prop_oneof![
        Just(ConstantValue::None),
        any::<bool>().prop_map(ConstantValue::Bool),
        any::<i64>().prop_map(ConstantValue::Int),
        "-?[1-9][0-9]{19,30}".prop_map(|s| ConstantValue::BigInt(s.into())),
        any::<u64>().prop_map(|bits| ConstantValue::Float(f64::from_bits(
            bits & !0x7ff8_0000_0000_0000 | 0x3ff0_0000_0000_0000
        ))),
        ".{0,8}".prop_map(|s| ConstantValue::Str(Rc::from(s.as_str()))),
        // A str with a lone surrogate: any code points, one surrogate guaranteed.
        (
            proptest::collection::vec(0u32..0x11_0000, 0..6),
            0xd800u32..0xe000
        )
            .prop_map(|(mut cps, s)| {
                cps.push(s);
                ConstantValue::SurrogateStr(Rc::from(cps))
            }),
        proptest::collection::vec(any::<u8>(), 0..8)
            .prop_map(|b| ConstantValue::Bytes(Rc::from(b))),
        Just(ConstantValue::Ellipsis),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        (proptest::collection::vec(inner, 0..4), any::<bool>()).prop_map(|(items, frozen)| {
            if frozen {
                ConstantValue::FrozenSet(Rc::from(items))
            } else {
                ConstantValue::Tuple(Rc::from(items))
            }
        })
    })
}

fn code_object() -> impl Strategy<Value = CodeObject> {
    (
        proptest::collection::vec(
            (0usize..Opcode::ALL.len(), any::<u8>(), 0u32..500, 0u32..80),
            0..20,
        ),
        proptest::collection::vec(constant(), 0..5),
        proptest::collection::vec("[a-z_]{1,6}", 0..4),
        (0u32..4, 0u32..30, any::<u32>(), any::<bool>()),
    )
        .prop_map(|(units, consts, names, (argc, stack, flags, lasti))| {
            let names: Vec<Rc<str>> = names.iter().map(|n| Rc::from(n.as_str())).collect();
            CodeObject {
                argcount: argc,
                posonlyargcount: 0,
                kwonlyargcount: argc / 2,
                stacksize: stack,
                flags: CodeFlags(flags),
                code: units
                    .iter()
                    .map(|&(op, arg, _, _)| CodeUnit::new(Opcode::ALL[op], arg))
                    .collect(),
                locations: units
                    .iter()
                    .map(|&(_, _, line, col)| Location {
                        line,
                        end_line: line + 1,
                        col,
                        end_col: col + 3,
                    })
                    .collect(),
                consts,
                names: names.clone(),
                varnames: names.clone(),
                cellvars: names.iter().take(1).cloned().collect(),
                freevars: vec![],
                filename: Rc::from("t.py"),
                name: Rc::from("<module>"),
                qualname: Rc::from("<module>"),
                firstlineno: 1,
                exception_table: vec![ExceptionTableEntry {
                    start: 1,
                    end: 3,
                    target: 5,
                    depth: 1,
                    lasti,
                }],
            }
        })
}

proptest! {
    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300), source in ".{0,10}") {
        let _ = decode(&bytes, source.as_bytes());
    }

    #[test]
    fn decode_never_panics_on_damaged_cache(code in code_object(), cut in 0usize..400, flip in any::<(usize, u8)>()) {
        let mut bytes = encode(&code, b"src");
        let at = flip.0 % bytes.len();
        bytes[at] ^= flip.1;
        let _ = decode(&bytes, b"src");
        bytes.truncate(cut.min(bytes.len()));
        let _ = decode(&bytes, b"src");
    }

    #[test]
    fn encode_decode_round_trips(inner in code_object(), outer in code_object(), source in ".{0,40}") {
        let mut outer = outer;
        outer.consts.push(ConstantValue::Code(Rc::new(inner)));
        let bytes = encode(&outer, source.as_bytes());
        prop_assert_eq!(decode(&bytes, source.as_bytes()), Some(outer));
        let other = format!("{source}#");
        prop_assert_eq!(decode(&bytes, other.as_bytes()), None);
        prop_assert_eq!(decode(&bytes[..bytes.len() - 1], source.as_bytes()), None);
    }
}
