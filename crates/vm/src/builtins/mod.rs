//! The builtin types and the `builtins` namespace.
//!
//! `Types` holds every builtin type object (created once per VM, before any code
//! runs); `init` fills each type's methods and the `builtins` dict with the builtin
//! functions, one file per family.

pub(crate) mod constructors;
mod eval;
mod functions;
mod io;
mod iteration;
mod numeric;
mod slot_wrappers;

use std::rc::Rc;

use crate::interp::Vm;
use crate::modules::weakref;
use crate::objects::typeobj::{CallFn, Layout, Slots};
use crate::objects::MethodObj;
use crate::objects::{self, new_object, Builtin, NativeFn};
use crate::value::Value;
use crate::PyResult;

macro_rules! types_struct {
    ($($field:ident),* $(,)?) => {
        /// Every builtin type object.
        pub struct Types {
            $(pub $field: Value,)*
        }

        impl Types {
            /// All of them, in declaration order (bases before subclasses).
            pub fn all(&self) -> Vec<Value> {
                vec![$(self.$field.clone(),)*]
            }
        }
    };
}

types_struct!(
    object,
    type_,
    int,
    bool,
    float,
    complex,
    str,
    bytes,
    bytearray,
    list,
    tuple,
    dict,
    set,
    frozenset,
    range,
    slice,
    function,
    builtin_function,
    method,
    none_type,
    not_implemented_type,
    ellipsis_type,
    cell,
    code,
    module,
    list_iterator,
    tuple_iterator,
    str_iterator,
    bytes_iterator,
    bytearray_iterator,
    range_iterator,
    dict_iterator,
    set_iterator,
    enumerate,
    zip,
    map,
    filter,
    reversed,
    dict_keys,
    dict_values,
    dict_items,
    super_,
    property,
    staticmethod,
    classmethod,
    generator,
    base_exception,
    exception,
    base_exception_group,
    exception_group,
    system_exit,
    keyboard_interrupt,
    generator_exit,
    arithmetic_error,
    zero_division_error,
    overflow_error,
    assertion_error,
    attribute_error,
    lookup_error,
    index_error,
    key_error,
    name_error,
    unbound_local_error,
    runtime_error,
    recursion_error,
    not_implemented_error,
    stop_iteration,
    type_error,
    value_error,
    system_error,
    import_error,
    module_not_found_error,
    os_error,
    unicode_error,
    unicode_decode_error,
    unicode_encode_error,
    eof_error,
    syntax_error,
    memory_error,
    reference_error,
    weakref,
    weakproxy,
    weakcallableproxy,
    member_descriptor,
    mappingproxy,
    generic_alias,
);

fn make_type(
    name: &str,
    base: Option<&Value>,
    layout: Layout,
    slots: Slots,
    constructor: Option<CallFn>,
) -> Value {
    let (bases, mro) = match base {
        Some(b) => {
            let mut mro = vec![b.clone()];
            if let Some(t) = b.as_type() {
                mro.extend(t.mro.iter().cloned());
            }
            (vec![b.clone()], mro)
        }
        None => (Vec::new(), Vec::new()),
    };
    crate::objects::typeobj::new_builtin_type(crate::objects::typeobj::BuiltinType {
        name,
        module: None,
        bases,
        mro,
        slots,
        layout,
        constructor,
    })
}

fn identity_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Ok((v.id() >> 4) as i64)
}

fn none_repr(vm: &mut Vm, _v: &Value) -> PyResult<Value> {
    Ok(vm.new_str("None"))
}

fn not_implemented_repr(vm: &mut Vm, _v: &Value) -> PyResult<Value> {
    Ok(vm.new_str("NotImplemented"))
}

fn ellipsis_repr(vm: &mut Vm, _v: &Value) -> PyResult<Value> {
    Ok(vm.new_str("Ellipsis"))
}

fn type_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = match v.as_type() {
        Some(t) => match &t.module {
            Some(m) if &**m != "builtins" => format!("<class '{m}.{}'>", t.name),
            _ => format!("<class '{}'>", t.name),
        },
        None => "<class ?>".into(),
    };
    Ok(vm.new_str(&s))
}

fn function_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = match v.as_function() {
        Some(f) => {
            let qualname = f
                .dict_attr("__qualname__")
                .and_then(|q| q.as_str().map(str::to_owned))
                .unwrap_or_else(|| f.qualname.to_string());
            format!("<function {qualname} at {:#014x}>", v.id())
        }
        None => "<function>".into(),
    };
    Ok(vm.new_str(&s))
}

fn builtin_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = match v.as_builtin() {
        Some(b) if !b.this.is_null() => {
            let tn = vm.type_name(&b.this);
            format!(
                "<built-in method {} of {tn} object at {:#014x}>",
                b.name,
                b.this.id()
            )
        }
        Some(b) => format!("<built-in function {}>", b.name),
        None => "<built-in function>".into(),
    };
    Ok(vm.new_str(&s))
}

fn method_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some(MethodObj { func, this }) = v.downcast::<MethodObj>() else {
        return Ok(vm.new_str("<bound method>"));
    };
    let name = match func.as_function() {
        Some(f) => f.qualname.to_string(),
        None => "?".into(),
    };
    let (func, this) = (func.clone(), this.clone());
    let _ = func;
    let r = vm.repr(&this)?;
    Ok(vm.new_str(&format!("<bound method {name} of {r}>")))
}

fn object_init(_vm: &mut Vm, _args: &[Value], _kw: &[Value]) -> PyResult<Value> {
    Ok(Value::NONE)
}

impl Types {
    pub fn new() -> Types {
        use objects::{
            bytes, complex, dict, exception, float, frozenset, int, iter, list, range, set, slice,
            str as s, tuple,
        };
        let object = make_type(
            "object",
            None,
            Layout::Object,
            Slots {
                hash: Some(identity_hash),
                ..Slots::default()
            },
            Some(constructors::object_new),
        );
        let o = Some(&object);
        let type_ = make_type(
            "type",
            o,
            Layout::Type,
            Slots {
                repr: Some(type_repr),
                hash: Some(identity_hash),
                call: Some(objects::class::type_call),
                ..Slots::default()
            },
            None,
        );
        let int_slots = Slots {
            repr: Some(int::int_repr),
            hash: Some(int::int_hash),
            richcompare: Some(int::int_compare),
            binary: Some(int::int_binary),
            neg: Some(int::int_neg),
            pos: Some(int::int_pos),
            invert: Some(int::int_invert),
            bool: Some(int::int_bool),
            ..Slots::default()
        };
        let int_t = make_type(
            "int",
            o,
            Layout::Int,
            int_slots,
            Some(constructors::int_new),
        );
        let bool_t = make_type(
            "bool",
            Some(&int_t),
            Layout::Bool,
            Slots {
                repr: Some(int::bool_repr),
                ..int_slots
            },
            Some(constructors::bool_new),
        );
        let float_t = make_type(
            "float",
            o,
            Layout::Float,
            Slots {
                repr: Some(float::float_repr),
                hash: Some(float::float_hash),
                richcompare: Some(float::float_compare),
                binary: Some(float::float_binary),
                neg: Some(float::float_neg),
                pos: Some(float::float_pos),
                bool: Some(float::float_bool),
                ..Slots::default()
            },
            Some(constructors::float_new),
        );
        let str_t = make_type(
            "str",
            o,
            Layout::Str,
            Slots {
                repr: Some(s::str_repr),
                str: Some(s::str_str),
                hash: Some(s::str_hash),
                len: Some(s::str_len),
                getitem: Some(s::str_getitem),
                richcompare: Some(s::str_compare),
                binary: Some(s::str_binary),
                bool: Some(s::str_bool),
                contains: Some(s::str_contains),
                ..Slots::default()
            },
            Some(constructors::str_new),
        );
        let list_t = make_type(
            "list",
            o,
            Layout::List,
            Slots {
                repr: Some(list::list_repr),
                len: Some(list::list_len),
                getitem: Some(list::list_getitem),
                setitem: Some(list::list_setitem),
                delitem: Some(list::list_delitem),
                richcompare: Some(list::list_compare),
                binary: Some(list::list_binary),
                bool: Some(list::list_bool),
                contains: Some(list::list_contains),
                ..Slots::default()
            },
            Some(constructors::list_new),
        );
        let tuple_t = make_type(
            "tuple",
            o,
            Layout::Tuple,
            Slots {
                repr: Some(tuple::tuple_repr),
                hash: Some(tuple::tuple_hash),
                len: Some(tuple::tuple_len),
                getitem: Some(tuple::tuple_getitem),
                richcompare: Some(tuple::tuple_compare),
                binary: Some(tuple::tuple_binary),
                bool: Some(tuple::tuple_bool),
                contains: Some(tuple::tuple_contains),
                ..Slots::default()
            },
            Some(constructors::tuple_new),
        );
        let dict_t = make_type(
            "dict",
            o,
            Layout::Dict,
            Slots {
                repr: Some(dict::dict_repr),
                len: Some(dict::dict_len),
                getitem: Some(dict::dict_getitem),
                setitem: Some(dict::dict_setitem),
                delitem: Some(dict::dict_delitem),
                iter: Some(dict::dict_iter),
                richcompare: Some(dict::dict_compare),
                binary: Some(dict::dict_binary),
                bool: Some(dict::dict_bool),
                contains: Some(dict::dict_contains),
                ..Slots::default()
            },
            Some(constructors::dict_new),
        );
        let set_t = make_type(
            "set",
            o,
            Layout::Set,
            Slots {
                repr: Some(set::set_repr),
                len: Some(set::set_len),
                iter: Some(set::set_iter),
                richcompare: Some(set::set_compare),
                binary: Some(set::set_binary),
                contains: Some(set::set_contains),
                bool: Some(set::set_bool),
                ..Slots::default()
            },
            Some(constructors::set_new),
        );
        let frozenset_t = make_type(
            "frozenset",
            o,
            Layout::FrozenSet,
            Slots {
                repr: Some(set::set_repr),
                hash: Some(frozenset::frozenset_hash),
                len: Some(set::set_len),
                iter: Some(set::set_iter),
                richcompare: Some(set::set_compare),
                binary: Some(set::set_binary),
                contains: Some(set::set_contains),
                bool: Some(set::set_bool),
                ..Slots::default()
            },
            Some(frozenset::frozenset_new),
        );
        let complex_t = make_type(
            "complex",
            o,
            Layout::Complex,
            Slots {
                repr: Some(complex::complex_repr),
                hash: Some(complex::complex_hash),
                richcompare: Some(complex::complex_compare),
                binary: Some(complex::complex_binary),
                neg: Some(complex::complex_neg),
                pos: Some(complex::complex_pos),
                bool: Some(complex::complex_bool),
                ..Slots::default()
            },
            Some(complex::complex_new),
        );
        let bytes_t = make_type(
            "bytes",
            o,
            Layout::Bytes,
            Slots {
                repr: Some(bytes::bytes_repr),
                hash: Some(bytes::bytes_hash),
                len: Some(bytes::bytes_len),
                getitem: Some(bytes::bytes_getitem),
                richcompare: Some(bytes::bytes_compare),
                binary: Some(bytes::bytes_binary),
                bool: Some(bytes::bytes_bool),
                contains: Some(bytes::bytes_contains),
                ..Slots::default()
            },
            Some(bytes::bytes_new),
        );
        let bytearray_t = {
            use objects::bytearray as ba;
            make_type(
                "bytearray",
                o,
                Layout::Internal,
                Slots {
                    repr: Some(ba::bytearray_repr),
                    len: Some(ba::bytearray_len),
                    getitem: Some(ba::bytearray_getitem),
                    setitem: Some(ba::bytearray_setitem),
                    delitem: Some(ba::bytearray_delitem),
                    iter: Some(ba::bytearray_iter),
                    richcompare: Some(bytes::bytes_compare),
                    binary: Some(ba::bytearray_binary),
                    bool: Some(ba::bytearray_bool),
                    contains: Some(ba::bytearray_contains),
                    ..Slots::default()
                },
                Some(ba::bytearray_new),
            )
        };
        let range_t = make_type(
            "range",
            o,
            Layout::Internal,
            Slots {
                repr: Some(range::range_repr),
                len: Some(range::range_length),
                getitem: Some(range::range_getitem),
                contains: Some(range::range_contains),
                bool: Some(range::range_bool),
                hash: Some(range::range_hash),
                richcompare: Some(range::range_compare),
                ..Slots::default()
            },
            Some(constructors::range_new),
        );
        let slice_t = make_type(
            "slice",
            o,
            Layout::Internal,
            Slots {
                repr: Some(slice::slice_repr),
                richcompare: Some(slice::slice_compare),
                ..Slots::default()
            },
            Some(constructors::slice_new),
        );
        let internal = |name: &str, slots: Slots| {
            make_type(name, Some(&object), Layout::Internal, slots, None)
        };
        let iter_slots = Slots {
            iter: Some(iter::iter_self),
            next: Some(iter::builtin_iter_next),
            hash: Some(identity_hash),
            ..Slots::default()
        };
        let view_slots = Slots {
            repr: Some(dict::view_repr),
            iter: Some(dict::view_iter),
            len: Some(dict::view_len),
            contains: Some(dict::view_contains),
            ..Slots::default()
        };
        let proxy_slots = Slots {
            repr: Some(weakref::ref_repr),
            str: Some(weakref::proxy_str),
            hash: Some(weakref::proxy_hash),
            len: Some(weakref::proxy_len),
            bool: Some(weakref::proxy_bool),
            getitem: Some(weakref::proxy_getitem),
            setitem: Some(weakref::proxy_setitem),
            richcompare: Some(weakref::proxy_compare),
            ..Slots::default()
        };
        let hashable = Slots {
            hash: Some(identity_hash),
            ..Slots::default()
        };
        let base_exception = make_type(
            "BaseException",
            o,
            Layout::Exception,
            Slots {
                repr: Some(exception::exception_repr),
                str: Some(exception::exception_str_slot),
                hash: Some(identity_hash),
                ..Slots::default()
            },
            Some(exception::exception_new),
        );
        let exc = |name: &str, base: &Value| {
            make_type(name, Some(base), Layout::Exception, Slots::default(), None)
        };
        let exception = inherit_exc(exc("Exception", &base_exception), &base_exception);
        let e = |name: &str, base: &Value| inherit_exc(exc(name, base), base);
        let arithmetic_error = e("ArithmeticError", &exception);
        let lookup_error = e("LookupError", &exception);
        let name_error = e("NameError", &exception);
        let runtime_error = e("RuntimeError", &exception);
        let import_error = e("ImportError", &exception);
        let value_error = e("ValueError", &exception);
        let unicode_error = e("UnicodeError", &value_error);
        let (base_exception_group, exception_group) =
            objects::exception_group::make_types(&base_exception, &exception);
        let generic_alias = objects::generic_alias::new_type(&object);
        Types {
            generic_alias,
            int: int_t,
            bool: bool_t,
            float: float_t,
            complex: complex_t,
            bytes: bytes_t,
            bytearray: bytearray_t,
            frozenset: frozenset_t,
            str: str_t,
            list: list_t,
            tuple: tuple_t,
            dict: dict_t,
            set: set_t,
            range: range_t,
            slice: slice_t,
            function: internal(
                "function",
                Slots {
                    repr: Some(function_repr),
                    hash: Some(identity_hash),
                    ..Slots::default()
                },
            ),
            builtin_function: internal(
                "builtin_function_or_method",
                Slots {
                    repr: Some(builtin_repr),
                    hash: Some(identity_hash),
                    ..Slots::default()
                },
            ),
            method: internal(
                "method",
                Slots {
                    repr: Some(method_repr),
                    hash: Some(identity_hash),
                    ..Slots::default()
                },
            ),
            none_type: internal(
                "NoneType",
                Slots {
                    repr: Some(none_repr),
                    hash: Some(identity_hash),
                    ..Slots::default()
                },
            ),
            not_implemented_type: internal(
                "NotImplementedType",
                Slots {
                    repr: Some(not_implemented_repr),
                    hash: Some(identity_hash),
                    ..Slots::default()
                },
            ),
            ellipsis_type: internal(
                "ellipsis",
                Slots {
                    repr: Some(ellipsis_repr),
                    hash: Some(identity_hash),
                    ..Slots::default()
                },
            ),
            cell: internal("cell", hashable),
            code: internal("code", hashable),
            module: internal(
                "module",
                Slots {
                    repr: Some(objects::module::module_repr),
                    ..hashable
                },
            ),
            list_iterator: internal("list_iterator", iter_slots),
            tuple_iterator: internal("tuple_iterator", iter_slots),
            str_iterator: internal("str_ascii_iterator", iter_slots),
            bytes_iterator: internal("bytes_iterator", iter_slots),
            bytearray_iterator: internal("bytearray_iterator", iter_slots),
            range_iterator: internal("range_iterator", iter_slots),
            dict_iterator: internal("dict_keyiterator", iter_slots),
            set_iterator: internal("set_iterator", iter_slots),
            enumerate: make_type(
                "enumerate",
                o,
                Layout::Internal,
                iter_slots,
                Some(iteration::enumerate_new),
            ),
            zip: make_type(
                "zip",
                o,
                Layout::Internal,
                iter_slots,
                Some(iteration::zip_new),
            ),
            map: make_type(
                "map",
                o,
                Layout::Internal,
                iter_slots,
                Some(iteration::map_new),
            ),
            filter: make_type(
                "filter",
                o,
                Layout::Internal,
                iter_slots,
                Some(iteration::filter_new),
            ),
            reversed: make_type(
                "reversed",
                o,
                Layout::Internal,
                iter_slots,
                Some(iteration::reversed_new),
            ),
            generator: internal(
                "generator",
                Slots {
                    repr: Some(objects::generator::gen_repr),
                    iter: Some(iter::iter_self),
                    next: Some(objects::generator::gen_next),
                    hash: Some(identity_hash),
                    ..Slots::default()
                },
            ),
            dict_keys: internal("dict_keys", view_slots),
            dict_values: internal("dict_values", view_slots),
            dict_items: internal("dict_items", view_slots),
            super_: make_type(
                "super",
                o,
                Layout::Internal,
                hashable,
                Some(objects::class::super_new),
            ),
            property: make_type(
                "property",
                o,
                Layout::Internal,
                hashable,
                Some(constructors::property_new),
            ),
            staticmethod: make_type(
                "staticmethod",
                o,
                Layout::Internal,
                hashable,
                Some(constructors::staticmethod_new),
            ),
            classmethod: make_type(
                "classmethod",
                o,
                Layout::Internal,
                hashable,
                Some(constructors::classmethod_new),
            ),
            system_exit: e("SystemExit", &base_exception),
            keyboard_interrupt: e("KeyboardInterrupt", &base_exception),
            generator_exit: e("GeneratorExit", &base_exception),
            zero_division_error: e("ZeroDivisionError", &arithmetic_error),
            overflow_error: e("OverflowError", &arithmetic_error),
            assertion_error: e("AssertionError", &exception),
            attribute_error: e("AttributeError", &exception),
            index_error: e("IndexError", &lookup_error),
            key_error: e("KeyError", &lookup_error),
            unbound_local_error: e("UnboundLocalError", &name_error),
            recursion_error: e("RecursionError", &runtime_error),
            not_implemented_error: e("NotImplementedError", &runtime_error),
            stop_iteration: e("StopIteration", &exception),
            type_error: e("TypeError", &exception),
            system_error: e("SystemError", &exception),
            module_not_found_error: e("ModuleNotFoundError", &import_error),
            os_error: e("OSError", &exception),
            unicode_decode_error: e("UnicodeDecodeError", &unicode_error),
            unicode_encode_error: e("UnicodeEncodeError", &unicode_error),
            eof_error: e("EOFError", &exception),
            syntax_error: e("SyntaxError", &exception),
            memory_error: e("MemoryError", &exception),
            reference_error: e("ReferenceError", &exception),
            weakref: make_type(
                "ReferenceType",
                o,
                Layout::Internal,
                Slots {
                    call: Some(weakref::ref_call),
                    repr: Some(weakref::ref_repr),
                    hash: Some(weakref::ref_hash),
                    richcompare: Some(weakref::ref_compare),
                    ..Slots::default()
                },
                Some(weakref::ref_new),
            ),
            weakproxy: internal("ProxyType", proxy_slots),
            weakcallableproxy: internal(
                "CallableProxyType",
                Slots {
                    call: Some(weakref::proxy_call),
                    ..proxy_slots
                },
            ),
            mappingproxy: internal(
                "mappingproxy",
                Slots {
                    repr: Some(objects::mappingproxy::proxy_repr),
                    getitem: Some(objects::mappingproxy::proxy_getitem),
                    len: Some(objects::mappingproxy::proxy_len),
                    contains: Some(objects::mappingproxy::proxy_contains),
                    iter: Some(objects::mappingproxy::proxy_iter),
                    ..Slots::default()
                },
            ),
            member_descriptor: internal(
                "member_descriptor",
                Slots {
                    repr: Some(objects::member::member_repr),
                    hash: Some(identity_hash),
                    ..Slots::default()
                },
            ),
            arithmetic_error,
            lookup_error,
            name_error,
            runtime_error,
            import_error,
            value_error,
            unicode_error,
            base_exception_group,
            exception_group,
            exception,
            base_exception,
            type_,
            object,
        }
    }

    /// Every exception class, for the builtins namespace.
    fn exceptions(&self) -> Vec<&Value> {
        vec![
            &self.base_exception,
            &self.exception,
            &self.base_exception_group,
            &self.exception_group,
            &self.system_exit,
            &self.keyboard_interrupt,
            &self.generator_exit,
            &self.arithmetic_error,
            &self.zero_division_error,
            &self.overflow_error,
            &self.assertion_error,
            &self.attribute_error,
            &self.lookup_error,
            &self.index_error,
            &self.key_error,
            &self.name_error,
            &self.unbound_local_error,
            &self.runtime_error,
            &self.recursion_error,
            &self.not_implemented_error,
            &self.stop_iteration,
            &self.type_error,
            &self.value_error,
            &self.system_error,
            &self.import_error,
            &self.module_not_found_error,
            &self.os_error,
            &self.unicode_error,
            &self.unicode_decode_error,
            &self.unicode_encode_error,
            &self.eof_error,
            &self.syntax_error,
            &self.memory_error,
            &self.reference_error,
        ]
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

/// Gives a new builtin exception class its base's slots and constructor.
fn inherit_exc(ty: Value, base: &Value) -> Value {
    let (slots, ctor) = match base.as_type() {
        Some(b) => (b.slots, b.constructor),
        None => return ty,
    };
    let Some(t) = ty.as_type() else { return ty };
    // The copy replaces `ty`: only the copy is listed among its base's subclasses.
    t.tag.clear_owner();
    crate::objects::typeobj::new_builtin_type(crate::objects::typeobj::BuiltinType {
        name: &t.name,
        module: None,
        bases: t.bases.clone(),
        mro: t.mro.clone(),
        slots,
        layout: Layout::Exception,
        constructor: ctor,
    })
}

/// `BaseExceptionGroup`'s methods, and `message`/`exceptions` as read-only properties.
fn install_exception_group(vm: &mut Vm) {
    let ty = vm.types.base_exception_group.clone();
    add_methods(vm, &ty, objects::exception_group::METHODS);
    let property = vm.types.property.clone();
    for &(name, getter) in objects::exception_group::GETTERS {
        let f = new_builtin(vm, name, getter, false);
        let set = new_builtin(vm, name, objects::exception_group::readonly_setter, false);
        let Ok(prop) = vm.call(&property, &[f, set]) else {
            continue;
        };
        let key = vm.new_str(name);
        if let Some(t) = ty.as_type() {
            t.dict
                .borrow_mut()
                .insert(key, crate::objects::str::hash_str(name), prop);
            t.modified();
        }
    }
}

/// Puts a native function in `ty`'s dict: a method (bound on attribute access) or a
/// static function (not bound, like `__new__`).
fn add_to_type(vm: &mut Vm, ty: &Value, name: &'static str, func: NativeFn, is_method: bool) {
    let f = new_builtin(vm, name, func, is_method);
    let key = vm.new_str(name);
    if let Some(t) = ty.as_type() {
        t.dict
            .borrow_mut()
            .insert(key, crate::objects::str::hash_str(name), f);
        t.modified();
    }
}

/// Puts a static method (not bound on attribute access, like `__new__`) in `ty`'s dict.
fn add_static_function(vm: &mut Vm, ty: &Value, name: &'static str, func: NativeFn) {
    add_to_type(vm, ty, name, func, false);
}

/// Adds native methods to a builtin type's dict.
fn add_methods(vm: &mut Vm, ty: &Value, methods: &[(&'static str, NativeFn)]) {
    for &(name, func) in methods {
        add_to_type(vm, ty, name, func, true);
    }
}

/// An unbound native function object.
fn new_builtin(vm: &Vm, name: &'static str, func: NativeFn, is_method: bool) -> Value {
    new_object(
        &vm.types.builtin_function,
        Builtin {
            name,
            func,
            this: Value::NULL,
            is_method,
        },
    )
}

pub(crate) fn add_function(vm: &mut Vm, dict: &Value, name: &'static str, func: NativeFn) {
    let f = new_builtin(vm, name, func, false);
    let key = vm.new_str(name);
    let _ = vm.dict_set(dict, key, f);
}

/// Fills type dicts and the builtins namespace.
pub fn init(vm: &mut Vm) {
    let t = |v: &Value| v.clone();
    let (str_t, list_t, tuple_t, dict_t, set_t) = (
        t(&vm.types.str),
        t(&vm.types.list),
        t(&vm.types.tuple),
        t(&vm.types.dict),
        t(&vm.types.set),
    );
    add_methods(vm, &str_t, objects::str::METHODS);
    add_methods(vm, &list_t, objects::list::METHODS);
    add_methods(vm, &tuple_t, objects::tuple::METHODS);
    add_methods(vm, &dict_t, objects::dict::METHODS);
    add_methods(vm, &set_t, objects::set::METHODS);
    let (frozenset_t, complex_t, bytes_t) = (
        t(&vm.types.frozenset),
        t(&vm.types.complex),
        t(&vm.types.bytes),
    );
    add_methods(vm, &frozenset_t, objects::frozenset::METHODS);
    add_methods(vm, &complex_t, objects::complex::METHODS);
    let slice_t = vm.types.slice.clone();
    add_methods(vm, &slice_t, objects::slice::METHODS);
    let range_t = vm.types.range.clone();
    add_methods(vm, &range_t, objects::range::METHODS);
    add_methods(vm, &bytes_t, objects::bytes::METHODS);
    add_methods(vm, &bytes_t, objects::bytes_methods::SHARED);
    let bytearray_t = vm.types.bytearray.clone();
    add_methods(vm, &bytearray_t, objects::bytearray::METHODS);
    add_methods(vm, &bytearray_t, objects::bytes_methods::SHARED);
    add_methods(vm, &str_t, &[("encode", objects::bytes::str_encode)]);
    let gen_t = vm.types.generator.clone();
    add_methods(vm, &gen_t, objects::generator::METHODS);
    let base_exc = vm.types.base_exception.clone();
    add_methods(
        vm,
        &base_exc,
        &[
            ("__init__", objects::exception::exception_init),
            ("add_note", objects::exception_group::exception_add_note),
        ],
    );
    install_exception_group(vm);
    let object = vm.types.object.clone();
    add_methods(
        vm,
        &object,
        &[
            ("__init__", object_init),
            ("__init_subclass__", objects::class::object_init_subclass),
        ],
    );
    // `object.__new__` is a static method: it is not bound on attribute access.
    add_static_function(vm, &object, "__new__", objects::class::object_dunder_new);
    // What a metaclass reaches through `super()`.
    let type_ = vm.types.type_.clone();
    add_methods(
        vm,
        &type_,
        &[
            ("__call__", objects::class::type_dunder_call),
            ("__init__", objects::class::type_dunder_init),
        ],
    );
    add_static_function(vm, &type_, "__new__", objects::class::type_dunder_new);
    let property = vm.types.property.clone();
    add_methods(vm, &property, constructors::PROPERTY_METHODS);
    let member = vm.types.member_descriptor.clone();
    add_methods(vm, &member, objects::member::METHODS);
    let proxy = vm.types.mappingproxy.clone();
    add_methods(vm, &proxy, objects::mappingproxy::METHODS);
    let ga = vm.types.generic_alias.clone();
    add_methods(vm, &ga, objects::generic_alias::METHODS);
    for ty in [&list_t, &dict_t, &tuple_t, &set_t, &frozenset_t] {
        let _ = objects::generic_alias::add_class_getitem(vm, ty);
    }
    add_methods(
        vm,
        &type_,
        &[("__subclasses__", objects::generic_alias::type_subclasses)],
    );
    slot_wrappers::install(vm);
    numeric::add_int_methods(vm);

    let builtins = vm.new_dict();
    vm.builtins = builtins.clone();
    let named_types = [
        ("object", vm.types.object.clone()),
        ("type", vm.types.type_.clone()),
        ("int", vm.types.int.clone()),
        ("bool", vm.types.bool.clone()),
        ("float", vm.types.float.clone()),
        ("complex", vm.types.complex.clone()),
        ("bytes", vm.types.bytes.clone()),
        ("bytearray", vm.types.bytearray.clone()),
        ("frozenset", vm.types.frozenset.clone()),
        ("str", vm.types.str.clone()),
        ("list", vm.types.list.clone()),
        ("tuple", vm.types.tuple.clone()),
        ("dict", vm.types.dict.clone()),
        ("set", vm.types.set.clone()),
        ("range", vm.types.range.clone()),
        ("slice", vm.types.slice.clone()),
        ("enumerate", vm.types.enumerate.clone()),
        ("zip", vm.types.zip.clone()),
        ("map", vm.types.map.clone()),
        ("filter", vm.types.filter.clone()),
        ("reversed", vm.types.reversed.clone()),
        ("super", vm.types.super_.clone()),
        ("property", vm.types.property.clone()),
        ("staticmethod", vm.types.staticmethod.clone()),
        ("classmethod", vm.types.classmethod.clone()),
    ];
    for (name, ty) in named_types {
        let key = vm.new_str(name);
        let _ = vm.dict_set(&builtins, key, ty);
    }
    let excs: Vec<Value> = vm.types.exceptions().into_iter().cloned().collect();
    for ty in excs {
        let name = ty
            .as_type()
            .map(|t| t.name.clone())
            .unwrap_or_else(|| Rc::from("?"));
        let key = vm.new_str(&name);
        let _ = vm.dict_set(&builtins, key, ty);
    }
    for (name, v) in [
        ("None", Value::NONE),
        ("True", Value::TRUE),
        ("False", Value::FALSE),
        ("Ellipsis", Value::ELLIPSIS),
        ("NotImplemented", Value::NOT_IMPLEMENTED),
    ] {
        let key = vm.new_str(name);
        let _ = vm.dict_set(&builtins, key, v);
    }
    io::register(vm, &builtins);
    numeric::register(vm, &builtins);
    iteration::register(vm, &builtins);
    functions::register(vm, &builtins);
}
