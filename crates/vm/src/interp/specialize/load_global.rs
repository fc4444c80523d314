//! `LOAD_GLOBAL` specializations: `LOAD_GLOBAL_MODULE` (found in the globals dict)
//! and `LOAD_GLOBAL_BUILTIN` (absent from globals, found in builtins), each caching
//! the entry index and guarding on dict keys versions (CPython 3.11's design): a
//! rebound global keeps its keys version and is read fresh from the cached entry; a
//! new or deleted global changes the version and the guard misses.
//!
//! Cache slots after the instruction: counter, entry index, globals keys version,
//! builtins keys version.

use bytecode::Opcode;

use super::{adaptive_due, miss, settle};
use crate::interp::Vm;
use crate::objects::Code;
use crate::value::Value;
use crate::PyResult;

impl Vm {
    /// The unspecialized lookup: globals, then builtins.
    pub(crate) fn load_global_generic(&mut self, code: &Code, oparg: u32) -> PyResult<()> {
        let name = &code.names[(oparg >> 1) as usize];
        let found = match (self.frames.last(), name.as_pystr()) {
            (Some(frame), Some(key)) => {
                let hash = key.hash();
                let in_globals = frame
                    .globals
                    .as_dict()
                    .and_then(|d| d.borrow().get(name, hash).cloned());
                in_globals.or_else(|| {
                    self.builtins
                        .as_dict()
                        .and_then(|d| d.borrow().get(name, hash).cloned())
                })
            }
            _ => None,
        };
        match found {
            Some(v) => {
                if oparg & 1 == 1 {
                    self.stack.push(Value::NULL);
                }
                self.stack.push(v);
                Ok(())
            }
            None => Err(self.name_error(name.as_str().unwrap_or("?"))),
        }
    }

    pub(crate) fn load_global_adaptive(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
    ) -> PyResult<()> {
        if adaptive_due(code, Opcode::LOAD_GLOBAL_ADAPTIVE, at) {
            settle(
                code,
                at,
                Opcode::LOAD_GLOBAL_ADAPTIVE,
                self.choose_load_global(code, at, oparg),
            );
        }
        self.load_global_generic(code, oparg)
    }

    /// Fills the cache for the specialization that fits, if any.
    fn choose_load_global(&self, code: &Code, at: usize, oparg: u32) -> Option<Opcode> {
        let name = code.names.get((oparg >> 1) as usize)?.as_pystr()?;
        let (name, hash) = (name.as_str()?, name.hash());
        let frame = self.frames.last()?;
        let mut globals = frame.globals.as_dict()?.try_borrow_mut().ok()?;
        if let Some(ix) = globals.index_of_str(name, hash) {
            let version = globals.keys_version();
            if version == 0 {
                return None;
            }
            code.set_cache(at + 2, u32::try_from(ix).ok()?);
            code.set_cache(at + 3, version);
            return Some(Opcode::LOAD_GLOBAL_MODULE);
        }
        let mut builtins = self.builtins.as_dict()?.try_borrow_mut().ok()?;
        let ix = builtins.index_of_str(name, hash)?;
        let (gv, bv) = (globals.keys_version(), builtins.keys_version());
        if gv == 0 || bv == 0 {
            return None;
        }
        code.set_cache(at + 2, u32::try_from(ix).ok()?);
        code.set_cache(at + 3, gv);
        code.set_cache(at + 4, bv);
        Some(Opcode::LOAD_GLOBAL_BUILTIN)
    }

    /// `LOAD_GLOBAL_MODULE` and `LOAD_GLOBAL_BUILTIN`.
    #[inline(always)]
    pub(crate) fn load_global_specialized(
        &mut self,
        code: &Code,
        at: usize,
        oparg: u32,
        op: Opcode,
    ) -> PyResult<()> {
        let found = match self.frames.last().and_then(|frame| frame.globals.as_dict()) {
            Some(globals) => self.cached_global(code, at, op, globals),
            None => None,
        };
        match found {
            Some(v) => {
                if oparg & 1 == 1 {
                    self.stack.push(Value::NULL);
                }
                self.stack.push(v);
                Ok(())
            }
            None => {
                miss(code, at);
                self.load_global_generic(code, oparg)
            }
        }
    }

    /// The value a `LOAD_GLOBAL_MODULE`/`_BUILTIN` at `at` caches the entry of, when
    /// the keys versions still match.
    #[inline(always)]
    pub(crate) fn cached_global(
        &self,
        code: &Code,
        at: usize,
        op: Opcode,
        globals: &std::cell::RefCell<crate::objects::dict::Dict>,
    ) -> Option<Value> {
        let ix = code.cache(at + 2) as usize;
        let globals = globals.borrow();
        if globals.current_keys_version() != code.cache(at + 3) {
            return None;
        }
        let table = if op == Opcode::LOAD_GLOBAL_MODULE {
            globals
        } else {
            drop(globals);
            let builtins = self.builtins.as_dict()?.borrow();
            if builtins.current_keys_version() != code.cache(at + 4) {
                return None;
            }
            builtins
        };
        let v = table.value_at_ref(ix)?;
        (!v.is_null()).then(|| v.clone())
    }
}
