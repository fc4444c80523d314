//! `Value`: every Python value in one 64-bit word (NaN-boxing).
//!
//! All bit tricks live here and nowhere else. Layout of the word:
//! - a float is stored as its own bits; NaNs are canonicalised (sign kept) so no float
//!   ever lands in the tagged space below;
//! - top 16 bits `0xFFF9`: an inline int, 48-bit two's complement payload;
//! - top 16 bits `0xFFFA`: a singleton (`None`, `False`, `True`, `NotImplemented`,
//!   `Ellipsis`, and the internal "null" used for empty stack slots and unbound locals);
//! - top 16 bits `0xFFFB`: a pointer (48-bit address) to a reference-counted [`Object`].
//!
//! Ints outside the inline range live on the heap as big ints, so every Python int is exact.

#[cfg(test)]
mod tests;

use std::marker::PhantomData;
use std::rc::Rc;

use crate::objects::Object;

const TAG_MASK: u64 = 0xFFFF_0000_0000_0000;
const PAYLOAD_MASK: u64 = 0x0000_FFFF_FFFF_FFFF;
const TAG_INT: u64 = 0xFFF9_0000_0000_0000;
const TAG_SPECIAL: u64 = 0xFFFA_0000_0000_0000;
const TAG_PTR: u64 = 0xFFFB_0000_0000_0000;
/// First bit pattern that is not a float (every tag is at or above it).
const FIRST_TAGGED: u64 = 0xFFF9_0000_0000_0000;

const POS_NAN: u64 = 0x7FF8_0000_0000_0000;
const NEG_NAN: u64 = 0xFFF8_0000_0000_0000;

/// Smallest and largest ints stored inline.
pub const INLINE_INT_MIN: i64 = -(1 << 47);
pub const INLINE_INT_MAX: i64 = (1 << 47) - 1;

/// A Python value. Cloning bumps the object's reference count; dropping releases it.
/// `!Send`/`!Sync`: the VM is single-threaded and refcounts are plain cells.
#[repr(transparent)]
pub struct Value {
    bits: u64,
    _not_send: PhantomData<*const ()>,
}

/// The kind of an inline (non-pointer) word, as seen by dispatch code.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Inline {
    Float(f64),
    Int(i64),
    None,
    Bool(bool),
    NotImplemented,
    Ellipsis,
    Null,
    Ptr,
}

impl Value {
    const fn from_bits(bits: u64) -> Value {
        Value {
            bits,
            _not_send: PhantomData,
        }
    }

    pub const NONE: Value = Value::from_bits(TAG_SPECIAL);
    pub const FALSE: Value = Value::from_bits(TAG_SPECIAL | 1);
    pub const TRUE: Value = Value::from_bits(TAG_SPECIAL | 2);
    pub const NOT_IMPLEMENTED: Value = Value::from_bits(TAG_SPECIAL | 3);
    pub const ELLIPSIS: Value = Value::from_bits(TAG_SPECIAL | 4);
    /// Internal "no value": an empty stack slot, an unbound local, CPython's NULL.
    pub const NULL: Value = Value::from_bits(TAG_SPECIAL | 5);

    #[inline]
    pub fn float(f: f64) -> Value {
        if f.is_nan() {
            Value::from_bits(if f.is_sign_negative() {
                NEG_NAN
            } else {
                POS_NAN
            })
        } else {
            Value::from_bits(f.to_bits())
        }
    }

    /// An inline int when `i` fits, `None` otherwise (the caller then boxes a big int).
    #[inline]
    pub fn try_int(i: i64) -> Option<Value> {
        if (INLINE_INT_MIN..=INLINE_INT_MAX).contains(&i) {
            Some(Value::from_bits(TAG_INT | (i as u64 & PAYLOAD_MASK)))
        } else {
            None
        }
    }

    #[inline]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// Takes ownership of one strong count of `obj`.
    pub fn from_object(obj: Rc<Object>) -> Value {
        let ptr = Rc::into_raw(obj) as u64;
        debug_assert_eq!(ptr & TAG_MASK, 0, "heap address wider than 48 bits");
        Value::from_bits(TAG_PTR | ptr)
    }

    #[inline]
    pub fn is_float(&self) -> bool {
        self.bits < FIRST_TAGGED
    }

    #[inline]
    pub fn as_float(&self) -> Option<f64> {
        if self.is_float() {
            Some(f64::from_bits(self.bits))
        } else {
            None
        }
    }

    /// The inline int, if this is one (bools are not included).
    #[inline]
    pub fn as_int(&self) -> Option<i64> {
        if self.bits & TAG_MASK == TAG_INT {
            // Shift up then arithmetic-shift down to sign-extend the 48-bit payload.
            Some(((self.bits << 16) as i64) >> 16)
        } else {
            None
        }
    }

    #[inline]
    pub fn is_ptr(&self) -> bool {
        self.bits & TAG_MASK == TAG_PTR
    }

    #[inline]
    pub fn is_null(&self) -> bool {
        self.bits == Value::NULL.bits
    }

    #[inline]
    pub fn is_none(&self) -> bool {
        self.bits == Value::NONE.bits
    }

    #[inline]
    pub fn as_bool(&self) -> Option<bool> {
        if self.bits == Value::TRUE.bits {
            Some(true)
        } else if self.bits == Value::FALSE.bits {
            Some(false)
        } else {
            None
        }
    }

    /// The object behind a pointer value.
    #[inline]
    pub fn as_object(&self) -> Option<&Object> {
        if self.is_ptr() {
            // SAFETY: pointer values are only made by `from_object`, which leaked one
            // strong count that this value owns, so the object is alive while `self` is.
            Some(unsafe { &*((self.bits & PAYLOAD_MASK) as *const Object) })
        } else {
            None
        }
    }

    pub fn classify(&self) -> Inline {
        if self.is_float() {
            return Inline::Float(f64::from_bits(self.bits));
        }
        match self.bits & TAG_MASK {
            TAG_INT => Inline::Int(((self.bits << 16) as i64) >> 16),
            TAG_PTR => Inline::Ptr,
            _ => match self.bits & PAYLOAD_MASK {
                0 => Inline::None,
                1 => Inline::Bool(false),
                2 => Inline::Bool(true),
                3 => Inline::NotImplemented,
                4 => Inline::Ellipsis,
                _ => Inline::Null,
            },
        }
    }

    /// Identity (`is`): same word. Floats compare by bits, as CPython compares boxes;
    /// two equal floats made separately may or may not be `is`-identical there too.
    #[inline]
    pub fn is(&self, other: &Value) -> bool {
        self.bits == other.bits
    }

    /// A stable id for `id()` and default hashes/reprs.
    pub fn id(&self) -> u64 {
        if self.is_ptr() {
            self.bits & PAYLOAD_MASK
        } else {
            self.bits
        }
    }

    /// The object's reference count, for tests of ownership.
    pub fn ref_count(&self) -> usize {
        if self.is_ptr() {
            let ptr = (self.bits & PAYLOAD_MASK) as *const Object;
            // SAFETY: see `as_object`; we build a temporary Rc without touching counts.
            let rc = std::mem::ManuallyDrop::new(unsafe { Rc::from_raw(ptr) });
            Rc::strong_count(&rc)
        } else {
            0
        }
    }
}

impl Clone for Value {
    #[inline]
    fn clone(&self) -> Value {
        if self.is_ptr() {
            // SAFETY: `self` owns a strong count, so the allocation is alive.
            unsafe { Rc::increment_strong_count((self.bits & PAYLOAD_MASK) as *const Object) };
        }
        Value::from_bits(self.bits)
    }
}

impl Drop for Value {
    #[inline]
    fn drop(&mut self) {
        if self.is_ptr() {
            // SAFETY: this value owns exactly one strong count, released here once.
            unsafe { Rc::decrement_strong_count((self.bits & PAYLOAD_MASK) as *const Object) };
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.classify() {
            Inline::Ptr => match self.as_object() {
                Some(obj) => write!(f, "Object({:?})", obj.kind_name()),
                None => write!(f, "Object(?)"),
            },
            other => write!(f, "{other:?}"),
        }
    }
}
