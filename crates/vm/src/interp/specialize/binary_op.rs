//! `BINARY_OP` specializations: `+ - *` on two inline ints or two floats and `+` on
//! two strs (CPython 3.11's set), plus two Coil additions that keep the fast paths
//! the generic handler used to have: `BINARY_OP_INT` for the other int operators and
//! `BINARY_OP_FLOAT` for `+ - * /` with a float and a float or an int.

use bytecode::Opcode;

use super::{adaptive_due, miss, settle};
use crate::interp::Vm;
use crate::objects::typeobj::BinOp;
use crate::objects::Code;
use crate::value::Value;
use crate::PyResult;

/// `NB_*` operator numbers (in-place forms are `+ 13`).
const NB_ADD: u32 = 0;
const NB_MULTIPLY: u32 = 5;
const NB_SUBTRACT: u32 = 10;
const NB_TRUE_DIVIDE: u32 = 11;

impl Vm {
    /// The unspecialized operation: pops both operands, pushes the result.
    pub(crate) fn binary_op_generic(&mut self, oparg: u32) -> PyResult<()> {
        let (op, inplace) = BinOp::from_arg(oparg);
        let b = self.pop();
        let a = self.pop();
        let v = self.binary_op(&a, &b, op, inplace)?;
        self.push(v);
        Ok(())
    }

    pub(crate) fn binary_op_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        if adaptive_due(code, Opcode::BINARY_OP_ADAPTIVE, at) {
            let choice = self.choose_binary_op(oparg);
            settle(code, at, Opcode::BINARY_OP_ADAPTIVE, choice);
        }
        self.binary_op_generic(oparg)
    }

    fn choose_binary_op(&self, oparg: u32) -> Option<Opcode> {
        let (a, b) = (self.peek(2), self.peek(1));
        let base = oparg % 13;
        let inline_ints = a.as_int().is_some() && b.as_int().is_some();
        if !inline_ints && self.is_exact_int(&a) && self.is_exact_int(&b) {
            return match base {
                NB_ADD => Some(Opcode::BINARY_OP_ADD_INT),
                NB_SUBTRACT => Some(Opcode::BINARY_OP_SUBTRACT_INT),
                NB_MULTIPLY => Some(Opcode::BINARY_OP_MULTIPLY_INT),
                _ => None,
            };
        }
        if inline_ints {
            return Some(match base {
                NB_ADD => Opcode::BINARY_OP_ADD_INT,
                NB_SUBTRACT => Opcode::BINARY_OP_SUBTRACT_INT,
                NB_MULTIPLY => Opcode::BINARY_OP_MULTIPLY_INT,
                _ if int_fast(1, 1, oparg).is_some() => Opcode::BINARY_OP_INT,
                _ => return None,
            });
        }
        if a.is_float() && b.is_float() {
            return Some(match base {
                NB_ADD => Opcode::BINARY_OP_ADD_FLOAT,
                NB_SUBTRACT => Opcode::BINARY_OP_SUBTRACT_FLOAT,
                NB_MULTIPLY => Opcode::BINARY_OP_MULTIPLY_FLOAT,
                NB_TRUE_DIVIDE => Opcode::BINARY_OP_FLOAT,
                _ => return None,
            });
        }
        if (a.is_float() || b.is_float()) && float_fast(&a, &b, oparg).is_some() {
            return Some(Opcode::BINARY_OP_FLOAT);
        }
        if base == NB_ADD && self.is_exact_str(&a) && self.is_exact_str(&b) {
            return Some(Opcode::BINARY_OP_ADD_UNICODE);
        }
        None
    }

    /// A str whose type is exactly `str` (a subclass may override `__add__`).
    #[inline(always)]
    pub(crate) fn is_exact_str(&self, v: &Value) -> bool {
        v.as_pystr().is_some() && self.type_of(v).is(&self.types.str)
    }

    #[cold]
    #[inline(never)]
    fn binary_op_miss(&mut self, code: &Code, at: usize, oparg: u32) -> PyResult<()> {
        miss(code, at);
        self.binary_op_generic(oparg)
    }

    /// `BINARY_OP_ADD_INT`, `_SUBTRACT_INT`, `_MULTIPLY_INT`: two inline ints.
    #[inline(always)]
    pub(crate) fn binary_op_int_arith(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
        op: Opcode,
    ) -> PyResult<()> {
        // Inline ints are 48-bit: sums and differences cannot overflow an i64; a
        // product past i64 is still an int, for the generic path.
        self.binary_op_ints(code, at, oparg, |x, y| match op {
            Opcode::BINARY_OP_ADD_INT => Some(x + y),
            Opcode::BINARY_OP_SUBTRACT_INT => Some(x - y),
            _ => x.checked_mul(y),
        })
    }

    /// The int forms: `compute` on two inline ints, or the generic path when it has
    /// no inline result (overflow, division by zero, a negative shift). Big ints are
    /// ints too (CPython's forms cover every exact int): a loop whose values outgrow
    /// the inline range is not a type change, so only other types count as misses.
    #[inline(always)]
    fn binary_op_ints(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
        compute: impl Fn(i64, i64) -> Option<i64>,
    ) -> PyResult<()> {
        if let Some((x, y)) = self.top2_ints() {
            if let Some(r) = compute(x, y) {
                let v = self.new_int(r);
                self.set_top2(v);
                return Ok(());
            }
            return self.binary_op_generic(oparg);
        }
        let (a, b) = (self.peek(2), self.peek(1));
        if self.is_exact_int(&a) && self.is_exact_int(&b) {
            // One or both big: int arithmetic straight away. For two exact ints the
            // generic path (method lookup, reflected operands) always ends there.
            let (op, _) = BinOp::from_arg(oparg);
            let r = crate::objects::int::int_binary(self, op, &a, &b)?;
            if r.is(&Value::NOT_IMPLEMENTED) {
                return self.binary_op_generic(oparg);
            }
            self.set_top2(r);
            return Ok(());
        }
        self.binary_op_miss(code, at, oparg)
    }

    /// The two values on top as inline ints, if both are.
    #[inline(always)]
    fn top2_ints(&self) -> Option<(i64, i64)> {
        self.top2()
            .and_then(|(a, b)| Some((a.as_int()?, b.as_int()?)))
    }

    /// An int whose type is exactly `int`, inline or big (not a bool).
    #[inline]
    fn is_exact_int(&self, v: &Value) -> bool {
        v.as_int().is_some() || (v.as_bigint().is_some() && self.type_of(v).is(&self.types.int))
    }

    /// `BINARY_OP_ADD_FLOAT`, `_SUBTRACT_FLOAT`, `_MULTIPLY_FLOAT`: two floats.
    #[inline(always)]
    pub(crate) fn binary_op_float_arith(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
        op: Opcode,
    ) -> PyResult<()> {
        let floats = self
            .top2()
            .and_then(|(a, b)| Some((a.as_float()?, b.as_float()?)));
        if let Some((x, y)) = floats {
            let r = match op {
                Opcode::BINARY_OP_ADD_FLOAT => x + y,
                Opcode::BINARY_OP_SUBTRACT_FLOAT => x - y,
                _ => x * y,
            };
            self.set_top2(Value::float(r));
            return Ok(());
        }
        self.binary_op_miss(code, at, oparg)
    }

    /// `BINARY_OP_INT` (Coil): `// % & | ^ >>` on two inline ints.
    #[inline(always)]
    pub(crate) fn binary_op_int_other(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        // Division by zero or a negative shift: the generic path raises.
        self.binary_op_ints(code, at, oparg, |x, y| int_fast(x, y, oparg))
    }

    /// `BINARY_OP_FLOAT` (Coil): `+ - * /` with a float and a float or inline int.
    #[inline(always)]
    pub(crate) fn binary_op_float_mixed(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        if let Some(r) = self.top2().and_then(|(a, b)| float_fast(a, b, oparg)) {
            self.set_top2(Value::float(r));
            return Ok(());
        }
        self.binary_op_miss(code, at, oparg)
    }

    /// `BINARY_OP_ADD_UNICODE`: two exact strs.
    pub(crate) fn binary_op_add_unicode(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        let (a, b) = (self.peek(2), self.peek(1));
        if self.is_exact_str(&a) && self.is_exact_str(&b) {
            let (Some(x), Some(y)) = (a.as_pystr(), b.as_pystr()) else {
                return self.binary_op_miss(code, at, oparg);
            };
            let v = crate::objects::str::str_concat(self, x, y);
            let len = self.stack.len();
            self.stack.truncate(len - 2);
            self.stack.push(v);
            return Ok(());
        }
        self.binary_op_miss(code, at, oparg)
    }
}

/// `x op y` for two inline ints when the result is exact in an i64 and no error is
/// possible (division by zero and negative shifts take the slow path for their errors).
#[inline(always)]
pub(crate) fn int_fast(x: i64, y: i64, oparg: u32) -> Option<i64> {
    // Inline ints are 48-bit, so sums, differences and quotients cannot overflow i64.
    match oparg {
        0 | 13 => Some(x + y),
        10 | 23 => Some(x - y),
        5 | 18 => x.checked_mul(y),
        1 | 14 => Some(x & y),
        7 | 20 => Some(x | y),
        12 | 25 => Some(x ^ y),
        9 | 22 if y >= 0 => Some(x >> y.min(63)),
        2 | 15 if y != 0 => {
            // Python's floor division rounds toward negative infinity.
            let q = x / y;
            Some(if x % y != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            })
        }
        6 | 19 if y != 0 => {
            // Python's remainder takes the sign of the divisor.
            let r = x % y;
            Some(if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            })
        }
        _ => None,
    }
}

/// `a op b` for two floats or a float and an inline int, when no error is possible.
#[inline(always)]
pub(crate) fn float_fast(a: &Value, b: &Value, oparg: u32) -> Option<f64> {
    let x = a.as_float().or_else(|| a.as_int().map(|i| i as f64))?;
    let y = b.as_float().or_else(|| b.as_int().map(|i| i as f64))?;
    if !a.is_float() && !b.is_float() {
        return None;
    }
    match oparg {
        0 | 13 => Some(x + y),
        10 | 23 => Some(x - y),
        5 | 18 => Some(x * y),
        11 | 24 if y != 0.0 => Some(x / y),
        _ => None,
    }
}
