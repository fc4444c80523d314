//! `int` (and `bool`, its subclass): inline 48-bit ints with overflow checks that
//! promote to heap big ints (`dashu_int::IBig`), CPython's floor division and modulo,
//! repr, hashing modulo 2**61 - 1, and comparisons.

use std::cmp::Ordering;

use dashu_int::IBig;

use crate::builtins::constructors::index_arg;
use crate::interp::Vm;
use crate::objects::typeobj::{BinOp, CompareOp};
use crate::objects::{new_object, Trace};
use crate::value::{Inline, Value};
use crate::PyResult;

/// CPython's numeric hash modulus, 2**61 - 1.
pub const HASH_MODULUS: i64 = (1 << 61) - 1;

/// An int operand: small (inline or bool) or big.
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a IBig),
}

impl IntRef<'_> {
    pub fn to_ibig(&self) -> IBig {
        match self {
            IntRef::Small(i) => IBig::from(*i),
            IntRef::Big(b) => (*b).clone(),
        }
    }

    pub fn to_f64(&self) -> f64 {
        match self {
            IntRef::Small(i) => *i as f64,
            IntRef::Big(b) => b.to_f64().value(),
        }
    }
}

/// The int value of an int or bool, if `v` is one.
pub fn int_ref(v: &Value) -> Option<IntRef<'_>> {
    match v.classify() {
        Inline::Int(i) => Some(IntRef::Small(i)),
        Inline::Bool(b) => Some(IntRef::Small(b as i64)),
        Inline::Ptr => v.as_bigint().map(IntRef::Big),
        _ => None,
    }
}

/// Equality of two ints (or bools); `None` when either is not an int.
pub fn int_eq_value(a: &Value, b: &Value) -> Option<bool> {
    match (int_ref(a)?, int_ref(b)?) {
        (IntRef::Small(x), IntRef::Small(y)) => Some(x == y),
        (x, y) => Some(x.to_ibig() == y.to_ibig()),
    }
}

impl Vm {
    #[inline]
    pub fn new_int(&mut self, i: i64) -> Value {
        match Value::try_int(i) {
            Some(v) => v,
            None => new_object(&self.types.int, BigInt(IBig::from(i))),
        }
    }

    /// A big int, stored inline when it fits.
    pub fn new_bigint(&mut self, i: IBig) -> Value {
        if let Ok(small) = i64::try_from(&i) {
            if let Some(v) = Value::try_int(small) {
                return v;
            }
        }
        new_object(&self.types.int, BigInt(i))
    }

    /// The value as an `i64`, for indices and counts (CPython's
    /// `PyNumber_AsSsize_t`): an int, or an object whose type defines `__index__`;
    /// `None` for anything else, OverflowError past 64 bits.
    pub fn to_i64(&mut self, v: &Value) -> PyResult<Option<i64>> {
        match int_ref(v) {
            Some(IntRef::Small(i)) => Ok(Some(i)),
            Some(IntRef::Big(b)) => match i64::try_from(b) {
                Ok(i) => Ok(Some(i)),
                Err(_) => Err(self.overflow_error("Python int too large to convert to C ssize_t")),
            },
            None => match self.index_dunder(v)? {
                Some(i) => self.to_i64(&i),
                None => Ok(None),
            },
        }
    }

    /// `type(v).__index__(v)` when `v` is an instance of a class that defines it,
    /// checked to return an int as CPython's `PyNumber_Index` does.
    pub fn index_dunder(&mut self, v: &Value) -> PyResult<Option<Value>> {
        if !v.is_kind::<crate::objects::InstanceObj>() {
            return Ok(None);
        }
        let ty = self.type_of(v).clone();
        let Some(f) = self.type_lookup(&ty, "__index__") else {
            return Ok(None);
        };
        let r = self.call(&f, std::slice::from_ref(v))?;
        if int_ref(&r).is_none() {
            let msg = format!("__index__ returned non-int (type {})", self.type_name(&r));
            return Err(self.type_error(&msg));
        }
        Ok(Some(r))
    }
}

pub fn int_repr_string(v: &Value) -> String {
    match int_ref(v) {
        Some(IntRef::Small(i)) => i.to_string(),
        Some(IntRef::Big(b)) => b.to_string(),
        None => String::new(),
    }
}

/// CPython's default `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

pub fn int_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = int_repr_string(v);
    if s.trim_start_matches('-').len() > MAX_STR_DIGITS {
        return Err(vm.value_error(
            "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
        ));
    }
    Ok(vm.new_str(&s))
}

pub fn bool_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(vm.new_str(if v.as_bool() == Some(true) {
        "True"
    } else {
        "False"
    }))
}

/// CPython's int hash: the value modulo 2**61 - 1, sign kept, -1 mapped to -2.
pub fn int_hash_value(v: &IntRef) -> i64 {
    let h = match v {
        IntRef::Small(i) => {
            let m = (i.unsigned_abs() % HASH_MODULUS as u64) as i64;
            if *i < 0 {
                -m
            } else {
                m
            }
        }
        IntRef::Big(b) => {
            let m = IBig::from(HASH_MODULUS);
            let r: IBig = (*b).clone() % &m;
            i64::try_from(&r).unwrap_or(0)
        }
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn int_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Ok(int_ref(v).map(|r| int_hash_value(&r)).unwrap_or(0))
}

pub fn int_bool(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(match int_ref(v) {
        Some(IntRef::Small(i)) => i != 0,
        Some(IntRef::Big(b)) => *b != IBig::ZERO,
        None => true,
    })
}

pub fn int_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let ord = match (int_ref(a), int_ref(b)) {
        (Some(IntRef::Small(x)), Some(IntRef::Small(y))) => x.cmp(&y),
        (Some(x), Some(y)) => x.to_ibig().cmp(&y.to_ibig()),
        _ => return crate::objects::float::float_compare(vm, a, b, op),
    };
    Ok(Value::bool(op.test(ord)))
}

fn floor_div_small(x: i64, y: i64) -> i64 {
    let q = x / y;
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

fn floor_mod_small(x: i64, y: i64) -> i64 {
    let r = x % y;
    if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    }
}

fn floor_divmod_big(x: &IBig, y: &IBig) -> (IBig, IBig) {
    let q = x / y;
    let r = x - &q * y;
    if r != IBig::ZERO && ((r < IBig::ZERO) != (*y < IBig::ZERO)) {
        (q - IBig::ONE, r + y)
    } else {
        (q, r)
    }
}

/// `int op int`; floats and other types are left to `float_binary`/the caller.
/// The value as an i64, when it is one.
#[inline]
fn fits_i64(v: &IntRef<'_>) -> Option<i64> {
    match v {
        IntRef::Small(i) => Some(*i),
        IntRef::Big(b) => i64::try_from(*b).ok(),
    }
}

pub fn int_binary(vm: &mut Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(x), Some(y)) = (int_ref(a), int_ref(b)) else {
        return crate::objects::float::float_binary(vm, op, a, b);
    };
    // Heap ints that fit an i64 (past the 48-bit inline range, e.g. an LCG's
    // `x * 1664525`) take the checked i64 path too instead of big-int arithmetic.
    if let (Some(x), Some(y)) = (fits_i64(&x), fits_i64(&y)) {
        let small = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv | BinOp::Mod if y == 0 => {
                let msg = if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                };
                return Err(vm.zero_division_error(msg));
            }
            BinOp::FloorDiv if !(x == i64::MIN && y == -1) => Some(floor_div_small(x, y)),
            BinOp::Mod if !(x == i64::MIN && y == -1) => Some(floor_mod_small(x, y)),
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            BinOp::RShift if y >= 0 => Some(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            }),
            BinOp::LShift if (0..64).contains(&y) => {
                x.checked_shl(y as u32).filter(|r| r >> y == x)
            }
            BinOp::Pow if y >= 0 => u32::try_from(y).ok().and_then(|e| x.checked_pow(e)),
            _ => None,
        };
        if let Some(r) = small {
            return Ok(vm.new_int(r));
        }
    }
    match op {
        BinOp::TrueDiv => return int_true_divide(vm, &x, &y),
        BinOp::MatMul => return Ok(Value::NOT_IMPLEMENTED),
        _ => {}
    }
    let (bx, by) = (x.to_ibig(), y.to_ibig());
    let r = match op {
        BinOp::Add => bx + by,
        BinOp::Sub => bx - by,
        BinOp::Mul => bx * by,
        BinOp::FloorDiv | BinOp::Mod => {
            if by == IBig::ZERO {
                let msg = if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                };
                return Err(vm.zero_division_error(msg));
            }
            let (q, r) = floor_divmod_big(&bx, &by);
            if op == BinOp::FloorDiv {
                q
            } else {
                r
            }
        }
        BinOp::And => bx & by,
        BinOp::Or => bx | by,
        BinOp::Xor => bx ^ by,
        BinOp::LShift | BinOp::RShift => {
            if by < IBig::ZERO {
                return Err(vm.value_error("negative shift count"));
            }
            let Ok(n) = usize::try_from(&by) else {
                return Err(vm.overflow_error("too many digits in integer"));
            };
            if op == BinOp::LShift {
                bx << n
            } else {
                bx >> n
            }
        }
        BinOp::Pow => {
            if by < IBig::ZERO {
                let (fx, fy) = (x.to_f64(), y.to_f64());
                if fx == 0.0 {
                    return Err(vm.zero_division_error("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::float(fx.powf(fy)));
            }
            let Ok(e) = usize::try_from(&by) else {
                return Err(vm.overflow_error("exponent too large"));
            };
            bx.pow(e)
        }
        BinOp::TrueDiv | BinOp::MatMul => return Ok(Value::NOT_IMPLEMENTED),
    };
    Ok(vm.new_bigint(r))
}

/// `int / int`: exact when both fit in 53 bits (then one float division is correctly
/// rounded); otherwise the quotient is computed on big ints scaled to 64 significant
/// bits, with CPython's OverflowError when it exceeds the float range.
fn int_true_divide(vm: &mut Vm, x: &IntRef, y: &IntRef) -> PyResult<Value> {
    const EXACT: i64 = 1 << 53;
    if let (IntRef::Small(a), IntRef::Small(b)) = (x, y) {
        if *b == 0 {
            return Err(vm.zero_division_error("division by zero"));
        }
        if a.abs() <= EXACT && b.abs() <= EXACT {
            return Ok(Value::float(*a as f64 / *b as f64));
        }
    }
    let (a, b) = (x.to_ibig(), y.to_ibig());
    if b == IBig::ZERO {
        return Err(vm.zero_division_error("division by zero"));
    }
    let neg = (a < IBig::ZERO) != (b < IBig::ZERO);
    use dashu_int::ops::{BitTest, UnsignedAbs};
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    let (na, nb) = (a.bit_len() as i64, b.bit_len() as i64);
    if na - nb > 1025 {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    // Scale so the integer quotient has about 64 significant bits.
    let shift = 64 - (na - nb);
    let q = if shift >= 0 {
        (a << shift as usize) / b
    } else {
        a / (b << (-shift) as usize)
    };
    let qf = q.to_f64().value();
    let mut r = qf;
    let mut s = shift;
    while s > 0 {
        let step = s.min(1000);
        r /= 2f64.powi(step as i32);
        s -= step;
    }
    while s < 0 {
        let step = (-s).min(1000);
        r *= 2f64.powi(step as i32);
        s += step;
    }
    if r.is_infinite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    Ok(Value::float(if neg { -r } else { r }))
}

pub fn int_neg(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match int_ref(v) {
        Some(IntRef::Small(i)) => Ok(vm.new_int(-i)),
        Some(IntRef::Big(b)) => {
            let r = -(b.clone());
            Ok(vm.new_bigint(r))
        }
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

pub fn int_pos(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match int_ref(v) {
        Some(IntRef::Small(i)) => Ok(vm.new_int(i)),
        Some(IntRef::Big(_)) => Ok(v.clone()),
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

pub fn int_invert(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match int_ref(v) {
        Some(IntRef::Small(i)) => Ok(vm.new_int(!i)),
        Some(IntRef::Big(b)) => {
            let r = -(b.clone()) - IBig::ONE;
            Ok(vm.new_bigint(r))
        }
        None => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// Parses an int literal as `int(str, base)` does (underscores, sign, whitespace).
pub fn parse_int(text: &str, base: u32) -> Option<IBig> {
    let t = text.trim();
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut base = base;
    let mut digits = digits;
    let lower = digits.to_ascii_lowercase();
    for (prefix, b) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if lower.starts_with(prefix) && (base == b || base == 0) {
            base = b;
            digits = &digits[2..];
            digits = digits.strip_prefix('_').unwrap_or(digits);
        }
    }
    if base == 0 {
        base = 10;
        if digits.len() > 1
            && digits.starts_with('0')
            && digits.chars().any(|c| c != '0' && c != '_')
        {
            return None;
        }
    }
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let v = IBig::from_str_radix(&clean, base).ok()?;
    Some(if neg { -v } else { v })
}

/// Total order of two int values (used by sorting and min/max fast paths).
pub fn int_cmp(a: &IntRef, b: &IntRef) -> Ordering {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(y),
        _ => a.to_ibig().cmp(&b.to_ibig()),
    }
}

/// A heap int: one outside the inline range of `Value`.
pub struct BigInt(pub IBig);

impl Trace for BigInt {}

// ---- int methods: bit_count, to_bytes, from_bytes, as_integer_ratio, conjugate,
// and the numerator/denominator/real/imag getters ----

/// Binds the arguments of a native function (`given`: positional values, then one
/// value per name in `kwnames`) to the parameters `names`, of which the first
/// `max_pos` may be passed by position and the first `required` must be passed;
/// CPython's argument-clinic error messages.
pub(crate) fn bind_args(
    vm: &mut Vm,
    fname: &str,
    given: &[Value],
    kwnames: &[Value],
    names: &[&str],
    max_pos: usize,
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let npos = given.len() - kwnames.len();
    let (total, most) = (given.len(), names.len());
    if total > most {
        let kw = if npos == 0 { "keyword " } else { "" };
        let s = if most == 1 { "" } else { "s" };
        let msg = format!("{fname}() takes at most {most} {kw}argument{s} ({total} given)");
        return Err(vm.type_error(&msg));
    }
    if npos > max_pos {
        let how = if required < max_pos {
            "at most"
        } else {
            "exactly"
        };
        let s = if max_pos == 1 { "" } else { "s" };
        let msg = format!("{fname}() takes {how} {max_pos} positional argument{s} ({npos} given)");
        return Err(vm.type_error(&msg));
    }
    let mut bound: Vec<Option<Value>> = vec![None; names.len()];
    for (slot, v) in bound.iter_mut().zip(&given[..npos]) {
        *slot = Some(v.clone());
    }
    for (k, v) in kwnames.iter().zip(&given[npos..]) {
        let key = k.as_str().unwrap_or("");
        match names.iter().position(|n| *n == key) {
            Some(i) if i < npos => {
                let msg = format!(
                    "argument for {fname}() given by name ('{key}') and position ({})",
                    i + 1
                );
                return Err(vm.type_error(&msg));
            }
            Some(i) => bound[i] = Some(v.clone()),
            None => {
                let msg = format!("'{key}' is an invalid keyword argument for {fname}()");
                return Err(vm.type_error(&msg));
            }
        }
    }
    if let Some(i) = bound[..required].iter().position(Option::is_none) {
        let msg = format!(
            "{fname}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        );
        return Err(vm.type_error(&msg));
    }
    Ok(bound)
}

/// TypeError unless a method that takes no arguments got none (`qualname`:
/// `int.bit_count`).
pub(crate) fn no_args(
    vm: &mut Vm,
    args: &[Value],
    kwnames: &[Value],
    qualname: &str,
) -> PyResult<()> {
    if !kwnames.is_empty() {
        return Err(vm.type_error(&format!("{qualname}() takes no keyword arguments")));
    }
    if args.len() > 1 {
        let msg = format!("{qualname}() takes no arguments ({} given)", args.len() - 1);
        return Err(vm.type_error(&msg));
    }
    Ok(())
}

/// The error for a method descriptor of `owner` called on another type.
pub(crate) fn descriptor_error(vm: &mut Vm, args: &[Value], name: &str, owner: &str) -> Value {
    let got = match args.first() {
        Some(v) => vm.type_name(v).to_string(),
        None => "NoneType".to_string(),
    };
    let msg =
        format!("descriptor '{name}' for '{owner}' objects doesn't apply to a '{got}' object");
    vm.type_error(&msg)
}

/// The type name CPython's argument errors use (`None` for None).
pub(crate) fn arg_type_name(vm: &Vm, v: &Value) -> String {
    if v.is_none() {
        "None".to_string()
    } else {
        vm.type_name(v).to_string()
    }
}

/// The receiver of an int method as an exact-int value.
fn int_receiver(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<IBig> {
    match args.first().and_then(int_ref) {
        Some(i) => Ok(i.to_ibig()),
        None => Err(descriptor_error(vm, args, name, "int")),
    }
}

/// The `byteorder` argument: whether it is `'little'` (default `'big'`).
fn byteorder_is_little(vm: &mut Vm, v: Option<&Value>, fname: &str) -> PyResult<bool> {
    let Some(v) = v else {
        return Ok(false);
    };
    match v.as_pystr().and_then(|s| s.as_str()) {
        Some("little") => Ok(true),
        Some("big") => Ok(false),
        Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
        None if v.as_pystr().is_some() => {
            Err(vm.value_error("byteorder must be either 'little' or 'big'"))
        }
        None => {
            let msg = format!(
                "{fname}() argument 'byteorder' must be str, not {}",
                arg_type_name(vm, v)
            );
            Err(vm.type_error(&msg))
        }
    }
}

fn int_bit_count(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let n = int_receiver(vm, args, "bit_count")?;
    no_args(vm, args, kwnames, "int.bit_count")?;
    use dashu_int::ops::UnsignedAbs;
    Ok(vm.new_int(n.unsigned_abs().count_ones() as i64))
}

fn int_to_bytes(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let n = int_receiver(vm, args, "to_bytes")?;
    let names = ["length", "byteorder", "signed"];
    let a = bind_args(vm, "to_bytes", &args[1..], kwnames, &names, 2, 0)?;
    let length = match &a[0] {
        Some(v) => index_arg(vm, v)?,
        None => 1,
    };
    if let Some(v) = &a[1] {
        if v.as_pystr().is_none() {
            let msg = format!(
                "to_bytes() argument 'byteorder' must be str, not {}",
                arg_type_name(vm, v)
            );
            return Err(vm.type_error(&msg));
        }
    }
    let signed = match &a[2] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let little = byteorder_is_little(vm, a[1].as_ref(), "to_bytes")?;
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let length = length as usize;
    let negative = n < IBig::ZERO;
    if negative && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    // Bits the value needs: magnitude bits, plus the sign bit when signed (a
    // negative `n` needs the bits of `-n - 1`, as two's complement stores it).
    let needed = {
        use dashu_int::ops::{BitTest, UnsignedAbs};
        let mag = if negative { -&n - IBig::ONE } else { n.clone() };
        match mag.unsigned_abs().bit_len() {
            0 if !negative => 0,
            bits => bits + usize::from(signed),
        }
    };
    // CPython accepts -1 in zero bytes (its sign extension of an empty array).
    let minus_one_in_nothing = length == 0 && n == -IBig::ONE;
    if needed > length.saturating_mul(8) && !minus_one_in_nothing {
        return Err(vm.overflow_error("int too big to convert"));
    }
    // Two's complement over `length` bytes: a negative value is `n + 2**(8*length)`.
    let unsigned = if negative {
        n + (IBig::ONE << (length * 8))
    } else {
        n
    };
    let mut bytes = {
        use dashu_int::ops::UnsignedAbs;
        unsigned.unsigned_abs().to_le_bytes().into_vec()
    };
    bytes.resize(length, 0);
    if !little {
        bytes.reverse();
    }
    Ok(vm.new_bytes(&bytes))
}

/// The bytes of `from_bytes`'s argument: a bytes object or an iterable of ints in
/// `range(0, 256)`.
fn bytes_of(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = v.as_bytes() {
        return Ok(b.to_vec());
    }
    if v.as_pystr().is_some() || int_ref(v).is_some() || v.as_float().is_some() {
        let msg = format!("cannot convert '{}' object to bytes", vm.type_name(v));
        return Err(vm.type_error(&msg));
    }
    let items = match vm.collect_iterable(v) {
        Ok(items) => items,
        Err(e) if vm.isinstance(&e, &vm.types.type_error.clone()) => {
            let msg = format!("cannot convert '{}' object to bytes", vm.type_name(v));
            return Err(vm.type_error(&msg));
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        let i = index_arg(vm, item)?;
        match u8::try_from(i) {
            Ok(b) => out.push(b),
            Err(_) => return Err(vm.value_error("bytes must be in range(0, 256)")),
        }
    }
    Ok(out)
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, a classmethod:
/// `args[0]` is the class.
fn int_from_bytes(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let cls = args
        .first()
        .cloned()
        .unwrap_or_else(|| vm.types.int.clone());
    let names = ["bytes", "byteorder", "signed"];
    let a = bind_args(vm, "from_bytes", &args[1..], kwnames, &names, 2, 1)?;
    if let Some(v) = &a[1] {
        if v.as_pystr().is_none() {
            let msg = format!(
                "from_bytes() argument 'byteorder' must be str, not {}",
                arg_type_name(vm, v)
            );
            return Err(vm.type_error(&msg));
        }
    }
    let signed = match &a[2] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let little = byteorder_is_little(vm, a[1].as_ref(), "from_bytes")?;
    let source = a[0].clone().unwrap_or(Value::NONE);
    let mut bytes = bytes_of(vm, &source)?;
    if !little {
        bytes.reverse();
    }
    let n = if signed {
        IBig::from_le_bytes(&bytes)
    } else {
        IBig::from(dashu_int::UBig::from_le_bytes(&bytes))
    };
    let result = vm.new_bigint(n);
    if cls.is(&vm.types.int) {
        return Ok(result);
    }
    vm.call(&cls, &[result])
}

fn int_as_integer_ratio(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let n = int_receiver(vm, args, "as_integer_ratio")?;
    no_args(vm, args, kwnames, "int.as_integer_ratio")?;
    let num = vm.new_bigint(n);
    let one = vm.new_int(1);
    Ok(vm.new_tuple(vec![num, one]))
}

fn int_conjugate(vm: &mut Vm, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let n = int_receiver(vm, args, "conjugate")?;
    no_args(vm, args, kwnames, "int.conjugate")?;
    Ok(vm.new_bigint(n))
}

/// The getter of `numerator` and `real`: the value as an exact int.
fn int_get_self(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    let n = int_receiver(vm, args, "real")?;
    Ok(vm.new_bigint(n))
}

fn int_get_denominator(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    int_receiver(vm, args, "denominator")?;
    Ok(vm.new_int(1))
}

fn int_get_imag(vm: &mut Vm, args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    int_receiver(vm, args, "imag")?;
    Ok(vm.new_int(0))
}

/// Methods added to `int`'s dict.
pub const INT_METHODS: &[(&str, crate::objects::NativeFn)] = &[
    ("bit_count", int_bit_count),
    ("to_bytes", int_to_bytes),
    ("as_integer_ratio", int_as_integer_ratio),
    ("conjugate", int_conjugate),
];

/// Read-only attributes of ints (properties over these getters).
pub const INT_GETTERS: &[(&str, crate::objects::NativeFn)] = &[
    ("numerator", int_get_self),
    ("denominator", int_get_denominator),
    ("real", int_get_self),
    ("imag", int_get_imag),
];

/// Classmethods of `int`.
pub const INT_CLASSMETHODS: &[(&str, crate::objects::NativeFn)] = &[("from_bytes", int_from_bytes)];
