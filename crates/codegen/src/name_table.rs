//! An insertion-ordered table of names with their indices, as `co_names`,
//! `co_varnames`, `co_cellvars`, `co_freevars` and a scope's symbols need: the
//! index of a name is its position of first insertion.

use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct NameTable<V = ()> {
    names: Vec<String>,
    values: Vec<V>,
    index: HashMap<String, usize>,
}

impl<V: Default> NameTable<V> {
    pub fn new() -> Self {
        NameTable {
            names: Vec::new(),
            values: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The index of `name`, inserting it at the end if new.
    pub fn insert_full(&mut self, name: String) -> (usize, bool) {
        if let Some(&i) = self.index.get(&name) {
            return (i, false);
        }
        let i = self.names.len();
        self.index.insert(name.clone(), i);
        self.names.push(name);
        self.values.push(V::default());
        (i, true)
    }

    pub fn insert(&mut self, name: String, value: V) {
        let (i, _) = self.insert_full(name);
        self.values[i] = value;
    }

    pub fn get_index_of(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    pub fn get(&self, name: &str) -> Option<&V> {
        self.index.get(name).map(|&i| &self.values[i])
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut V> {
        match self.index.get(name) {
            Some(&i) => Some(&mut self.values[i]),
            None => None,
        }
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.names.iter()
    }

    pub fn entries(&self) -> impl Iterator<Item = (&String, &V)> {
        self.names.iter().zip(&self.values)
    }
}
