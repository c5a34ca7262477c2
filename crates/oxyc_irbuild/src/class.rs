//! Class statements: the class is created at import time the way the interpreter
//! creates it (`__prepare__`, the body filling the namespace in order, the metaclass
//! call, then the decorators), with every method compiled.

use crate::ModCx;
use crate::builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{BuildKind, Const, OpKind, Prim, RType, Reg};
use oxyc_syntax::ast::{ClassDef, ExprKind, FunctionDef, Stmt, StmtKind};
use oxyc_types::Ty;

/// The static that holds the class created by the class statement at `stmt_index`
/// (what `super()` in its methods refers to).
pub fn class_static(stmt_index: usize) -> String {
    format!("class_{stmt_index}")
}

impl<'a> FnBuilder<'a> {
    /// The field `attr` of a value of native-class type: (declaring class, field
    /// index, field type).
    pub fn native_field(&self, ty: &Ty, attr: &str) -> Option<(u32, u32, Ty)> {
        let Ty::Instance(c) = ty else {
            return None;
        };
        let (ci, fty) = oxyc_types::field_ty(self.cx.sem, &self.cx.types.fields, c, attr)?;
        let fi = self.cx.types.fields[ci].get_index_of(attr)?;
        Some((ci as u32, fi as u32, fty.clone()))
    }

    /// The native class that defines `name` itself — as a field when `field`, else as
    /// a class attribute — when every class defining it derives from that one.
    pub fn only_class_defining(&self, name: &str, field: bool) -> Option<String> {
        let definers: Vec<usize> = (0..self.cx.sem.native.len())
            .filter(|&ci| {
                if field {
                    self.cx.types.fields[ci].contains_key(name)
                } else {
                    self.cx.sem.native[ci].class_attrs.contains(name)
                }
            })
            .collect();
        let root = *definers.first()?;
        let root_name = &self.cx.sem.native[root].name;
        definers
            .iter()
            .all(|&d| self.is_native_subclass(&self.cx.sem.native[d].name, root_name))
            .then(|| root_name.clone())
    }

    /// `obj.attr` on a value of unknown type when exactly one native class declares
    /// field `attr`: read the field directly if `type(obj)` is that class, else the
    /// ordinary attribute lookup. The result is an object either way.
    pub fn speculative_get_field(&mut self, obj: &Val, attr: &str) -> Option<Val> {
        if let Ty::OptInstance(c) = &obj.ty {
            return self.guarded_get_field(obj, c.clone(), attr);
        }
        if obj.ty != Ty::Object {
            return None;
        }
        let class = self.only_class_defining(attr, true)?;
        let (c, f, fty) = self.native_field(&Ty::Instance(class), attr)?;
        let result = self.temp(RType::Obj);
        let is_exact = self.temp(RType::Bool);
        let family = self.native_family(c);
        self.emit(OpKind::TypeIs {
            dst: is_exact,
            obj: obj.reg,
            classes: family,
            method: None,
        });
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(is_exact, fast, slow);
        self.switch_to(fast);
        let v = self.get_field(obj.reg, c, f, &fty);
        let b = self.box_val(&v);
        self.assign(result, b);
        self.goto(done);
        self.switch_to(slow);
        let name = self.str_const(attr);
        let g = self.prim(Prim::ObjGetAttr, vec![obj.reg, name]);
        self.assign(result, g);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, Ty::Object))
    }

    /// `obj.attr` where `obj` is an instance of `class` or None: the field when
    /// `type(obj)` is a native class that has it, else the ordinary lookup
    /// (AttributeError for None), converted to the field's type.
    fn guarded_get_field(&mut self, obj: &Val, class: String, attr: &str) -> Option<Val> {
        let (c, f, fty) = self.native_field(&Ty::Instance(class), attr)?;
        Some(self.guarded_field(obj, (c, f, fty), attr))
    }

    /// Is `attr`, a field of native class `ci` (or of one of its native bases), one
    /// that nothing in the module stores (`NativeClass::unstored`)?
    pub fn field_unstored(&self, ci: u32, attr: &str) -> bool {
        let mut c = Some(ci as usize);
        while let Some(k) = c {
            let n = &self.cx.sem.native[k];
            if n.fields.contains_key(attr) {
                return n.unstored.contains(attr);
            }
            c = n.base;
        }
        false
    }

    /// `obj.attr` for field `f` of native class `c`: the field when `type(obj)` is
    /// one of the module's native classes of its family, else the ordinary lookup
    /// (a subclass made elsewhere may provide it: a class attribute, a property),
    /// converted to the field's type.
    pub fn guarded_field(&mut self, obj: &Val, (c, f, fty): (u32, u32, Ty), attr: &str) -> Val {
        let result = self.temp(rtype_of(&fty));
        let is_exact = self.temp(RType::Bool);
        let family = self.native_family(c);
        self.emit(OpKind::TypeIs {
            dst: is_exact,
            obj: obj.reg,
            classes: family,
            method: None,
        });
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(is_exact, fast, slow);
        self.switch_to(fast);
        let v = self.get_field(obj.reg, c, f, &fty);
        self.assign(result, v.reg);
        self.goto(done);
        self.switch_to(slow);
        let name = self.str_const(attr);
        let g = self.prim(Prim::ObjGetAttr, vec![obj.reg, name]);
        let what = format!("attribute '{attr}'");
        let r = self.coerce(&Val::new(g, Ty::Object), &fty, Some(&what));
        self.assign(result, r);
        self.goto(done);
        self.switch_to(done);
        Val::new(result, fty)
    }

    /// `obj.attr = v` on a value of unknown type (see `speculative_get_field`).
    pub fn speculative_set_field(&mut self, obj: &Val, attr: &str, v: &Val) -> bool {
        let class = match &obj.ty {
            Ty::OptInstance(c) => c.clone(),
            Ty::Object => match self.only_class_defining(attr, true) {
                Some(c) => c,
                None => return false,
            },
            _ => return false,
        };
        let Some(field) = self.native_field(&Ty::Instance(class), attr) else {
            return false;
        };
        let is_exact = self.temp(RType::Bool);
        let family = self.native_family(field.0);
        self.emit(OpKind::TypeIs {
            dst: is_exact,
            obj: obj.reg,
            classes: family,
            method: None,
        });
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(is_exact, fast, slow);
        self.switch_to(fast);
        self.set_field(obj.reg, attr, field, v);
        self.goto(done);
        self.switch_to(slow);
        let name = self.str_const(attr);
        let b = self.box_val(v);
        self.prim_void(Prim::ObjSetAttr, vec![obj.reg, name, b]);
        self.goto(done);
        self.switch_to(done);
        true
    }

    /// Is any class of the native family of `ci` a frozen dataclass?
    pub fn frozen_family(&self, ci: u32) -> bool {
        let mut root = ci as usize;
        while let Some(b) = self.cx.sem.native[root].base {
            root = b;
        }
        self.native_family(root as u32)
            .iter()
            .any(|k| self.cx.sem.native[*k as usize].frozen)
    }

    /// Native class `ci` and every native class derived from it.
    pub fn native_family(&self, ci: u32) -> Vec<u32> {
        let mut out = vec![ci];
        for (k, c) in self.cx.sem.native.iter().enumerate() {
            let mut b = c.base;
            while let Some(bi) = b {
                if bi as u32 == ci {
                    out.push(k as u32);
                    break;
                }
                b = self.cx.sem.native[bi].base;
            }
        }
        out
    }

    /// Is native class `a` the class `b` or a subclass of it?
    pub fn is_native_subclass(&self, a: &str, b: &str) -> bool {
        let mut c = self.cx.sem.native_named(a);
        while let Some(ci) = c {
            if self.cx.sem.native[ci].name == b {
                return true;
            }
            c = self.cx.sem.native[ci].base;
        }
        false
    }

    /// `obj.attr` for a field of a native class.
    pub fn get_field(&mut self, obj: Reg, class: u32, field: u32, ty: &Ty) -> Val {
        let dst = self.temp(rtype_of(ty));
        self.emit(OpKind::GetField {
            dst,
            obj,
            class,
            field,
        });
        Val::new(dst, ty.clone())
    }

    /// `obj.attr = v` for a field of a native class (`v` converted and checked first).
    pub fn set_field(&mut self, obj: Reg, attr: &str, (class, field, ty): (u32, u32, Ty), v: &Val) {
        if self.frozen_family(class) {
            // A frozen dataclass's __setattr__ decides (FrozenInstanceError).
            let name = self.str_const(attr);
            let b = self.box_val(v);
            self.prim_void(Prim::ObjSetAttr, vec![obj, name, b]);
            return;
        }
        let owner = &self.cx.sem.native[class as usize].name;
        let what = format!("attribute '{attr}' of '{owner}' objects");
        let src = self.coerce(v, &ty, Some(&what));
        self.emit(OpKind::SetField {
            obj,
            class,
            field,
            src,
            steal: false,
        });
    }

    /// `top_level`: a class statement of the module body itself (it may be native);
    /// otherwise an ordinary class made each time its statement runs (in a function,
    /// or under a module-level `if`/`try`/loop).
    pub fn class_def(&mut self, stmt_index: usize, c: &'a ClassDef, top_level: bool) {
        // Decorators first, then bases and keywords, as the interpreter does.
        let decorators = self.eval_decorators(&c.decorators);
        let bases: Vec<Reg> = c
            .bases
            .iter()
            .map(|e| {
                let v = self.expr(e);
                self.box_val(&v)
            })
            .collect();
        let dst = self.temp(RType::Obj);
        self.emit(OpKind::Build {
            dst,
            kind: BuildKind::Tuple,
            items: bases,
        });
        let bases = dst;
        let kw = if c.keywords.is_empty() {
            self.konst(Const::None, RType::Obj)
        } else {
            let mut keys = Vec::new();
            let mut values = Vec::new();
            for k in &c.keywords {
                let v = self.expr(&k.value);
                values.push(self.box_val(&v));
                let name = k.arg.as_ref().map_or("", |a| a.name.as_str());
                keys.push(self.str_const(name));
            }
            let dst = self.temp(RType::Obj);
            self.emit(OpKind::BuildDict { dst, keys, values });
            dst
        };
        // A class in a function: ordinary, made anew each time, named
        // `f.<locals>.C`; under a module-level statement, named `C`.
        let local = !top_level;
        let name = self.str_const(&c.name.name);
        let qual = match self.scope {
            Some(scope) if self.class_prefix.is_empty() => {
                format!("{}.<locals>.{}", scope.qualname, c.name.name)
            }
            _ => format!("{}{}", self.class_prefix, c.name.name),
        };
        let qualname = self.str_const(&qual);
        let module_name = self.temp(RType::Obj);
        self.emit(OpKind::LoadGlobal {
            dst: module_name,
            name: "__name__".to_string(),
        });
        let builder = self.prim(
            Prim::ClassBegin,
            vec![name, qualname, module_name, bases, kw],
        );
        let ns = self.prim(Prim::ClassNamespace, vec![builder]);

        let saved = self.class_body.replace(ns);
        let saved_bound = self.class_bound.take();
        if local {
            let mut bound = Vec::new();
            let mut globals = Vec::new();
            oxyc_sema::bound_names(&c.body, &mut bound, &mut globals);
            self.class_bound = Some(bound.into_iter().collect());
        }
        if c.body
            .iter()
            .any(|s| matches!(s.kind, StmtKind::AnnAssign { .. }))
        {
            let empty = self.temp(RType::Obj);
            self.emit(OpKind::BuildDict {
                dst: empty,
                keys: vec![],
                values: vec![],
            });
            self.ns_store(ns, "__annotations__", empty);
        }
        let outer_prefix = std::mem::replace(&mut self.class_prefix, format!("{qual}."));
        for (j, s) in c.body.iter().enumerate() {
            self.line = self.cx.line_of(s.span.start);
            self.class_stmt(stmt_index, j, s, ns);
        }
        self.class_prefix = outer_prefix;
        self.class_body = saved;
        self.class_bound = saved_bound;
        // Making the class (the metaclass call, `__init_subclass__`, `__set_name__`) is
        // at the class statement's line (its `class` keyword's, after any decorators),
        // not its body's last.
        self.line = self
            .cx
            .line_of(class_keyword_at(self.cx.source, c.name.span.start));

        let native = if local {
            None
        } else {
            self.cx.sem.native_at(stmt_index)
        };
        let cls = match native {
            Some(ci) => {
                let dst = self.temp(RType::Obj);
                self.emit(OpKind::MakeNativeClass {
                    dst,
                    builder,
                    class: ci as u32,
                    cell: class_static(stmt_index),
                });
                dst
            }
            // (In a function, see the next arm.)
            None if oxyc_sema::first_class_cell_need(c).is_some()
                && (!local || self.scope.is_none() && self.has_class_slot(c)) =>
            {
                let dst = self.temp(RType::Obj);
                let cell = if local {
                    oxyc_sema::class_slot(c)
                } else {
                    class_static(stmt_index)
                };
                self.emit(OpKind::MakeClass { dst, builder, cell });
                dst
            }
            None => {
                // A class made in a function keeps its methods' `__class__` in a cell
                // of the function: it goes in as `__classcell__`, which type() fills
                // before `__set_name__` and `__init_subclass__` can call them.
                if local && let Some(cell) = self.function_class_cell(c) {
                    self.ns_store(ns, "__classcell__", cell);
                }
                self.prim(Prim::ClassEnd, vec![builder])
            }
        };
        if !local {
            // (Kept only for what reads it, `super()` and `__class__` in the methods:
            // otherwise it would keep alive a class that a decorator replaced, as
            // attrs' `@define` does, which `Base.__subclasses__()` would then list.)
            if native.is_some() || oxyc_sema::first_class_cell_need(c).is_some() {
                self.emit(OpKind::StoreStatic {
                    name: class_static(stmt_index),
                    src: cls,
                });
            }
        } else if let Some(scope) = self.scope {
            // (The `__class__` of its methods, when they use it: a cell of this
            // function.)
            let cell = oxyc_sema::class_cell(c);
            if scope.cellvars.contains(&cell) {
                // (Never in a class namespace, even from a nested class's statement.)
                self.store_cell(&cell, Val::new(cls, Ty::Object));
            }
        } else if self.has_class_slot(c) {
            // (The `__class__` of its methods, when they use it.)
            self.emit(OpKind::StoreStatic {
                name: oxyc_sema::class_slot(c),
                src: cls,
            });
        }
        let undecorated = cls;
        let cls = self.apply_decorators(decorators, &c.decorators, cls);
        if let Some(ci) = native
            && self.cx.sem.native[ci].dataclass
        {
            self.prim_void(Prim::NativeFieldsRestore, vec![cls, undecorated]);
        }
        self.store_name(&c.name.name, Val::new(cls, Ty::Object));
    }

    fn class_stmt(&mut self, stmt_index: usize, j: usize, s: &'a Stmt, ns: Reg) {
        match &s.kind {
            StmtKind::FunctionDef(def) => {
                let fi = if self.class_bound.is_some() {
                    self.cx.sem.func_of_def(def)
                } else {
                    self.cx.sem.method_at(stmt_index, j)
                };
                let Some(fi) = fi else {
                    return;
                };
                let f = self.decorated_function(fi, def);
                // (`oxy_class_end` makes `__init_subclass__` and friends class-level.)
                self.ns_store(ns, &def.name.name, f);
            }
            StmtKind::Assign { targets, value } => {
                let v = self.expr(value);
                let v = self.box_val(&v);
                for t in targets {
                    if let ExprKind::Name(n) = &t.kind {
                        self.ns_store(ns, n, v);
                    }
                }
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                let ExprKind::Name(n) = &target.kind else {
                    return;
                };
                if let Some(value) = value {
                    let v = self.expr(value);
                    let v = self.box_val(&v);
                    self.ns_store(ns, n, v);
                }
                let ann = if self.cx.sem.future_annotations {
                    let text = self.cx.source.get(annotation.span.range()).unwrap_or("");
                    self.str_const(text)
                } else {
                    let v = self.expr(annotation);
                    self.box_val(&v)
                };
                let key = self.str_const("__annotations__");
                let anns = self.prim(Prim::ClassLoadName, vec![ns, key]);
                let k = self.str_const(n);
                self.prim_void(Prim::ObjSetItem, vec![anns, k, ann]);
            }
            StmtKind::Expr(e) => {
                if j == 0
                    && let ExprKind::Str(doc) = &e.kind
                {
                    let d = self.str_const(doc);
                    self.ns_store(ns, "__doc__", d);
                } else {
                    self.expr(e);
                }
            }
            // A nested class that compiles: an ordinary class made here, stored in
            // this class's namespace (`store_name`).
            // (Only where sema made its methods functions: directly in a top-level
            // class.)
            StmtKind::ClassDef(inner)
                if oxyc_sema::nested_class_compiles(inner)
                    && inner.body.iter().all(|s| match &s.kind {
                        StmtKind::FunctionDef(d) => self.cx.sem.func_of_def(d).is_some(),
                        _ => true,
                    }) =>
            {
                self.class_def(stmt_index, inner, false);
            }
            // Any other nested class runs interpreted, in the class namespace; its
            // qualified names then get this class's name in front.
            StmtKind::ClassDef(inner) => {
                let text = self.cx.source.get(s.span.range()).unwrap_or("");
                let pad = "\n".repeat(self.line.saturating_sub(1) as usize);
                self.snippets.push(oxyc_ir::ExecSnippet {
                    source: format!("{pad}{text}\n"),
                    reason: "a class nested in a class".to_string(),
                });
                let index = self.konst(Const::Int((self.snippets.len() - 1) as i64), RType::Ssize);
                let name = self.str_const(&inner.name.name);
                self.prim_void(Prim::ExecInClass, vec![index, ns, name]);
            }
            // Loops and conditions: lowered as anywhere else; their names live in the
            // class namespace (see `store_name`).
            _ => self.stmt(s),
        }
    }

    /// The cell of the enclosing function that holds class `c` for its methods'
    /// `__class__`, if they use it (`oxyc_sema::class_cell`).
    fn function_class_cell(&self, c: &ClassDef) -> Option<Reg> {
        let name = oxyc_sema::class_cell(c);
        if !self.scope?.cellvars.contains(&name) {
            return None;
        }
        self.locals.get(&name).copied()
    }

    /// Do methods of `c` (a class statement in the module body that is not a top-level
    /// one) read its class from `oxyc_sema::class_slot`?
    fn has_class_slot(&self, c: &ClassDef) -> bool {
        let slot = oxyc_sema::class_slot(c);
        self.cx
            .sem
            .functions
            .iter()
            .any(|f| f.class_slot.as_deref() == Some(slot.as_str()))
    }

    pub fn ns_store(&mut self, ns: Reg, name: &str, v: Reg) {
        let k = self.str_const(name);
        self.prim_void(Prim::ObjSetItem, vec![ns, k, v]);
    }

    /// Evaluate the default values of a `def`'s parameters into their statics.
    pub fn store_defaults(&mut self, fi: usize, def: &'a FunctionDef) {
        for (p, ty) in def.params.all().zip(&self.cx.types.sigs[fi].params) {
            if let Some(d) = &p.default {
                let v = self.expr(d);
                let what = format!(
                    "default value of {}() argument '{}'",
                    def.name.name, p.name.name
                );
                let r = self.coerce(&v, ty, Some(&what));
                self.emit(OpKind::StoreStatic {
                    name: ModCx::default_static(fi, &p.name.name),
                    src: r,
                });
            }
        }
    }
}

/// Where the `class` keyword before the name at `name_start` begins (only blanks and
/// line continuations come between them); `name_start` if it cannot be found.
fn class_keyword_at(source: &str, name_start: u32) -> u32 {
    let bytes = source.as_bytes();
    let mut i = (name_start as usize).min(bytes.len());
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\x0c' | b'\\' | b'\n' | b'\r') {
        i -= 1;
    }
    match i.checked_sub(5) {
        Some(k) if &bytes[k..i] == b"class" => k as u32,
        _ => name_start,
    }
}
