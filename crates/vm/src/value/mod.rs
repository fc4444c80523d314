//! `Value`: every Python value in one 64-bit word (NaN-boxing, pointers unboxed).
//!
//! All bit tricks live here and nowhere else. Layout of the word:
//! - top 16 bits zero: a pointer (48-bit address) to a heap object's header (see
//!   `objects::heap` for the layout and the reference counting), stored as itself,
//!   so the refcount path tests one shift and uses the word as the address;
//! - a float is stored as its own bits plus 2^48 (`FLOAT_OFFSET`), which moves every
//!   float above the pointers; NaNs are canonicalised (sign kept), so no float lands
//!   in the tagged space below or wraps around into the pointers;
//! - top 16 bits `0xFFFA`: an inline int, 48-bit two's complement payload;
//! - top 16 bits `0xFFFB`: a singleton (`None`, `False`, `True`, `NotImplemented`,
//!   `Ellipsis`, and the internal "null" used for empty stack slots and unbound locals).
//!
//! Ints outside the inline range live on the heap as big ints, so every Python int is exact.

#[cfg(test)]
mod tests;

use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::objects::heap::{self, Header};

const TAG_MASK: u64 = 0xFFFF_0000_0000_0000;
const PAYLOAD_MASK: u64 = 0x0000_FFFF_FFFF_FFFF;
const TAG_INT: u64 = 0xFFFA_0000_0000_0000;
const TAG_SPECIAL: u64 = 0xFFFB_0000_0000_0000;
/// Added to a float's bits: the largest canonical float (`NEG_NAN`) becomes
/// `0xFFF9_0000_0000_0000`, still below the int tag.
const FLOAT_OFFSET: u64 = 1 << 48;
/// First bit pattern that is not a float (every tag is at or above it).
const FIRST_TAGGED: u64 = TAG_INT;

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
            Value::from_bits(
                if f.is_sign_negative() {
                    NEG_NAN
                } else {
                    POS_NAN
                }
                .wrapping_add(FLOAT_OFFSET),
            )
        } else {
            Value::from_bits(f.to_bits().wrapping_add(FLOAT_OFFSET))
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

    /// Wraps a pointer to a live object, taking ownership of one reference.
    ///
    /// # Safety
    /// `h` heads a live object and the caller hands over one reference to it.
    #[inline]
    pub(crate) unsafe fn from_header(h: NonNull<Header>) -> Value {
        let ptr = h.as_ptr() as u64;
        debug_assert_eq!(ptr & TAG_MASK, 0, "heap address wider than 48 bits");
        Value::from_bits(ptr)
    }

    /// A new reference to the object headed by `h`.
    ///
    /// # Safety
    /// `h` heads a live object.
    #[inline]
    pub(crate) unsafe fn from_header_borrowed(h: NonNull<Header>) -> Value {
        // SAFETY: live per the contract; the increment is the new value's reference.
        unsafe {
            h.as_ref().incref();
            Value::from_header(h)
        }
    }

    #[inline]
    pub fn is_float(&self) -> bool {
        self.bits.wrapping_sub(FLOAT_OFFSET) < FIRST_TAGGED - FLOAT_OFFSET
    }

    #[inline]
    pub fn as_float(&self) -> Option<f64> {
        if self.is_float() {
            Some(f64::from_bits(self.bits.wrapping_sub(FLOAT_OFFSET)))
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

    #[inline(always)]
    pub fn is_ptr(&self) -> bool {
        self.bits >> 48 == 0
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

    /// The header of the object behind a pointer value.
    #[inline]
    pub fn header(&self) -> Option<&Header> {
        if self.is_ptr() {
            // SAFETY: pointer values are only made by `from_header`, and this value owns
            // a reference, so the object is alive while `self` is.
            Some(unsafe { &*(self.bits as *const Header) })
        } else {
            None
        }
    }

    /// Drops a value the caller knows is a pointer (it matched the object's kind),
    /// without testing the tag again.
    ///
    /// # Safety
    /// `self` is a pointer value.
    #[inline(always)]
    pub(crate) unsafe fn drop_known_ptr(self) {
        debug_assert!(self.is_ptr());
        // SAFETY: a pointer value per the contract, made from a non-null header.
        let h = unsafe { NonNull::new_unchecked(self.bits as *mut Header) };
        std::mem::forget(self);
        // SAFETY: this value owned one reference, released here once.
        unsafe {
            if h.as_ref().decref_is_last() {
                heap::release(h);
            }
        }
    }

    #[inline(always)]
    pub(crate) fn header_ptr(&self) -> Option<NonNull<Header>> {
        if self.is_ptr() {
            // SAFETY: pointer values are only made by `from_header` from a non-null
            // header pointer (no null check on the refcount path).
            Some(unsafe { NonNull::new_unchecked(self.bits as *mut Header) })
        } else {
            None
        }
    }

    pub fn classify(&self) -> Inline {
        if let Some(f) = self.as_float() {
            return Inline::Float(f);
        }
        if self.is_ptr() {
            return Inline::Ptr;
        }
        match self.bits & TAG_MASK {
            TAG_INT => Inline::Int(((self.bits << 16) as i64) >> 16),
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
        self.bits
    }

    /// The object's reference count, for tests of ownership.
    pub fn ref_count(&self) -> usize {
        self.header().map_or(0, |h| h.ref_count() as usize)
    }
}

impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Value {
        if let Some(h) = self.header() {
            h.incref();
        }
        Value::from_bits(self.bits)
    }
}

impl Drop for Value {
    #[inline(always)]
    fn drop(&mut self) {
        if let Some(h) = self.header_ptr() {
            // SAFETY: this value owns one reference, released here once.
            unsafe {
                if h.as_ref().decref_is_last() {
                    heap::release(h);
                }
            }
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.classify() {
            Inline::Ptr => match self.header() {
                Some(h) => write!(f, "Object({})", h.kind().name()),
                None => write!(f, "Object(?)"),
            },
            other => write!(f, "{other:?}"),
        }
    }
}
