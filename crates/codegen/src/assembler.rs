//! The assembler: from a unit's basic blocks to a finished [`CodeObject`].
//!
//! The passes and their order are CPython 3.11's `assemble()` (Python/compile.c),
//! so the instruction stream matches `dis`: the implicit `return None`, copying
//! small exit blocks into the jumps that reach them, the prefix instructions
//! (`COPY_FREE_VARS`, `MAKE_CELL`, `RETURN_GENERATOR`), cell numbering in "fast
//! locals plus" slots, the peephole pass (constant conditions, tuple folding,
//! jump threading), unreachable-code removal, line-number propagation,
//! `co_stacksize`, the exception table, jump direction (`*_FORWARD`/`*_BACKWARD`),
//! `EXTENDED_ARG` sizing, inline caches and one location per code unit.

use std::rc::Rc;

use bytecode::{
    stack_effect, CodeFlags, CodeObject, CodeUnit, ConstantValue, ExceptionTableEntry, Location,
    Opcode,
};

use crate::compiler::{BlockId, Instr, Loc, Op, Unit};

/// CPython's `MAX_COPY_SIZE`: exit blocks up to this long are copied into jumps.
const MAX_COPY_SIZE: usize = 4;

struct Cfg {
    blocks: Vec<Blk>,
    /// Layout successor of each block (CPython's `b_next`).
    next: Vec<Option<BlockId>>,
    entry: BlockId,
}

#[derive(Clone, Default)]
struct Blk {
    instrs: Vec<Ins>,
    predecessors: u32,
    start_depth: Option<i32>,
    preserve_lasti: bool,
    visited: bool,
    offset: u32,
}

#[derive(Clone, Copy)]
struct Ins {
    op: Op,
    arg: u32,
    target: Option<BlockId>,
    loc: Loc,
    except: Option<BlockId>,
}

impl From<Instr> for Ins {
    fn from(i: Instr) -> Self {
        Ins {
            op: i.op,
            arg: i.arg,
            target: i.target,
            loc: i.loc,
            except: None,
        }
    }
}

fn is_jump(i: &Ins) -> bool {
    i.op.is_jump()
}

fn real(op: Opcode) -> Op {
    Op::Real(op)
}

impl Blk {
    fn last(&self) -> Option<&Ins> {
        self.instrs.last()
    }

    fn is_exit(&self) -> bool {
        self.last().is_some_and(|i| i.op.is_scope_exit())
    }

    fn nofallthrough(&self) -> bool {
        self.last()
            .is_some_and(|i| i.op.is_scope_exit() || i.op.is_unconditional_jump())
    }
}

impl Cfg {
    fn layout(&self) -> Vec<BlockId> {
        let mut out = Vec::new();
        let mut cur = Some(self.entry);
        while let Some(b) = cur {
            out.push(b);
            cur = self.next[b];
        }
        out
    }

    /// Follows empty blocks to the first one with instructions.
    fn skip_empty(&self, mut b: BlockId) -> BlockId {
        while self.blocks[b].instrs.is_empty() {
            match self.next[b] {
                Some(n) => b = n,
                None => break,
            }
        }
        b
    }

    /// Block ids newest first, like CPython's `u_blocks` list.
    fn alloc_order(&self) -> Vec<BlockId> {
        (0..self.blocks.len()).rev().collect()
    }
}

fn truthy(value: &ConstantValue) -> bool {
    match value {
        ConstantValue::None => false,
        ConstantValue::Bool(b) => *b,
        ConstantValue::Int(i) => *i != 0,
        ConstantValue::BigInt(_) => true,
        ConstantValue::Float(f) => *f != 0.0,
        ConstantValue::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        ConstantValue::Str(s) => !s.is_empty(),
        ConstantValue::SurrogateStr(_) => true,
        ConstantValue::Bytes(b) => !b.is_empty(),
        ConstantValue::Tuple(t) | ConstantValue::FrozenSet(t) => !t.is_empty(),
        ConstantValue::Code(_) | ConstantValue::Ellipsis => true,
    }
}

fn pseudo_effect(op: Op, arg: u32, jump: bool) -> i32 {
    match op {
        Op::Real(o) => stack_effect(o, arg, jump),
        Op::Jump | Op::JumpNoInterrupt | Op::PopBlock => 0,
        Op::PopJumpIfFalse | Op::PopJumpIfTrue | Op::PopJumpIfNone | Op::PopJumpIfNotNone => -1,
        Op::SetupFinally | Op::SetupWith => i32::from(jump),
        Op::SetupCleanup => {
            if jump {
                2
            } else {
                0
            }
        }
    }
}

fn instr_size(op: Op, arg: u32) -> u32 {
    let Op::Real(o) = op else {
        return 0;
    };
    let ext = u32::from(arg > 0xFF) + u32::from(arg > 0xFFFF) + u32::from(arg > 0xFF_FFFF);
    ext + 1 + u32::from(o.cache_entries())
}

fn to_location(loc: Loc) -> Location {
    if loc.line < 0 {
        return Location::NONE;
    }
    Location {
        line: loc.line as u32,
        end_line: loc.end_line.max(0) as u32,
        col: loc.col.max(0) as u32,
        end_col: loc.end_col.max(0) as u32,
    }
}

/// Assembles `unit` into a code object; `add_none` makes the implicit return
/// `return None` (a lambda that is a generator returns without a value).
pub fn assemble(mut unit: Unit<'_>, flags: u32, add_none: bool, filename: &Rc<str>) -> CodeObject {
    // Make sure every path that falls off the end returns.
    if !unit.ends_with_return {
        let cur = unit.current;
        if add_none {
            let i = unit.add_const(ConstantValue::None);
            unit.blocks[cur].instrs.push(Instr {
                op: real(Opcode::LOAD_CONST),
                arg: i,
                target: None,
                loc: Loc::NONE,
            });
        }
        unit.blocks[cur].instrs.push(Instr {
            op: real(Opcode::RETURN_VALUE),
            arg: 0,
            target: None,
            loc: Loc::NONE,
        });
    }
    let n = unit.blocks.len();
    let mut next = vec![None; n];
    let mut seen = vec![false; n];
    let mut order = Vec::new();
    for &b in &unit.layout {
        if !seen[b] {
            seen[b] = true;
            order.push(b);
        }
    }
    for w in order.windows(2) {
        next[w[0]] = Some(w[1]);
    }
    let mut cfg = Cfg {
        blocks: unit
            .blocks
            .iter()
            .map(|b| Blk {
                instrs: b.instrs.iter().copied().map(Ins::from).collect(),
                ..Blk::default()
            })
            .collect(),
        next,
        entry: order.first().copied().unwrap_or(0),
    };
    let mut consts = std::mem::take(&mut unit.consts);

    normalize_targets(&mut cfg);
    for b in cfg.alloc_order() {
        extend_block(&mut cfg, b);
    }
    let ncells = unit.cellvars.len();
    let nfree = unit.freevars.len();
    let nlocals = unit.varnames.len();
    // Cells that are also parameters or locals share their slot (CPython's cell2arg).
    let mut fixed: Vec<u32> = (0..(ncells + nfree))
        .map(|i| (nlocals + i) as u32)
        .collect();
    for (ci, name) in unit.cellvars.iter().enumerate() {
        if let Some(vi) = unit.varnames.get_index_of(name) {
            fixed[ci] = vi as u32;
        }
    }
    // co_cellvars lists the cells in slot order: parameter cells first.
    let mut by_slot: Vec<(u32, &String)> = unit
        .cellvars
        .iter()
        .enumerate()
        .map(|(i, n)| (fixed[i], n))
        .collect();
    by_slot.sort();
    let cellvars_in_slot_order: Vec<Rc<str>> =
        by_slot.iter().map(|(_, n)| Rc::from(n.as_str())).collect();
    insert_prefix(&mut cfg, &unit, flags, &fixed);
    fix_cell_offsets(&mut cfg, &mut fixed, nlocals);

    optimize_cfg(&mut cfg, &mut consts);
    duplicate_exits_without_lineno(&mut cfg);
    trim_unused_consts(&cfg, &mut consts);
    propagate_line_numbers(&mut cfg);
    guarantee_lineno_for_exits(&mut cfg, unit.firstlineno as i32);
    let stacksize = stackdepth(&mut cfg, flags);
    label_exception_targets(&mut cfg);
    for b in cfg.layout() {
        for ins in &mut cfg.blocks[b].instrs {
            if ins.op.is_block_push() || ins.op == Op::PopBlock {
                ins.op = real(Opcode::NOP);
                ins.target = None;
                ins.except = None;
            }
        }
    }
    for b in cfg.layout() {
        clean_basic_block(&mut cfg, b);
    }
    normalize_jumps(&mut cfg);
    let (code, locations, exception_table) = emit(&mut cfg);

    CodeObject {
        // co_argcount counts positional-only parameters too.
        argcount: unit.argcount + unit.posonlyargcount,
        posonlyargcount: unit.posonlyargcount,
        kwonlyargcount: unit.kwonlyargcount,
        stacksize: stacksize.max(0) as u32,
        flags: CodeFlags(flags),
        code,
        consts,
        names: unit.names.iter().map(|s| Rc::from(s.as_str())).collect(),
        varnames: unit.varnames.iter().map(|s| Rc::from(s.as_str())).collect(),
        cellvars: cellvars_in_slot_order,
        freevars: unit.freevars.iter().map(|s| Rc::from(s.as_str())).collect(),
        filename: filename.clone(),
        name: Rc::from(unit.name.as_str()),
        qualname: Rc::from(unit.qualname.as_str()),
        firstlineno: unit.firstlineno,
        locations,
        exception_table,
    }
}

/// CPython's `normalize_basic_block`: jump targets skip empty blocks.
fn normalize_targets(cfg: &mut Cfg) {
    for b in 0..cfg.blocks.len() {
        for i in 0..cfg.blocks[b].instrs.len() {
            if let Some(t) = cfg.blocks[b].instrs[i].target {
                let t = cfg.skip_empty(t);
                cfg.blocks[b].instrs[i].target = Some(t);
            }
        }
    }
}

/// Replaces a jump to a small exit block with a copy of that block.
fn extend_block(cfg: &mut Cfg, b: BlockId) {
    let Some(last) = cfg.blocks[b].last().copied() else {
        return;
    };
    if !matches!(
        last.op,
        Op::Jump | Op::Real(Opcode::JUMP_FORWARD) | Op::Real(Opcode::JUMP_BACKWARD)
    ) {
        return;
    }
    let Some(t) = last.target else { return };
    // Only blocks without line numbers (implicit `return None`s) are copied.
    let has_lineno = cfg.blocks[t].instrs.iter().any(|i| i.loc.line > 0);
    if cfg.blocks[t].is_exit() && cfg.blocks[t].instrs.len() <= MAX_COPY_SIZE && !has_lineno {
        let copy = cfg.blocks[t].instrs.clone();
        let blk = &mut cfg.blocks[b];
        if let Some(l) = blk.instrs.last_mut() {
            l.op = real(Opcode::NOP);
            l.target = None;
        }
        blk.instrs.extend(copy);
    }
}

fn insert_prefix(cfg: &mut Cfg, unit: &Unit<'_>, flags: u32, fixed: &[u32]) {
    let mut prefix: Vec<Ins> = Vec::new();
    let none = |op: Opcode, arg: u32| Ins {
        op: real(op),
        arg,
        target: None,
        loc: Loc::NONE,
        except: None,
    };
    if !unit.freevars.is_empty() {
        prefix.push(none(Opcode::COPY_FREE_VARS, unit.freevars.len() as u32));
    }
    // MAKE_CELL in slot order.
    let mut cells: Vec<(u32, u32)> = (0..unit.cellvars.len())
        .map(|i| (fixed[i], i as u32))
        .collect();
    cells.sort();
    for (_, old) in cells {
        prefix.push(none(Opcode::MAKE_CELL, old));
    }
    if flags & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR) != 0 {
        let line = unit.firstlineno as i32;
        prefix.push(Ins {
            op: real(Opcode::RETURN_GENERATOR),
            arg: 0,
            target: None,
            loc: Loc {
                line,
                end_line: line,
                col: -1,
                end_col: -1,
            },
            except: None,
        });
        prefix.push(none(Opcode::POP_TOP, 0));
    }
    let entry = cfg.entry;
    let old = std::mem::take(&mut cfg.blocks[entry].instrs);
    prefix.extend(old);
    cfg.blocks[entry].instrs = prefix;
}

fn fix_cell_offsets(cfg: &mut Cfg, fixed: &mut [u32], nlocals: usize) {
    let mut dropped = 0;
    for (i, slot) in fixed.iter_mut().enumerate() {
        if *slot as usize == i + nlocals {
            *slot -= dropped;
        } else {
            dropped += 1;
        }
    }
    for blk in &mut cfg.blocks {
        for ins in &mut blk.instrs {
            if let Op::Real(
                Opcode::MAKE_CELL
                | Opcode::LOAD_CLOSURE
                | Opcode::LOAD_DEREF
                | Opcode::STORE_DEREF
                | Opcode::DELETE_DEREF
                | Opcode::LOAD_CLASSDEREF,
            ) = ins.op
            {
                if let Some(&slot) = fixed.get(ins.arg as usize) {
                    ins.arg = slot;
                }
            }
        }
    }
}

fn add_const(consts: &mut Vec<ConstantValue>, value: ConstantValue) -> u32 {
    if let Some(i) = consts.iter().position(|c| same_const(c, &value)) {
        return i as u32;
    }
    consts.push(value);
    (consts.len() - 1) as u32
}

fn same_const(a: &ConstantValue, b: &ConstantValue) -> bool {
    match (a, b) {
        (ConstantValue::Float(x), ConstantValue::Float(y)) => x.to_bits() == y.to_bits(),
        (ConstantValue::Tuple(x), ConstantValue::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_const(p, q))
        }
        (ConstantValue::Code(x), ConstantValue::Code(y)) => Rc::ptr_eq(x, y),
        _ => std::mem::discriminant(a) == std::mem::discriminant(b) && a == b,
    }
}

/// Jump threading: retargets `inst` at `target_instr`'s target when both are on
/// the same line (CPython's `jump_thread`). Returns whether it changed anything.
fn jump_thread(inst: &mut Ins, target_instr: &Ins, op: Op) -> bool {
    if inst.loc.line == target_instr.loc.line && inst.target != target_instr.target {
        inst.target = target_instr.target;
        inst.op = op;
        return true;
    }
    false
}

fn optimize_basic_block(cfg: &mut Cfg, b: BlockId, consts: &mut Vec<ConstantValue>) {
    let mut i: isize = 0;
    while (i as usize) < cfg.blocks[b].instrs.len() {
        let iu = i as usize;
        let len = cfg.blocks[b].instrs.len();
        let mut inst = cfg.blocks[b].instrs[iu];
        let nextop = if iu + 1 < len {
            Some(cfg.blocks[b].instrs[iu + 1].op)
        } else {
            None
        };
        let mut target: Option<Ins> = None;
        if is_jump(&inst) || inst.op.is_block_push() {
            if let Some(t) = inst.target {
                let t = cfg.skip_empty(t);
                inst.target = Some(t);
                cfg.blocks[b].instrs[iu].target = Some(t);
                target = cfg.blocks[t].instrs.first().copied();
            }
        }
        let target_op = target.map(|t| t.op);
        let mut step_back = 0;
        match inst.op {
            Op::Real(Opcode::LOAD_CONST) => {
                let value = consts.get(inst.arg as usize).cloned();
                match (nextop, value) {
                    (Some(jop @ (Op::PopJumpIfFalse | Op::PopJumpIfTrue)), Some(v)) => {
                        let is_true = truthy(&v);
                        cfg.blocks[b].instrs[iu].op = real(Opcode::NOP);
                        let jump_if_true = jop == Op::PopJumpIfTrue;
                        cfg.blocks[b].instrs[iu + 1].op = if is_true == jump_if_true {
                            Op::Jump
                        } else {
                            real(Opcode::NOP)
                        };
                    }
                    (
                        Some(
                            jop @ (Op::Real(Opcode::JUMP_IF_FALSE_OR_POP)
                            | Op::Real(Opcode::JUMP_IF_TRUE_OR_POP)),
                        ),
                        Some(v),
                    ) => {
                        let is_true = truthy(&v);
                        let jump_if_true = jop == real(Opcode::JUMP_IF_TRUE_OR_POP);
                        if is_true == jump_if_true {
                            cfg.blocks[b].instrs[iu + 1].op = Op::Jump;
                        } else {
                            cfg.blocks[b].instrs[iu].op = real(Opcode::NOP);
                            cfg.blocks[b].instrs[iu + 1].op = real(Opcode::NOP);
                        }
                    }
                    (Some(Op::Real(Opcode::IS_OP)), Some(ConstantValue::None)) => {
                        let jump_op = cfg.blocks[b].instrs.get(iu + 2).map(|x| x.op);
                        if matches!(jump_op, Some(Op::PopJumpIfFalse | Op::PopJumpIfTrue)) {
                            let nextarg = cfg.blocks[b].instrs[iu + 1].arg;
                            cfg.blocks[b].instrs[iu].op = real(Opcode::NOP);
                            cfg.blocks[b].instrs[iu + 1].op = real(Opcode::NOP);
                            let is_false = jump_op == Some(Op::PopJumpIfFalse);
                            cfg.blocks[b].instrs[iu + 2].op = if (nextarg != 0) ^ is_false {
                                Op::PopJumpIfNotNone
                            } else {
                                Op::PopJumpIfNone
                            };
                        }
                    }
                    _ => {}
                }
            }
            Op::Real(Opcode::BUILD_TUPLE) => {
                let n = inst.arg as usize;
                let unpack = nextop == Some(real(Opcode::UNPACK_SEQUENCE))
                    && cfg.blocks[b].instrs[iu + 1].arg == inst.arg;
                if unpack && n == 1 {
                    cfg.blocks[b].instrs[iu].op = real(Opcode::NOP);
                    cfg.blocks[b].instrs[iu + 1].op = real(Opcode::NOP);
                    i += 1;
                    continue;
                }
                if unpack && (n == 2 || n == 3) {
                    cfg.blocks[b].instrs[iu].op = real(Opcode::NOP);
                    cfg.blocks[b].instrs[iu + 1].op = real(Opcode::SWAP);
                    i += 1;
                    continue;
                }
                if iu >= n {
                    fold_tuple_on_constants(&mut cfg.blocks[b].instrs, iu - n, n, consts);
                }
            }
            Op::Real(Opcode::JUMP_IF_FALSE_OR_POP) => match target_op {
                Some(Op::PopJumpIfFalse) => {
                    if let Some(t) = target {
                        if jump_thread(&mut cfg.blocks[b].instrs[iu], &t, Op::PopJumpIfFalse) {
                            step_back = 1;
                        }
                    }
                }
                Some(Op::Jump | Op::Real(Opcode::JUMP_IF_FALSE_OR_POP)) => {
                    if let Some(t) = target {
                        if jump_thread(
                            &mut cfg.blocks[b].instrs[iu],
                            &t,
                            real(Opcode::JUMP_IF_FALSE_OR_POP),
                        ) {
                            step_back = 1;
                        }
                    }
                }
                Some(Op::Real(Opcode::JUMP_IF_TRUE_OR_POP) | Op::PopJumpIfTrue) => {
                    if let (Some(t), Some(tb)) = (target, inst.target) {
                        if inst.loc.line == t.loc.line {
                            if let Some(after) = cfg.next[tb] {
                                cfg.blocks[b].instrs[iu].op = Op::PopJumpIfFalse;
                                cfg.blocks[b].instrs[iu].target = Some(after);
                                step_back = 1;
                            }
                        }
                    }
                }
                _ => {}
            },
            Op::Real(Opcode::JUMP_IF_TRUE_OR_POP) => match target_op {
                Some(Op::PopJumpIfTrue) => {
                    if let Some(t) = target {
                        if jump_thread(&mut cfg.blocks[b].instrs[iu], &t, Op::PopJumpIfTrue) {
                            step_back = 1;
                        }
                    }
                }
                Some(Op::Jump | Op::Real(Opcode::JUMP_IF_TRUE_OR_POP)) => {
                    if let Some(t) = target {
                        if jump_thread(
                            &mut cfg.blocks[b].instrs[iu],
                            &t,
                            real(Opcode::JUMP_IF_TRUE_OR_POP),
                        ) {
                            step_back = 1;
                        }
                    }
                }
                Some(Op::Real(Opcode::JUMP_IF_FALSE_OR_POP) | Op::PopJumpIfFalse) => {
                    if let (Some(t), Some(tb)) = (target, inst.target) {
                        if inst.loc.line == t.loc.line {
                            if let Some(after) = cfg.next[tb] {
                                cfg.blocks[b].instrs[iu].op = Op::PopJumpIfTrue;
                                cfg.blocks[b].instrs[iu].target = Some(after);
                                step_back = 1;
                            }
                        }
                    }
                }
                _ => {}
            },
            Op::PopJumpIfNone
            | Op::PopJumpIfNotNone
            | Op::PopJumpIfFalse
            | Op::PopJumpIfTrue
            | Op::Jump
                if target_op == Some(Op::Jump) =>
            {
                if let Some(t) = target {
                    if jump_thread(&mut cfg.blocks[b].instrs[iu], &t, inst.op) {
                        step_back = 1;
                    }
                }
            }
            Op::Real(Opcode::SWAP) => {
                if inst.arg == 1 {
                    cfg.blocks[b].instrs[iu].op = real(Opcode::NOP);
                } else {
                    let last = swaptimize(&mut cfg.blocks[b].instrs, iu);
                    apply_static_swaps(&mut cfg.blocks[b].instrs, last);
                    i = last as isize;
                }
            }
            Op::Real(Opcode::PUSH_NULL) => {
                if let Some(next_ins) = cfg.blocks[b].instrs.get(iu + 1).copied() {
                    if next_ins.op == real(Opcode::LOAD_GLOBAL) && next_ins.arg & 1 == 0 {
                        cfg.blocks[b].instrs[iu].op = real(Opcode::NOP);
                        cfg.blocks[b].instrs[iu].arg = 0;
                        cfg.blocks[b].instrs[iu + 1].arg |= 1;
                    }
                }
            }
            _ => {}
        }
        i += 1 - step_back;
    }
}

/// Replaces a run of SWAPs and NOPs starting at `start` with an optimal run of
/// the same effect (CPython's `swaptimize`); returns the index of the run's last
/// instruction.
fn swaptimize(instrs: &mut [Ins], start: usize) -> usize {
    let mut depth = instrs[start].arg as usize;
    let mut len = 1;
    let mut more = false;
    while start + len < instrs.len() {
        let ins = instrs[start + len];
        if ins.op == real(Opcode::SWAP) {
            depth = depth.max(ins.arg as usize);
            more = true;
        } else if ins.op != real(Opcode::NOP) {
            break;
        }
        len += 1;
    }
    if !more || depth == 0 {
        return start;
    }
    // Simulate the run on a stack of item numbers.
    const VISITED: usize = usize::MAX;
    let mut stack: Vec<usize> = (0..depth).collect();
    for ins in &instrs[start..start + len] {
        if ins.op == real(Opcode::SWAP) {
            let k = (ins.arg as usize).saturating_sub(1).min(depth - 1);
            stack.swap(0, k);
        }
    }
    // Rewrite from the end, following each permutation cycle through slot 0.
    let mut current = len as isize - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 && current >= 0 {
                let ins = &mut instrs[start + current as usize];
                ins.op = real(Opcode::SWAP);
                ins.arg = j as u32 + 1;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next = stack[j];
            stack[j] = VISITED;
            j = next;
        }
    }
    while current >= 0 {
        instrs[start + current as usize].op = real(Opcode::NOP);
        current -= 1;
    }
    start + len - 1
}

/// Only these may be reordered: they touch only the top of the stack and pop it.
fn swappable(op: Op) -> bool {
    matches!(op, Op::Real(Opcode::STORE_FAST | Opcode::POP_TOP))
}

fn stores_to(ins: &Ins) -> Option<u32> {
    (ins.op == real(Opcode::STORE_FAST)).then_some(ins.arg)
}

fn next_swappable(instrs: &[Ins], mut i: usize, lineno: Option<i32>) -> Option<usize> {
    loop {
        i += 1;
        let ins = instrs.get(i)?;
        if let Some(line) = lineno {
            if ins.loc.line != line {
                return None;
            }
        }
        if ins.op == real(Opcode::NOP) {
            continue;
        }
        return swappable(ins.op).then_some(i);
    }
}

/// `SWAP n` followed by stores becomes the stores in swapped order (CPython's
/// `apply_static_swaps`).
fn apply_static_swaps(instrs: &mut [Ins], start: usize) {
    let mut i = start as isize;
    while i >= 0 {
        let iu = i as usize;
        let swap = instrs[iu];
        if swap.op != real(Opcode::SWAP) {
            if swap.op == real(Opcode::NOP) || swappable(swap.op) {
                i -= 1;
                continue;
            }
            return;
        }
        let Some(j) = next_swappable(instrs, iu, None) else {
            return;
        };
        let mut k = j;
        let lineno = instrs[j].loc.line;
        for _ in 1..swap.arg {
            match next_swappable(instrs, k, Some(lineno)) {
                Some(next) => k = next,
                None => return,
            }
        }
        let (store_j, store_k) = (stores_to(&instrs[j]), stores_to(&instrs[k]));
        if store_j.is_some() || store_k.is_some() {
            if store_j == store_k {
                return;
            }
            let clash = instrs[j + 1..k]
                .iter()
                .filter_map(stores_to)
                .any(|st| Some(st) == store_j || Some(st) == store_k);
            if clash {
                return;
            }
        }
        instrs[iu].op = real(Opcode::NOP);
        instrs.swap(j, k);
        i -= 1;
    }
}

fn fold_tuple_on_constants(
    instrs: &mut [Ins],
    start: usize,
    n: usize,
    consts: &mut Vec<ConstantValue>,
) {
    if instrs[start..start + n]
        .iter()
        .any(|x| x.op != real(Opcode::LOAD_CONST))
    {
        return;
    }
    let items: Option<Vec<ConstantValue>> = instrs[start..start + n]
        .iter()
        .map(|x| consts.get(x.arg as usize).cloned())
        .collect();
    let Some(items) = items else { return };
    let index = add_const(consts, ConstantValue::Tuple(items.into()));
    for ins in &mut instrs[start..start + n] {
        ins.op = real(Opcode::NOP);
    }
    instrs[start + n].op = real(Opcode::LOAD_CONST);
    instrs[start + n].arg = index;
}

/// Removes NOPs that carry no line number of their own (CPython's `clean_basic_block`).
fn clean_basic_block(cfg: &mut Cfg, b: BlockId) {
    let mut next_line: Option<i32> = None;
    let mut nb = cfg.next[b];
    while let Some(n) = nb {
        if let Some(first) = cfg.blocks[n].instrs.first() {
            next_line = Some(first.loc.line);
            break;
        }
        nb = cfg.next[n];
    }
    let instrs = std::mem::take(&mut cfg.blocks[b].instrs);
    let len = instrs.len();
    let mut out: Vec<Ins> = Vec::with_capacity(len);
    let mut prev_line = -1;
    let mut pending: Vec<Ins> = instrs;
    for src in 0..len {
        let ins = pending[src];
        let line = ins.loc.line;
        if ins.op == real(Opcode::NOP) {
            if line < 0 {
                continue;
            }
            if prev_line == line {
                continue;
            }
            if src + 1 < len {
                let nl = pending[src + 1].loc.line;
                if nl == line {
                    continue;
                }
                if nl < 0 {
                    pending[src + 1].loc = ins.loc;
                    continue;
                }
            } else if next_line == Some(line) {
                continue;
            }
        }
        out.push(ins);
        prev_line = line;
    }
    cfg.blocks[b].instrs = out;
}

fn mark_reachable(cfg: &mut Cfg) {
    for blk in &mut cfg.blocks {
        blk.predecessors = 0;
    }
    let entry = cfg.entry;
    cfg.blocks[entry].predecessors = 1;
    let mut stack = vec![entry];
    while let Some(b) = stack.pop() {
        if let Some(n) = cfg.next[b] {
            if !cfg.blocks[b].nofallthrough() {
                if cfg.blocks[n].predecessors == 0 {
                    stack.push(n);
                }
                cfg.blocks[n].predecessors += 1;
            }
        }
        let targets: Vec<BlockId> = cfg.blocks[b]
            .instrs
            .iter()
            .filter(|i| is_jump(i) || i.op.is_block_push())
            .filter_map(|i| i.target)
            .collect();
        for t in targets {
            if cfg.blocks[t].predecessors == 0 {
                stack.push(t);
            }
            cfg.blocks[t].predecessors += 1;
        }
    }
}

fn eliminate_empty_basic_blocks(cfg: &mut Cfg) {
    let layout = cfg.layout();
    // Relink, skipping empty blocks (the entry is never empty).
    let kept: Vec<BlockId> = layout
        .iter()
        .copied()
        .filter(|&b| !cfg.blocks[b].instrs.is_empty() || b == cfg.entry)
        .collect();
    let mut new_next = cfg.next.clone();
    for &b in &layout {
        new_next[b] = None;
    }
    for w in kept.windows(2) {
        new_next[w[0]] = Some(w[1]);
    }
    // Jumps to empty blocks land on the next non-empty one.
    for &b in &layout {
        if cfg.blocks[b].instrs.is_empty() {
            continue;
        }
        let last = cfg.blocks[b].instrs.len() - 1;
        if let Some(t) = cfg.blocks[b].instrs[last].target {
            if is_jump(&cfg.blocks[b].instrs[last]) {
                let t = cfg.skip_empty(t);
                cfg.blocks[b].instrs[last].target = Some(t);
            }
        }
    }
    cfg.next = new_next;
}

fn optimize_cfg(cfg: &mut Cfg, consts: &mut Vec<ConstantValue>) {
    for b in cfg.layout() {
        optimize_basic_block(cfg, b, consts);
        clean_basic_block(cfg, b);
    }
    for b in cfg.alloc_order() {
        extend_block(cfg, b);
    }
    mark_reachable(cfg);
    for b in cfg.layout() {
        if cfg.blocks[b].predecessors == 0 {
            cfg.blocks[b].instrs.clear();
        }
    }
    eliminate_empty_basic_blocks(cfg);
    for b in cfg.layout() {
        clean_basic_block(cfg, b);
    }
    let mut maybe_empty = false;
    for b in cfg.layout() {
        let next = cfg.next[b];
        if let Some(last) = cfg.blocks[b].instrs.last_mut() {
            if matches!(last.op, Op::Jump | Op::JumpNoInterrupt) && last.target == next {
                last.op = real(Opcode::NOP);
                last.target = None;
                maybe_empty = true;
            }
        }
    }
    if maybe_empty {
        eliminate_empty_basic_blocks(cfg);
    }
}

fn is_exit_without_lineno(blk: &Blk) -> bool {
    blk.is_exit() && blk.instrs.iter().all(|i| i.loc.line < 0)
}

fn duplicate_exits_without_lineno(cfg: &mut Cfg) {
    for b in cfg.alloc_order() {
        let Some(last) = cfg.blocks[b].last().copied() else {
            continue;
        };
        if !is_jump(&last) {
            continue;
        }
        let Some(t) = last.target else { continue };
        if is_exit_without_lineno(&cfg.blocks[t]) && cfg.blocks[t].predecessors > 1 {
            let mut copy = Blk {
                instrs: cfg.blocks[t].instrs.clone(),
                predecessors: 1,
                ..Blk::default()
            };
            if let Some(first) = copy.instrs.first_mut() {
                first.loc = last.loc;
            }
            let id = cfg.blocks.len();
            cfg.blocks.push(copy);
            cfg.next.push(cfg.next[t]);
            cfg.next[t] = Some(id);
            cfg.blocks[t].predecessors -= 1;
            if let Some(l) = cfg.blocks[b].instrs.last_mut() {
                l.target = Some(id);
            }
        }
    }
    for b in cfg.layout() {
        if cfg.blocks[b].instrs.is_empty() || cfg.blocks[b].nofallthrough() {
            continue;
        }
        if let Some(n) = cfg.next[b] {
            if is_exit_without_lineno(&cfg.blocks[n]) {
                let loc = cfg.blocks[b].instrs[cfg.blocks[b].instrs.len() - 1].loc;
                cfg.blocks[n].instrs[0].loc = loc;
            }
        }
    }
}

fn trim_unused_consts(cfg: &Cfg, consts: &mut Vec<ConstantValue>) {
    // The first constant may be the docstring: always kept.
    let mut max_index = 0;
    for b in cfg.layout() {
        for ins in &cfg.blocks[b].instrs {
            if matches!(ins.op, Op::Real(Opcode::LOAD_CONST | Opcode::KW_NAMES)) {
                max_index = max_index.max(ins.arg as usize);
            }
        }
    }
    consts.truncate(max_index + 1);
}

fn propagate_line_numbers(cfg: &mut Cfg) {
    for b in cfg.layout() {
        if cfg.blocks[b].instrs.is_empty() {
            continue;
        }
        let mut prev: Option<Loc> = None;
        for ins in &mut cfg.blocks[b].instrs {
            if ins.loc.line < 0 {
                if let Some(p) = prev {
                    ins.loc = p;
                }
            }
            prev = Some(ins.loc);
        }
        let last = *cfg.blocks[b]
            .instrs
            .last()
            .unwrap_or_else(|| unreachable_block());
        if !cfg.blocks[b].nofallthrough() {
            if let Some(n) = cfg.next[b] {
                if cfg.blocks[n].predecessors == 1 {
                    if let Some(first) = cfg.blocks[n].instrs.first_mut() {
                        if first.loc.line < 0 {
                            first.loc = last.loc;
                        }
                    }
                }
            }
        }
        if is_jump(&last) {
            if let Some(t) = last.target {
                if cfg.blocks[t].predecessors == 1 {
                    if let Some(first) = cfg.blocks[t].instrs.first_mut() {
                        if first.loc.line < 0 {
                            first.loc = last.loc;
                        }
                    }
                }
            }
        }
    }
}

#[cold]
fn unreachable_block() -> &'static Ins {
    // Only reached for an empty block, which the callers skip.
    static NOP: Ins = Ins {
        op: Op::Real(Opcode::NOP),
        arg: 0,
        target: None,
        loc: Loc::NONE,
        except: None,
    };
    &NOP
}

fn guarantee_lineno_for_exits(cfg: &mut Cfg, firstlineno: i32) {
    let mut lineno = firstlineno;
    for b in cfg.layout() {
        let Some(last) = cfg.blocks[b].last().copied() else {
            continue;
        };
        if last.loc.line < 0 {
            if last.op == real(Opcode::RETURN_VALUE) {
                for ins in &mut cfg.blocks[b].instrs {
                    ins.loc.line = lineno;
                }
            }
        } else {
            lineno = last.loc.line;
        }
    }
}

fn stackdepth(cfg: &mut Cfg, flags: u32) -> i32 {
    for blk in &mut cfg.blocks {
        blk.start_depth = None;
    }
    let mut maxdepth = 0;
    let mut stack: Vec<BlockId> = Vec::new();
    let push = |cfg: &mut Cfg, stack: &mut Vec<BlockId>, b: BlockId, depth: i32| {
        if cfg.blocks[b]
            .start_depth
            .is_none_or(|d| d < depth && d < 100)
            && cfg.blocks[b].start_depth.is_none()
        {
            cfg.blocks[b].start_depth = Some(depth);
            stack.push(b);
        }
    };
    let gen =
        flags & (CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR) != 0;
    let entry = cfg.entry;
    push(cfg, &mut stack, entry, i32::from(gen));
    while let Some(b) = stack.pop() {
        let mut depth = cfg.blocks[b].start_depth.unwrap_or(0);
        let mut next = cfg.next[b];
        let instrs = cfg.blocks[b].instrs.clone();
        for ins in &instrs {
            let new_depth = depth + pseudo_effect(ins.op, ins.arg, false);
            maxdepth = maxdepth.max(new_depth);
            if is_jump(ins) || ins.op.is_block_push() {
                let target_depth = depth + pseudo_effect(ins.op, ins.arg, true);
                maxdepth = maxdepth.max(target_depth);
                if let Some(t) = ins.target {
                    push(cfg, &mut stack, t, target_depth);
                }
            }
            depth = new_depth;
            if matches!(ins.op, Op::Jump | Op::JumpNoInterrupt) || ins.op.is_scope_exit() {
                next = None;
                break;
            }
        }
        if let Some(n) = next {
            push(cfg, &mut stack, n, depth);
        }
    }
    maxdepth
}

fn label_exception_targets(cfg: &mut Cfg) {
    for blk in &mut cfg.blocks {
        blk.visited = false;
    }
    let entry = cfg.entry;
    let mut todo: Vec<(BlockId, Vec<BlockId>)> = vec![(entry, Vec::new())];
    cfg.blocks[entry].visited = true;
    while let Some((b, mut except_stack)) = todo.pop() {
        let mut handler = except_stack.last().copied();
        let len = cfg.blocks[b].instrs.len();
        let mut stack_alive = true;
        for i in 0..len {
            let ins = cfg.blocks[b].instrs[i];
            if ins.op.is_block_push() {
                if let Some(t) = ins.target {
                    if !cfg.blocks[t].visited {
                        cfg.blocks[t].visited = true;
                        todo.push((t, except_stack.clone()));
                    }
                    if matches!(ins.op, Op::SetupWith | Op::SetupCleanup) {
                        cfg.blocks[t].preserve_lasti = true;
                    }
                    except_stack.push(t);
                    handler = Some(t);
                }
            } else if ins.op == Op::PopBlock {
                except_stack.pop();
                handler = except_stack.last().copied();
            } else if is_jump(&ins) {
                cfg.blocks[b].instrs[i].except = handler;
                if let Some(t) = ins.target {
                    if !cfg.blocks[t].visited {
                        cfg.blocks[t].visited = true;
                        if !cfg.blocks[b].nofallthrough() {
                            todo.push((t, except_stack.clone()));
                        } else {
                            todo.push((t, std::mem::take(&mut except_stack)));
                            stack_alive = false;
                            break;
                        }
                    }
                }
            } else {
                cfg.blocks[b].instrs[i].except = handler;
            }
        }
        if stack_alive && !cfg.blocks[b].nofallthrough() {
            if let Some(n) = cfg.next[b] {
                if !cfg.blocks[n].visited {
                    cfg.blocks[n].visited = true;
                    todo.push((n, except_stack));
                }
            }
        }
    }
}

fn normalize_jumps(cfg: &mut Cfg) {
    for blk in &mut cfg.blocks {
        blk.visited = false;
    }
    for b in cfg.layout() {
        cfg.blocks[b].visited = true;
        let Some(last) = cfg.blocks[b].last().copied() else {
            continue;
        };
        let Some(t) = last.target else { continue };
        if !is_jump(&last) {
            continue;
        }
        let forward = !cfg.blocks[t].visited;
        use Opcode::*;
        let new_op = match last.op {
            Op::Jump => Some(if forward { JUMP_FORWARD } else { JUMP_BACKWARD }),
            Op::JumpNoInterrupt => Some(if forward {
                JUMP_FORWARD
            } else {
                JUMP_BACKWARD_NO_INTERRUPT
            }),
            Op::PopJumpIfNotNone => Some(if forward {
                POP_JUMP_FORWARD_IF_NOT_NONE
            } else {
                POP_JUMP_BACKWARD_IF_NOT_NONE
            }),
            Op::PopJumpIfNone => Some(if forward {
                POP_JUMP_FORWARD_IF_NONE
            } else {
                POP_JUMP_BACKWARD_IF_NONE
            }),
            Op::PopJumpIfFalse => Some(if forward {
                POP_JUMP_FORWARD_IF_FALSE
            } else {
                POP_JUMP_BACKWARD_IF_FALSE
            }),
            Op::PopJumpIfTrue => Some(if forward {
                POP_JUMP_FORWARD_IF_TRUE
            } else {
                POP_JUMP_BACKWARD_IF_TRUE
            }),
            _ => None,
        };
        if let Some(op) = new_op {
            if let Some(l) = cfg.blocks[b].instrs.last_mut() {
                l.op = real(op);
            }
        }
    }
}

type Emitted = (Vec<CodeUnit>, Vec<Location>, Vec<ExceptionTableEntry>);

fn emit(cfg: &mut Cfg) -> Emitted {
    let layout = cfg.layout();
    // Size instructions until the jump operands (and so EXTENDED_ARGs) settle.
    loop {
        let mut total = 0;
        for &b in &layout {
            cfg.blocks[b].offset = total;
            total += cfg.blocks[b]
                .instrs
                .iter()
                .map(|i| instr_size(i.op, i.arg))
                .sum::<u32>();
        }
        let mut changed = false;
        for &b in &layout {
            let mut pos = cfg.blocks[b].offset;
            for idx in 0..cfg.blocks[b].instrs.len() {
                let ins = cfg.blocks[b].instrs[idx];
                let size = instr_size(ins.op, ins.arg);
                pos += size;
                if let (Op::Real(op), Some(t)) = (ins.op, ins.target) {
                    if op.is_jump() {
                        let target = cfg.blocks[t].offset;
                        let arg = pos.abs_diff(target);
                        cfg.blocks[b].instrs[idx].arg = arg;
                        if instr_size(ins.op, arg) != size {
                            changed = true;
                        }
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut code = Vec::new();
    let mut locations = Vec::new();
    let mut table: Vec<ExceptionTableEntry> = Vec::new();
    let mut current: Option<(BlockId, u32)> = None;
    let close =
        |table: &mut Vec<ExceptionTableEntry>, cfg: &Cfg, h: BlockId, start: u32, end: u32| {
            let blk = &cfg.blocks[h];
            let depth = blk.start_depth.unwrap_or(1) - 1 - i32::from(blk.preserve_lasti);
            table.push(ExceptionTableEntry {
                start,
                end,
                target: blk.offset,
                depth: depth.max(0) as u32,
                lasti: blk.preserve_lasti,
            });
        };
    for &b in &layout {
        for ins in &cfg.blocks[b].instrs {
            let Op::Real(op) = ins.op else { continue };
            let offset = code.len() as u32;
            if ins.except != current.map(|c| c.0) {
                if let Some((h, start)) = current {
                    close(&mut table, cfg, h, start, offset);
                }
                current = ins.except.map(|h| (h, offset));
            }
            let loc = to_location(ins.loc);
            let arg = ins.arg;
            for shift in [24u32, 16, 8] {
                if arg >> shift > 0 {
                    code.push(CodeUnit::new(Opcode::EXTENDED_ARG, (arg >> shift) as u8));
                    locations.push(loc);
                }
            }
            code.push(CodeUnit::new(op, arg as u8));
            locations.push(loc);
            for _ in 0..op.cache_entries() {
                code.push(CodeUnit::new(Opcode::CACHE, 0));
                locations.push(loc);
            }
        }
    }
    if let Some((h, start)) = current {
        close(&mut table, cfg, h, start, code.len() as u32);
    }
    (code, locations, table)
}
