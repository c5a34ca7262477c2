//! The module's constant table: objects created once at module initialisation.

use crate::cstr::{c_double, c_string};
use indexmap::IndexMap;
use oxyc_ir::Const;
use std::fmt::Write;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Str(String),
    Bytes(Vec<u8>),
    BigInt(String),
    Float(u64),
    Complex(u64),
    StrTuple(Vec<String>),
    /// A dict of these str constants (indices in the table) to None, in order.
    DictTemplate(Vec<usize>),
    /// A tuple of these constants (`Item`s, made before it).
    Tuple(Vec<Item>),
}

/// An item of a constant tuple: another entry of the table, or a singleton. Its C
/// form (`Item::code`) is what `oxyc_tuple_of_consts` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Item {
    Entry(usize),
    None,
    True,
    False,
    Ellipsis,
}

impl Item {
    fn code(self) -> String {
        match self {
            Item::Entry(i) => i.to_string(),
            Item::None => "-1".into(),
            Item::True => "-2".into(),
            Item::False => "-3".into(),
            Item::Ellipsis => "-4".into(),
        }
    }
}

#[derive(Default)]
pub struct ConstTable {
    objs: IndexMap<Key, usize>,
    ints: IndexMap<String, usize>,
    /// Number of global-load sites (each has an `oxy_global_cache`).
    global_sites: usize,
    method_sites: usize,
}

impl ConstTable {
    /// C expression for an object constant (borrowed; the table owns it).
    pub fn obj(&mut self, c: &Const) -> String {
        match self.item(c) {
            Item::Entry(i) => format!("oxy_c[{i}]"),
            Item::None => "Py_None".into(),
            Item::True => "Py_True".into(),
            Item::False => "Py_False".into(),
            Item::Ellipsis => "Py_Ellipsis".into(),
        }
    }

    /// The table entry of `c` (added if new), or the singleton it is.
    fn item(&mut self, c: &Const) -> Item {
        let key = match c {
            Const::None => return Item::None,
            Const::Ellipsis => return Item::Ellipsis,
            Const::Bool(true) => return Item::True,
            Const::Bool(false) => return Item::False,
            Const::Str(s) => Key::Str(s.clone()),
            Const::Bytes(b) => Key::Bytes(b.clone()),
            Const::Int(i) => Key::BigInt(i.to_string()),
            Const::BigInt(s) => Key::BigInt(s.clone()),
            Const::Float(f) => Key::Float(f.to_bits()),
            Const::Complex(f) => Key::Complex(f.to_bits()),
            Const::StrTuple(v) => Key::StrTuple(v.clone()),
            // (The items first: the tuple is made after them, from the same objects.)
            Const::Tuple(items) => Key::Tuple(items.iter().map(|c| self.item(c)).collect()),
        };
        let n = self.objs.len();
        Item::Entry(*self.objs.entry(key).or_insert(n))
    }

    pub fn str(&mut self, s: &str) -> String {
        self.obj(&Const::Str(s.to_string()))
    }

    /// C expression for a dict whose keys are these strs, each mapped to None, in
    /// order (duplicates once): the template of a dict display with literal keys.
    pub fn dict_template(&mut self, keys: &[&str]) -> String {
        // (The keys first: the template is made after them, from the same objects.)
        let mut idx: Vec<usize> = Vec::new();
        for k in keys {
            let n = self.objs.len();
            let i = *self.objs.entry(Key::Str((*k).to_string())).or_insert(n);
            if !idx.contains(&i) {
                idx.push(i);
            }
        }
        let n = self.objs.len();
        let i = *self.objs.entry(Key::DictTemplate(idx)).or_insert(n);
        format!("oxy_c[{i}]")
    }

    /// C expression for a big int constant as a tagged int (borrowed).
    pub fn big_int(&mut self, digits: &str) -> String {
        let n = self.ints.len();
        let i = *self.ints.entry(digits.to_string()).or_insert(n);
        format!("oxy_ci[{i}]")
    }

    /// A new cache slot for one global-load site.
    pub fn global_site(&mut self) -> String {
        self.global_sites += 1;
        format!("&oxy_gc[{}]", self.global_sites - 1)
    }

    /// A new method cache slot for one method-call site.
    pub fn method_site(&mut self) -> String {
        self.method_sites += 1;
        format!("&oxy_mc[{}]", self.method_sites - 1)
    }

    /// The tables' C declarations (without a storage class).
    pub fn declarations(&self) -> Vec<String> {
        vec![
            format!("oxy_method_cache oxy_mc[{}]", self.method_sites.max(1)),
            format!("oxy_global_cache oxy_gc[{}]", self.global_sites.max(1)),
            format!("PyObject *oxy_c[{}]", self.objs.len().max(1)),
            format!("oxy_int oxy_ci[{}]", self.ints.len().max(1)),
        ]
    }

    /// Body of `oxy_init_constants()`. The strs, bytes and numbers are made in one
    /// loop over a static table (`oxyc_make_consts`): a module with thousands of
    /// literals then compiles as fast as one with a few. The tuples follow, from a
    /// second table, then the other entries made from others (dict templates), in
    /// table order, which puts each after its parts.
    pub fn init_code(&self) -> String {
        let mut out = String::new();
        let mut leaves = String::new();
        let mut n_leaves = 0usize;
        for (key, i) in &self.objs {
            let (kind, len, text, num) = match key {
                Key::Str(s) => ('s', s.len(), c_string(s.as_bytes()), "0".to_string()),
                Key::Bytes(b) => ('b', b.len(), c_string(b), "0".to_string()),
                Key::BigInt(d) => ('i', d.len(), c_string(d.as_bytes()), "0".to_string()),
                Key::Float(bits) => ('f', 0, "NULL".into(), c_double(f64::from_bits(*bits))),
                Key::Complex(bits) => ('j', 0, "NULL".into(), c_double(f64::from_bits(*bits))),
                _ => continue,
            };
            n_leaves += 1;
            let _ = writeln!(leaves, "        {{'{kind}', {i}, {len}, {text}, {num}}},");
        }
        if n_leaves > 0 {
            let _ = writeln!(out, "    static const oxyc_const_src oxy_csrc[] = {{");
            out.push_str(&leaves);
            let _ = writeln!(out, "    }};");
            let _ = writeln!(
                out,
                "    if (oxyc_make_consts(oxy_c, oxy_csrc, {n_leaves}) < 0) return -1;"
            );
        }
        // The tuples, the empty one included, in one table too (a data file of
        // 100,000 rows is as many tuples). Their items are leaves and earlier tuples
        // only.
        let mut tuples = String::new();
        for (key, i) in &self.objs {
            if let Key::Tuple(items) = key {
                let refs: String = items.iter().map(|it| format!(" {},", it.code())).collect();
                let _ = writeln!(tuples, "        {i}, {},{refs}", items.len());
            }
        }
        if !tuples.is_empty() {
            let _ = writeln!(out, "    static const int oxy_tsrc[] = {{");
            out.push_str(&tuples);
            let _ = writeln!(out, "    }};");
            let _ = writeln!(
                out,
                "    if (oxyc_make_tuples(oxy_c, oxy_tsrc, sizeof oxy_tsrc / sizeof oxy_tsrc[0]) < 0) return -1;"
            );
        }
        for (key, i) in &self.objs {
            let expr = match key {
                Key::StrTuple(v) => {
                    let items: Vec<String> = v
                        .iter()
                        .map(|s| {
                            format!(
                                "PyUnicode_DecodeUTF8({}, {}, NULL)",
                                c_string(s.as_bytes()),
                                s.len()
                            )
                        })
                        .collect();
                    if items.is_empty() {
                        "PyTuple_New(0)".to_string()
                    } else {
                        format!(
                            "oxyc_tuple_of({}, (PyObject *[]){{{}}})",
                            items.len(),
                            items.join(", ")
                        )
                    }
                }
                Key::DictTemplate(keys) => {
                    let items: Vec<String> = keys.iter().map(|k| format!("oxy_c[{k}]")).collect();
                    format!(
                        "oxy_dict_template({}, (PyObject *const[]){{{}}})",
                        items.len(),
                        items.join(", ")
                    )
                }
                _ => continue,
            };
            let _ = writeln!(out, "    oxy_c[{i}] = {expr};");
            let _ = writeln!(out, "    if (oxy_c[{i}] == NULL) return -1;");
        }
        for (digits, i) in &self.ints {
            let _ = writeln!(
                out,
                "    oxy_ci[{i}] = oxy_int_from_decimal({});",
                c_string(digits.as_bytes())
            );
            let _ = writeln!(out, "    if (oxy_ci[{i}] == OXY_INT_ERR) return -1;");
        }
        out
    }
}
