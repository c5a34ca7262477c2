//! Calls: direct calls between compiled functions, specialised builtins, and the
//! generic vectorcall path.

use crate::bind;
use crate::builder::{FnBuilder, Val, rtype_of};
use oxyc_ir::{BuildKind, ClassCellRead, Const, FuncId, OpKind, Prim, RType, Reg};
use oxyc_sema::NameRes;
use oxyc_syntax::ast::{Expr, ExprKind, Keyword};
use oxyc_types::Ty;

impl<'a> FnBuilder<'a> {
    pub fn call(
        &mut self,
        e: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Val {
        let ty = self.ty(e);
        // (Asked of this call only, not of the calls in its arguments.)
        let want_parts = std::mem::take(&mut self.want_parts);
        if let Some(xc) = self.cx.types.xcalls.get(&e.id) {
            return self.extern_call(func, args, keywords, xc);
        }
        if let Some(class) = self.cx.types.xnews.get(&e.id)
            && let Some(v) = self.foreign_construct(func, class, args, keywords)
        {
            return v;
        }
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none());
        // In a class body every name is looked up in the namespace first: no
        // specialised builtins or direct calls there.
        if let ExprKind::Name(n) = &func.kind
            && self.class_body.is_none()
        {
            let shadowed = self.comp.iter().any(|s| s.contains_key(n));
            if !shadowed && !starred {
                match self.cx.sem.resolve(self.scope, n) {
                    NameRes::Builtin if n == "super" && args.is_empty() && keywords.is_empty() => {
                        if let Some(v) = self.zero_arg_super() {
                            return v;
                        }
                    }
                    NameRes::Builtin => {
                        if let Some(v) = self.builtin_call(n, args, keywords, &ty) {
                            return v;
                        }
                    }
                    NameRes::Global
                        if n == "super"
                            && args.is_empty()
                            && keywords.is_empty()
                            && self.cx.sem.star_import =>
                    {
                        if let Some(v) = self.zero_arg_super_global() {
                            return v;
                        }
                    }
                    NameRes::Global if self.wants_module_keyword(n, args, keywords) => {
                        return self.call_with_module_keyword(func, args, keywords, ty);
                    }
                    NameRes::Global => {
                        if let Some(&fi) = self.cx.sem.early_bound.get(n.as_str())
                            && let Some(v) = self.direct_call(fi, args, keywords, want_parts)
                        {
                            return v;
                        }
                        if let Some(&fi) = self.cx.sem.generator_fns.get(n.as_str())
                            && let Some(v) = self.direct_call(fi, args, keywords, false)
                        {
                            return v;
                        }
                        if let Some(v) = self.construct_native(n, args, keywords) {
                            return v;
                        }
                    }
                    NameRes::Local | NameRes::Cell | NameRes::Free => {}
                }
            }
        }
        if let ExprKind::Attribute { value, attr } = &func.kind
            && !starred
        {
            if let ExprKind::Name(m) = &value.kind
                && self.class_body.is_none()
                && !self.comp.iter().any(|s| s.contains_key(m))
                && self.cx.sem.resolve(self.scope, m) == NameRes::Global
                && let Some(oxyc_sema::ImportBinding::Module(module)) = self.cx.sem.imports.get(m)
                && self.wants_module_keyword_for(module, &attr.name, args, keywords)
            {
                return self.call_with_module_keyword(func, args, keywords, ty);
            }
            if let Some(v) = self.native_super_call(value, &attr.name, args, keywords) {
                return v;
            }
            // `ch.isdigit()` and the like of a character kept as its code point.
            if let (Some(kind), [], true, ExprKind::Name(n)) = (
                crate::word_local::char_test_kind(&attr.name),
                args,
                keywords.is_empty(),
                &value.kind,
            ) && let Some(w) = self.word_local(value, crate::word_local::WordKind::Char)
            {
                return self.char_test(n, w, kind);
            }
            if let (Some(kind), [], true) = (
                crate::word_local::char_test_kind(&attr.name),
                args,
                keywords.is_empty(),
            ) && let Some(v) = self.char_test_at(value, kind)
            {
                return v;
            }
            if let Some(v) = self.token_strip(e, None) {
                return v;
            }
            if let Some(v) = self.strip_then_case(value, &attr.name, args, keywords) {
                return v;
            }
            if attr.name == "format"
                && let ExprKind::Str(t) = &value.kind
                && let Some(r) = self.str_format_call(t, args, keywords)
            {
                return Val::new(r, Ty::Str);
            }
            let recv = self.expr(value);
            // (Asserted to be a dict: tried as one before any native class's method
            // of the same name.)
            if recv.ty == Ty::Object
                && ty == Ty::Object
                && keywords.is_empty()
                && self.dict_hinted(value)
                && let Some(r) = self.dict_method(&recv, &attr.name, args)
            {
                return Val::new(r, Ty::Object);
            }
            if let Some(v) = self.native_method_call(&recv, &attr.name, args, keywords) {
                return v;
            }
            if let Some(v) = self.foreign_method_call(&recv, &attr.name, args, keywords) {
                return v;
            }
            if let (Ty::List(_), "append", [arg], true) =
                (&recv.ty, attr.name.as_str(), args, keywords.is_empty())
            {
                let v = self.expr(arg);
                let b = self.box_val(&v);
                self.prim_void(Prim::ListAppend, vec![recv.reg, b]);
                return self.none();
            }
            if let (Ty::List(_), true) = (&recv.ty, keywords.is_empty())
                && let Some(v) = self.list_method(&recv, &attr.name, args, &ty)
            {
                return v;
            }
            if let (Ty::Str, true, []) = (&recv.ty, keywords.is_empty(), args) {
                let kind = match attr.name.as_str() {
                    "isdigit" => Some(0),
                    "isalpha" => Some(1),
                    "isalnum" => Some(2),
                    "isspace" => Some(3),
                    "isdecimal" => Some(4),
                    "isnumeric" => Some(5),
                    "isascii" => Some(6),
                    _ => None,
                };
                if let Some(kind) = kind {
                    let k = self.konst(Const::Int(kind), RType::CInt);
                    let r = self.prim(Prim::StrIs, vec![recv.reg, k]);
                    return Val::new(self.prim(Prim::CIntToBool, vec![r]), Ty::Bool);
                }
            }
            let fast = match (&recv.ty, keywords.is_empty()) {
                (Ty::Str, true) => self.str_method(&recv, &attr.name, args),
                (Ty::Dict(..), true) => self.dict_method(&recv, &attr.name, args),
                (Ty::Set, true) => self.set_method(&recv, &attr.name, args),
                _ => None,
            };
            let dst = match fast {
                Some(dst) => dst,
                None => {
                    let obj = self.box_val(&recv);
                    let (regs, kwnames) = self.plain_args(args, keywords);
                    // `object.__new__(cls)`, `super().__new__(cls)`: see `oxy_call_new`.
                    if let ("__new__", [cls], None) = (attr.name.as_str(), &regs[..], &kwnames) {
                        let name = self.str_const("__new__");
                        let callable = self.prim(Prim::ObjGetAttr, vec![obj, name]);
                        self.prim(Prim::CallNew, vec![callable, *cls])
                    } else {
                        let dst = self.temp(RType::Obj);
                        self.emit(OpKind::CallMethod {
                            dst,
                            obj,
                            name: attr.name.clone(),
                            args: regs,
                            kwnames,
                        });
                        dst
                    }
                }
            };
            // The result type comes from the builtin method; a subclass's override
            // may return anything: checked, not trusted.
            if ty != Ty::Object && !matches!(ty, Ty::Iter(_)) {
                let what = if matches!(recv.ty, Ty::Dict(..))
                    && matches!(attr.name.as_str(), "get" | "setdefault")
                {
                    "dict value".to_string()
                } else {
                    format!("{}() result", attr.name)
                };
                let r = self.coerce(&Val::new(dst, Ty::Object), &ty, Some(&what));
                return Val::new(r, ty);
            }
            return self.known_obj(Val::new(dst, Ty::Object), &ty);
        }
        let f = self.expr(func);
        let callable = self.box_val(&f);
        let res = self.generic_call(callable, args, keywords);
        // sum()/min()/max() of a container give one of its items (or their sum):
        // typed by the container's declared items, which nothing has checked.
        if let ExprKind::Name(n) = &func.kind
            && matches!(n.as_str(), "sum" | "min" | "max")
            && args.len() == 1
            && rtype_of(&ty) != RType::Obj
        {
            let what = format!("{n}() result");
            let r = self.coerce(&Val::new(res, Ty::Object), &ty, Some(&what));
            return Val::new(r, ty);
        }
        self.known_obj(Val::new(res, Ty::Object), &ty)
    }

    /// The arguments of `e` when it calls the builtin `name` itself (not a name the
    /// module, the function, a comprehension or a class body binds) with 1 to `max`
    /// plain positional arguments.
    pub fn builtin_call_args(&self, e: &'a Expr, name: &str, max: usize) -> Option<&'a [Expr]> {
        let ExprKind::Call {
            func,
            args,
            keywords,
        } = &e.kind
        else {
            return None;
        };
        let ExprKind::Name(n) = &func.kind else {
            return None;
        };
        let plain = keywords.is_empty()
            && (1..=max).contains(&args.len())
            && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let builtin = self.class_body.is_none()
            && !self.comp.iter().any(|s| s.contains_key(n))
            && self.cx.sem.resolve(self.scope, n) == NameRes::Builtin;
        (n == name && plain && builtin).then_some(args.as_slice())
    }

    /// `pop`, `remove` and `insert` on a value typed `list`: straight to the list.
    fn list_method(&mut self, recv: &Val, name: &str, args: &'a [Expr], ty: &Ty) -> Option<Val> {
        if args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
            return None;
        }
        match (name, args) {
            // (The items of a `list[int]` are checked when read: Python code may
            // have put anything there.)
            ("pop", []) => {
                let r = self.prim(Prim::ListPopLast, vec![recv.reg]);
                let v = self.coerce(&Val::new(r, Ty::Object), ty, Some("list item"));
                Some(Val::new(v, ty.clone()))
            }
            ("pop", [i]) if self.ty(i).is_intlike() => {
                let v = self.expr(i);
                let iv = self.coerce(&v, &Ty::Int, None);
                let r = self.prim(Prim::ListPop, vec![recv.reg, iv]);
                let v = self.coerce(&Val::new(r, Ty::Object), ty, Some("list item"));
                Some(Val::new(v, ty.clone()))
            }
            ("remove", [x]) => {
                let v = self.expr(x);
                let b = self.box_val(&v);
                self.prim_void(Prim::ListRemove, vec![recv.reg, b]);
                Some(self.none())
            }
            ("insert", [i, x]) if self.ty(i).is_intlike() => {
                let v = self.expr(i);
                let iv = self.coerce(&v, &Ty::Int, None);
                let xv = self.expr(x);
                let b = self.box_val(&xv);
                self.prim_void(Prim::ListInsert, vec![recv.reg, iv, b]);
                Some(self.none())
            }
            _ => None,
        }
    }

    /// The common methods of a value typed str, to the runtime's `oxy_str_*` (which
    /// call the method itself for a str subclass or arguments of other types): the
    /// result, unchecked, or None for another method or call shape.
    fn str_method(&mut self, recv: &Val, name: &str, args: &'a [Expr]) -> Option<Reg> {
        if args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
            return None;
        }
        let (prim, which, nargs): (Prim, Option<i64>, std::ops::RangeInclusive<usize>) = match name
        {
            "split" => (Prim::StrSplit, Some(0), 0..=2),
            "rsplit" => (Prim::StrSplit, Some(1), 0..=2),
            "strip" => (Prim::StrStrip, Some(0), 0..=1),
            "lstrip" => (Prim::StrStrip, Some(1), 0..=1),
            "rstrip" => (Prim::StrStrip, Some(2), 0..=1),
            "startswith" => (Prim::StrAffix, Some(0), 1..=1),
            "endswith" => (Prim::StrAffix, Some(1), 1..=1),
            "find" => (Prim::StrFind, Some(0), 1..=1),
            "rfind" => (Prim::StrFind, Some(1), 1..=1),
            "count" => (Prim::StrFind, Some(2), 1..=1),
            "index" => (Prim::StrFind, Some(3), 1..=1),
            "rindex" => (Prim::StrFind, Some(4), 1..=1),
            "replace" => (Prim::StrReplace, None, 2..=3),
            "partition" => (Prim::StrPartition, Some(0), 1..=1),
            "rpartition" => (Prim::StrPartition, Some(1), 1..=1),
            "lower" => (Prim::StrCase, Some(0), 0..=0),
            "upper" => (Prim::StrCase, Some(1), 0..=0),
            "capitalize" => (Prim::StrCase, Some(2), 0..=0),
            "join" => (Prim::StrJoinMethod, None, 1..=1),
            _ => return None,
        };
        if !nargs.contains(&args.len()) {
            return None;
        }
        let mut regs = vec![self.box_val(recv)];
        for a in args {
            let v = self.expr(a);
            regs.push(self.box_val(&v));
        }
        // Arguments not given: None for a separator or characters, -1 for a count.
        let wanted = match prim {
            Prim::StrSplit => 3,
            Prim::StrStrip => 2,
            Prim::StrReplace => 4,
            _ => regs.len(),
        };
        while regs.len() < wanted {
            let missing = if (prim == Prim::StrSplit && regs.len() == 1) || prim == Prim::StrStrip {
                self.none().reg
            } else {
                let k = self.konst(Const::Int(-1), RType::Int);
                self.box_val(&Val::new(k, Ty::Int))
            };
            regs.push(missing);
        }
        if let Some(w) = which {
            regs.push(self.konst(Const::Int(w), RType::CInt));
        }
        Some(self.prim(prim, regs))
    }

    /// `s.strip(chars).lower()` (or `lstrip`/`rstrip`, `upper`) of a value typed str:
    /// one pass and one new str (`oxy_str_strip_case`, which makes the two calls for a
    /// subclass); None for any other shape.
    fn strip_then_case(
        &mut self,
        value: &'a Expr,
        case: &str,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Option<Val> {
        let upper = match case {
            "lower" => 0,
            "upper" => 1,
            _ => return None,
        };
        let (s, which, chars) = crate::local_walk::strip_call(value)?;
        if !args.is_empty() || !keywords.is_empty() {
            return None;
        }
        if self.is_token(s) {
            return self.token_strip(value, Some(upper));
        }
        if self.ty(s) != Ty::Str {
            return None;
        }
        let sv = self.expr(s);
        let chars = self.strip_chars(chars);
        let w = self.konst(Const::Int(which), RType::CInt);
        let u = self.konst(Const::Int(upper), RType::CInt);
        let r = self.prim(Prim::StrStripCase, vec![sv.reg, chars, w, u]);
        // (A subclass's methods may return anything: checked, as for the two calls.)
        let what = format!("{case}() result");
        let r = self.coerce(&Val::new(r, Ty::Object), &Ty::Str, Some(&what));
        Some(Val::new(r, Ty::Str))
    }

    /// The characters argument of a `strip` call, boxed (None when not given).
    pub fn strip_chars(&mut self, chars: Option<&'a Expr>) -> Reg {
        match chars {
            Some(c) => {
                let cv = self.expr(c);
                self.box_val(&cv)
            }
            None => self.none().reg,
        }
    }

    /// `get` and `setdefault` of a value typed dict, to the runtime (which calls the
    /// method itself for a dict subclass): the result, unchecked.
    fn dict_method(&mut self, recv: &Val, name: &str, args: &'a [Expr]) -> Option<Reg> {
        if args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
            return None;
        }
        let prim = match (name, args.len()) {
            ("get", 1) => Prim::DictGet1,
            ("get", 2) => Prim::DictGet,
            ("setdefault", 1) => Prim::DictSetDefault1,
            ("setdefault", 2) => Prim::DictSetDefault,
            _ => return None,
        };
        let mut regs = vec![self.box_val(recv)];
        let mut hash = None;
        for (i, a) in args.iter().enumerate() {
            let v = self.expr(a);
            regs.push(self.box_val(&v));
            if i == 0 && name == "get" {
                hash = self.tuple_key_hash(&v);
            }
        }
        if let Some(h) = hash {
            regs.push(h);
            let prim = if prim == Prim::DictGet1 {
                Prim::DictGet1H
            } else {
                Prim::DictGetH
            };
            return Some(self.prim(prim, regs));
        }
        Some(self.prim(prim, regs))
    }

    /// `s.add(key)` of a tuple key on a value typed set: the key hashed once
    /// (`tuple_key_hash`); a subclass's `add` is called as a method.
    fn set_method(&mut self, recv: &Val, name: &str, args: &'a [Expr]) -> Option<Reg> {
        let [arg] = args else {
            return None;
        };
        if name != "add"
            || matches!(arg.kind, ExprKind::Starred(_))
            || !matches!(
                self.cx.types.exprs.get(arg.id),
                Ty::Tuple(_) | Ty::TupleVar(_)
            )
        {
            return None;
        }
        let set = self.box_val(recv);
        let v = self.expr(arg);
        let key = self.box_val(&v);
        // (Any object may be asked: what is not a pure tuple answers -1.)
        let h = self.prim(Prim::HashPure, vec![key]);
        Some(self.prim(Prim::SetAddH, vec![set, key, h]))
    }

    /// The test of `isinstance(x, c)` for the builtin type named `c` (when the name
    /// means the builtin here).
    fn isinstance_prim(&self, c: &str) -> Option<Prim> {
        let prim = match c {
            "int" => Prim::IsInstanceInt,
            "bool" => Prim::IsInstanceBool,
            "float" => Prim::IsInstanceFloat,
            "str" => Prim::IsInstanceStr,
            "bytes" => Prim::IsInstanceBytes,
            "list" => Prim::IsInstanceList,
            "tuple" => Prim::IsInstanceTuple,
            "dict" => Prim::IsInstanceDict,
            "set" => Prim::IsInstanceSet,
            _ => return None,
        };
        let builtin = !self.comp.iter().any(|s| s.contains_key(c))
            && self.cx.sem.resolve(self.scope, c) == NameRes::Builtin;
        builtin.then_some(prim)
    }

    /// Is global `n` bound only by `from collections import namedtuple` (or by `from
    /// enum import Enum`, `IntEnum`, `Flag`, `IntFlag`, `StrEnum`, called with a name
    /// and members: the functional API), and the call says no `module=`? Those read
    /// the caller's module from its frame, and compiled code has none: the nearest
    /// frame is the importer's, so the class would claim to be importlib's and not
    /// pickle. Such a call passes `module=__name__`, which is what the frame would give.
    fn wants_module_keyword(&self, n: &str, args: &[Expr], keywords: &[Keyword]) -> bool {
        match self.cx.sem.imports.get(n) {
            Some(oxyc_sema::ImportBinding::From {
                module: Some(m),
                level: 0,
                name,
            }) => self.wants_module_keyword_for(m, name, args, keywords),
            _ => false,
        }
    }

    /// The same for `name` of module `m` (`collections.namedtuple(...)`).
    fn wants_module_keyword_for(
        &self,
        m: &str,
        name: &str,
        args: &[Expr],
        keywords: &[Keyword],
    ) -> bool {
        let known = match m {
            "collections" => name == "namedtuple",
            // (The functional API: a name and members, positional or `names=`.)
            "enum" => {
                ["Enum", "IntEnum", "Flag", "IntFlag", "StrEnum"].contains(&name)
                    && (args.len() >= 2
                        || keywords
                            .iter()
                            .any(|k| k.arg.as_ref().is_some_and(|a| a.name == "names")))
            }
            _ => false,
        };
        known
            && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            && keywords
                .iter()
                .all(|k| k.arg.as_ref().is_some_and(|a| a.name != "module"))
    }

    /// The call, with `module=__name__` after the arguments given.
    fn call_with_module_keyword(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        ty: Ty,
    ) -> Val {
        let f = self.expr(func);
        let callable = self.box_val(&f);
        let (regs, kwnames) = self.plain_args(args, keywords);
        // (Only if it is still that function or an enum class when called: a stand-in
        // put there from outside gets the call as written.)
        let fits = self.prim(Prim::ModuleKwFits, vec![callable]);
        let (with, without, done) = (self.new_block(), self.new_block(), self.new_block());
        let dst = self.temp(RType::Obj);
        self.branch(fits, with, without);
        self.switch_to(with);
        let modname = self.temp(RType::Obj);
        self.emit(OpKind::LoadGlobal {
            dst: modname,
            name: "__name__".into(),
        });
        let mut with_module = regs.clone();
        with_module.push(modname);
        let mut names = kwnames.clone().unwrap_or_default();
        names.push("module".into());
        self.emit(OpKind::CallObj {
            dst,
            callable,
            args: with_module,
            kwnames: Some(names),
        });
        self.goto(done);
        self.switch_to(without);
        self.emit(OpKind::CallObj {
            dst,
            callable,
            args: regs,
            kwnames,
        });
        self.goto(done);
        self.switch_to(done);
        self.known_obj(Val::new(dst, Ty::Object), &ty)
    }

    /// Evaluate positional then keyword arguments, boxed.
    fn plain_args(
        &mut self,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> (Vec<Reg>, Option<Vec<String>>) {
        let mut regs = Vec::new();
        for a in args {
            let v = self.expr(a);
            regs.push(self.box_val(&v));
        }
        let mut names = Vec::new();
        for k in keywords {
            let v = self.expr(&k.value);
            regs.push(self.box_val(&v));
            names.push(k.arg.as_ref().map_or(String::new(), |a| a.name.clone()));
        }
        (regs, if names.is_empty() { None } else { Some(names) })
    }

    pub fn generic_call(
        &mut self,
        callable: Reg,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Reg {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none());
        if !starred {
            let (regs, kwnames) = self.plain_args(args, keywords);
            let dst = self.temp(RType::Obj);
            self.emit(OpKind::CallObj {
                dst,
                callable,
                args: regs,
                kwnames,
            });
            return dst;
        }
        // The forwarding idiom `f(*args, **kwargs)`: the tuple as is, the dict copied.
        let tuple = match args {
            [
                Expr {
                    kind: ExprKind::Starred(x),
                    ..
                },
            ] => {
                let v = self.expr(x);
                let b = self.box_val(&v);
                self.prim(Prim::CallStarTuple, vec![callable, b])
            }
            _ => self.call_star_args(args),
        };
        if keywords.is_empty() {
            return self.prim(Prim::ObjCallStarNoKw, vec![callable, tuple]);
        }
        if let [
            Keyword {
                arg: None, value, ..
            },
        ] = keywords
        {
            let v = self.expr(value);
            let b = self.box_val(&v);
            let dict = self.prim(Prim::CallKwCopy, vec![callable, b]);
            return self.prim(Prim::ObjCallStar, vec![callable, tuple, dict]);
        }
        let dict = self.temp(RType::Obj);
        self.emit(OpKind::BuildDict {
            dst: dict,
            keys: vec![],
            values: vec![],
        });
        // Keyword names are distinct (the parser checks) until a `**` brings others.
        let mut merged = false;
        for k in keywords {
            let v = self.expr(&k.value);
            let b = self.box_val(&v);
            match &k.arg {
                Some(name) => {
                    let key = self.str_const(&name.name);
                    if merged {
                        self.prim_void(Prim::CallKwSet, vec![callable, dict, key, b]);
                    } else {
                        self.prim_void(Prim::DictSetItem, vec![dict, key, b]);
                    }
                }
                None => {
                    self.prim_void(Prim::CallKwMerge, vec![callable, dict, b]);
                    merged = true;
                }
            }
        }
        self.prim(Prim::ObjCallStar, vec![callable, tuple, dict])
    }

    /// The positional arguments of a call with `*x` among other arguments, as a
    /// tuple (built as the interpreter does: "Value after * must be an iterable").
    fn call_star_args(&mut self, args: &'a [Expr]) -> Reg {
        let list = self.temp(RType::Obj);
        self.emit(OpKind::Build {
            dst: list,
            kind: BuildKind::List,
            items: vec![],
        });
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    let v = self.expr(inner);
                    let b = self.box_val(&v);
                    self.prim_void(Prim::ListExtend, vec![list, b]);
                }
                _ => {
                    let v = self.expr(a);
                    let b = self.box_val(&v);
                    self.prim_void(Prim::ListAppend, vec![list, b]);
                }
            }
        }
        self.prim(Prim::ListToTuple, vec![list])
    }

    /// The class the class statement of this method created (Python's `__class__`
    /// cell): from its static, or from the cell of the function that made it.
    pub fn class_object(&mut self, read: ClassCellRead) -> Option<Reg> {
        if let Some(name) = self.class_static.clone() {
            let dst = self.temp(RType::Obj);
            self.emit(OpKind::LoadStatic {
                dst,
                name,
                class_cell: Some(read),
            });
            return Some(dst);
        }
        let cell = self.scope?.class_cell.as_deref()?;
        let v = self.load_name(cell);
        Some(self.box_val(&v))
    }

    /// `super()` in a method: `super(Class, first_argument)`, with the class the
    /// class statement created (Python's `__class__` cell).
    fn zero_arg_super(&mut self) -> Option<Val> {
        let first = self.scope?.params.first()?.clone();
        let cls = self.class_object(ClassCellRead::Super)?;
        let inst = self.load_name(&first);
        let inst = self.box_val(&inst);
        let callee = self.temp(RType::Obj);
        self.emit(OpKind::LoadBuiltin {
            dst: callee,
            name: "super".to_string(),
        });
        let dst = self.temp(RType::Obj);
        self.emit(OpKind::CallObj {
            dst,
            callable: callee,
            args: vec![cls, inst],
            kwnames: None,
        });
        Some(Val::new(dst, Ty::Object))
    }

    /// `super()` in a method of a module with a star import, which may have bound
    /// `super`: the global, called as the zero-argument form if it is the builtin.
    fn zero_arg_super_global(&mut self) -> Option<Val> {
        let first = self.scope?.params.first()?.clone();
        let cls = self.class_object(ClassCellRead::Super)?;
        let inst = self.load_name(&first);
        let inst = self.box_val(&inst);
        let callee = self.load_name("super");
        let callee = self.box_val(&callee);
        let dst = self.prim(Prim::CallMaybeSuper, vec![callee, cls, inst]);
        Some(Val::new(dst, Ty::Object))
    }

    /// `super().name(args)` in a plain method of native class `C` whose native base
    /// resolves `name` to a compiled plain method: a direct call when `self` is an
    /// instance of `C`'s native family (their MRO is the native chain), else the
    /// ordinary `super()` call.
    fn native_super_call(
        &mut self,
        value: &'a Expr,
        name: &str,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Option<Val> {
        let ExprKind::Call {
            func: sup,
            args: sargs,
            keywords: skw,
        } = &value.kind
        else {
            return None;
        };
        if !matches!(&sup.kind, ExprKind::Name(n) if n == "super")
            || !sargs.is_empty()
            || !skw.is_empty()
            || self.class_body.is_some()
        {
            return None;
        }
        let kws = bind::keyword_names(keywords)?;
        let scope = self.scope?;
        let fi_self = self.func_index?;
        let class = &scope.method_of.as_ref()?.class;
        let ci = self.cx.sem.native_named(class)?;
        let first = scope.params.first()?.clone();
        if self.cx.types.sigs[fi_self].params.first() != Some(&Ty::Instance(class.clone())) {
            return None;
        }
        let base = self.cx.sem.native[ci].base?;
        let base_name = self.cx.sem.native[base].name.clone();
        let fi = oxyc_types::method_of(self.cx.sem, &base_name, name)?;
        let def = self.cx.sem.functions[fi].def()?;
        if !def.decorators.is_empty() {
            return None;
        }
        let plan = bind::plan(def, 1, args.len(), &kws)?;
        let sig = self.cx.types.sigs[fi].clone();
        let me = self.load_name(&first);
        let (values, kw_values) = self.eval_call_args(args, keywords);
        let result = self.temp(rtype_of(&sig.ret));
        let family = self.native_family(ci as u32);
        let is = self.temp(RType::Bool);
        self.emit(OpKind::TypeIs {
            dst: is,
            obj: me.reg,
            classes: family,
            method: None,
        });
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(is, fast, slow);
        self.switch_to(fast);
        let mut regs = vec![self.coerce(&me, &sig.params[0], None)];
        regs.extend(self.bound_args(fi, 1, &plan, &values, &kws, &kw_values));
        let dst = self.temp(rtype_of(&sig.ret));
        self.emit(OpKind::Call {
            dst,
            func: FuncId(fi as u32),
            args: regs,
            bound: true,
        });
        self.assign(result, dst);
        self.goto(done);
        self.switch_to(slow);
        let sup_obj = self.zero_arg_super()?;
        let obj = self.box_val(&sup_obj);
        let (boxed, kwnames) = self.boxed_call_args(&values, &kws, &kw_values);
        let g = self.temp(RType::Obj);
        self.emit(OpKind::CallMethod {
            dst: g,
            obj,
            name: name.to_string(),
            args: boxed,
            kwnames,
        });
        let what = format!("return value of {name}()");
        let r = self.coerce(&Val::new(g, Ty::Object), &sig.ret, Some(&what));
        self.assign(result, r);
        self.goto(done);
        self.switch_to(done);
        Some(Val::new(result, sig.ret))
    }

    /// `C(args)` for a native class `C`: allocate the instance and call its compiled
    /// `__init__` directly (native classes have no `__new__` and no metaclass).
    fn construct_native(
        &mut self,
        class: &str,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Option<Val> {
        let ci = self.cx.sem.native_named(class)?;
        let init = oxyc_types::method_of(self.cx.sem, class, "__init__");
        let Some(fi) = init else {
            // (An `__init__` that is not a compiled method, e.g. one `@dataclass`
            // adds, must run through the type's call.)
            let mut c = Some(ci);
            while let Some(k) = c {
                if self.cx.sem.native[k].class_attrs.contains("__init__") {
                    return None;
                }
                c = self.cx.sem.native[k].base;
            }
            if !args.is_empty() || !keywords.is_empty() {
                return None;
            }
            let dst = self.temp(RType::Obj);
            self.emit(OpKind::NewInstance {
                dst,
                class: ci as u32,
            });
            return Some(Val::new(dst, Ty::Instance(class.to_string())));
        };
        let def = self.cx.sem.functions[fi].def()?;
        let kws = bind::keyword_names(keywords)?;
        if !def.decorators.is_empty() {
            return None;
        }
        let plan = bind::plan(def, 1, args.len(), &kws)?;
        let (values, kw_values) = self.eval_call_args(args, keywords);
        let obj = self.temp(RType::Obj);
        self.emit(OpKind::NewInstance {
            dst: obj,
            class: ci as u32,
        });
        let inst = Val::new(obj, Ty::Instance(class.to_string()));
        let sig = self.cx.types.sigs[fi].clone();
        let mut regs = vec![self.coerce(&inst, &sig.params[0], None)];
        regs.extend(self.bound_args(fi, 1, &plan, &values, &kws, &kw_values));
        let dst = self.temp(rtype_of(&sig.ret));
        self.emit(OpKind::Call {
            dst,
            func: FuncId(fi as u32),
            args: regs,
            bound: true,
        });
        let result = self.box_val(&Val::new(dst, sig.ret.clone()));
        self.prim_void(Prim::InitReturnedNone, vec![result]);
        Some(inst)
    }

    /// Boxed argument registers and keyword names for a generic call of evaluated
    /// arguments.
    fn boxed_call_args(
        &mut self,
        values: &[Val],
        kws: &[&str],
        kw_values: &[Val],
    ) -> (Vec<Reg>, Option<Vec<String>>) {
        let regs: Vec<Reg> = values
            .iter()
            .chain(kw_values)
            .map(|v| self.box_val(v))
            .collect();
        let names = (!kws.is_empty()).then(|| kws.iter().map(|k| k.to_string()).collect());
        (regs, names)
    }

    /// `obj.name(args)` where `obj` is an instance of a native class whose `name` is a
    /// compiled plain method: when `type(obj)` is exactly that class nothing can
    /// override the method, so it is a direct C call; otherwise (a subclass) the
    /// ordinary method call.
    fn native_method_call(
        &mut self,
        recv: &Val,
        name: &str,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> Option<Val> {
        let kws = bind::keyword_names(keywords)?;
        // A receiver of unknown type is guessed to be the one native class that
        // defines this method (the exact-type test below keeps that safe).
        let class = match &recv.ty {
            Ty::Instance(c) | Ty::OptInstance(c) => c.clone(),
            Ty::Object => self.only_class_defining(name, false)?,
            _ => return None,
        };
        // Every implementation must take these arguments the same way.
        let base_def =
            self.cx.sem.functions[oxyc_types::method_of(self.cx.sem, &class, name)?].def()?;
        let plan = bind::plan(base_def, 1, args.len(), &kws)?;
        let groups = self.method_groups_with(&class, name, &|def| {
            bind::plan(def, 1, args.len(), &kws).as_ref() == Some(&plan)
        })?;
        let base_fi = groups[0].1;
        let sig = self.cx.types.sigs[base_fi].clone();
        // A guessed receiver may be anything: its result is any object.
        let res_ty = if recv.ty == Ty::Object {
            Ty::Object
        } else {
            sig.ret.clone()
        };
        let (values, kw_values) = self.eval_call_args(args, keywords);
        let result = self.temp(rtype_of(&res_ty));
        let (slow, done) = (self.new_block(), self.new_block());
        // One direct call per implementation, chosen by the exact type.
        for (classes, fi) in self.leaves_first(groups) {
            let (fast, next) = (self.new_block(), self.new_block());
            let is = self.temp(RType::Bool);
            self.emit(OpKind::TypeIs {
                dst: is,
                obj: recv.reg,
                classes,
                method: Some(name.to_string()),
            });
            self.branch(is, fast, next);
            self.switch_to(fast);
            let fsig = self.cx.types.sigs[fi].clone();
            let mut regs = vec![self.coerce(recv, &fsig.params[0], None)];
            regs.extend(self.bound_args(fi, 1, &plan, &values, &kws, &kw_values));
            let dst = self.temp(rtype_of(&fsig.ret));
            self.emit(OpKind::Call {
                dst,
                func: FuncId(fi as u32),
                args: regs,
                bound: true,
            });
            let r = self.coerce(&Val::new(dst, fsig.ret.clone()), &res_ty, None);
            self.assign(result, r);
            self.goto(done);
            self.switch_to(next);
        }
        self.goto(slow);

        // Anything else (a Python subclass, None, another type): the method call.
        self.switch_to(slow);
        let obj = self.box_val(recv);
        let (boxed, kwnames) = self.boxed_call_args(&values, &kws, &kw_values);
        let dst = self.temp(RType::Obj);
        self.emit(OpKind::CallMethod {
            dst,
            obj,
            name: name.to_string(),
            args: boxed,
            kwnames,
        });
        let what = format!("return value of {name}()");
        let r = self.coerce(&Val::new(dst, Ty::Object), &res_ty, Some(&what));
        self.assign(result, r);
        self.goto(done);

        self.switch_to(done);
        Some(Val::new(result, res_ty))
    }

    /// A call to an early-bound compiled function whose arguments bind statically
    /// (see `bind`).
    /// A call of a function of another module compiled in the same build (see
    /// `oxyc_types::xmod`): the callee is evaluated as usual, then, when it is that
    /// module's compiled function (`ExternReady`: the object the call site last
    /// found, else a check of its signature hash), its C function is called
    /// directly with unboxed arguments bound here; anything else bound to the name
    /// (a replacement, the module run interpreted) gets an ordinary call, whose
    /// result is checked against the return annotation the caller was typed by.
    fn extern_call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        xc: &oxyc_types::xmod::XCall,
    ) -> Val {
        use oxyc_types::xmod::XBind;
        let Some(x) = self.cx.types.xsites.get(xc.site) else {
            let f = self.expr(func);
            let callable = self.box_val(&f);
            let r = self.generic_call(callable, args, keywords);
            return Val::new(r, Ty::Object);
        };
        let callable = self.module_path(func);
        let kws: Vec<&str> = keywords
            .iter()
            .map(|k| k.arg.as_ref().map_or("", |a| a.name.as_str()))
            .collect();
        let (values, kw_values) = self.eval_call_args(args, keywords);
        let ty = x.result_ty();
        let result = self.temp(rtype_of(&ty));
        let ready = self.temp(RType::Bool);
        self.emit(OpKind::ExternReady {
            dst: ready,
            callable,
            site: xc.site as u32,
        });
        let (fast, slow, done) = (self.new_block(), self.new_block(), self.new_block());
        self.branch(ready, fast, slow);

        self.switch_to(fast);
        let mut regs = Vec::with_capacity(x.params.len());
        for (p, b) in x.params.iter().zip(&xc.binds) {
            let v = match b {
                XBind::Arg(i) => values.get(*i).cloned(),
                XBind::Kw(k) => kw_values.get(*k).cloned(),
                XBind::Default(d) => Some(self.default_lit(d)),
            };
            let v = match v {
                Some(v) => v,
                None => self.none(),
            };
            // (An instance of a class the callee's module may not have made goes
            // the ordinary way.)
            let r = match self.xarg(&v, p, &x.name, slow) {
                Some(r) => r,
                None => {
                    let b = self.box_val(&v);
                    let f = self.konst(Const::Bool(false), RType::Bool);
                    let cont = self.new_block();
                    self.branch(f, cont, slow);
                    self.switch_to(cont);
                    b
                }
            };
            regs.push(r);
        }
        let dst = self.temp(rtype_of(&x.ret));
        self.emit(OpKind::CallExtern {
            dst,
            site: xc.site as u32,
            args: regs,
        });
        let r = self.coerce(&Val::new(dst, x.ret.clone()), &ty, None);
        self.assign(result, r);
        self.goto(done);

        self.switch_to(slow);
        let (boxed, kwnames) = self.boxed_call_args(&values, &kws, &kw_values);
        let g = self.temp(RType::Obj);
        self.emit(OpKind::CallObj {
            dst: g,
            callable,
            args: boxed,
            kwnames,
        });
        let what = format!("{}() return value", x.name);
        let r = self.coerce(&Val::new(g, Ty::Object), &ty, Some(&what));
        self.assign(result, r);
        self.goto(done);

        self.switch_to(done);
        Val::new(result, ty)
    }

    /// A dotted name through modules (`m.f`, `pkg.mod.f`), boxed: each attribute
    /// read remembered per site while its module's dict is unchanged.
    pub fn module_path(&mut self, e: &'a Expr) -> Reg {
        if let ExprKind::Attribute { value, attr } = &e.kind
            && matches!(value.kind, ExprKind::Name(_) | ExprKind::Attribute { .. })
        {
            let obj = self.module_path(value);
            let dst = self.temp(RType::Obj);
            self.emit(OpKind::ModuleAttr {
                dst,
                obj,
                name: attr.name.clone(),
            });
            return dst;
        }
        let v = self.expr(e);
        self.box_val(&v)
    }

    /// A call of an early-bound function, bound at compile time. For a top-level
    /// generator function (or coroutine, async generator) the result is the object its
    /// `_make` entry builds (not with `*args` or `**kwargs`: the wrapper packs those).
    ///
    /// A function that returns its tuple unboxed gives its items; with `want_parts`
    /// they are left in `parts` (for the assignment that asked), else the tuple is
    /// built here.
    fn direct_call(
        &mut self,
        fi: usize,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        want_parts: bool,
    ) -> Option<Val> {
        let scope = &self.cx.sem.functions[fi];
        let def = scope.def()?;
        if scope.is_generator && (def.params.vararg.is_some() || def.params.kwarg.is_some()) {
            return None;
        }
        let kws = bind::keyword_names(keywords)?;
        let plan = bind::plan(def, 0, args.len(), &kws)?;
        let tparams = self.cx.types.unboxed_params[fi].clone();
        let regs = if tparams.iter().any(Option::is_some) {
            // (Unboxed tuple parameters take the items: see `bind::TupleArg`.)
            let (values, kw_values, items) =
                self.eval_call_args_items(args, keywords, &plan, &tparams);
            self.bound_args_items(fi, 0, &plan, &values, &kws, &kw_values, &items)
        } else {
            let (values, kw_values) = self.eval_call_args(args, keywords);
            self.bound_args(fi, 0, &plan, &values, &kws, &kw_values)
        };
        let sig = &self.cx.types.sigs[fi];
        let ret = if scope.is_generator {
            sig.call_result.clone()
        } else {
            sig.ret.clone()
        };
        let unboxed = match scope.is_generator {
            true => None,
            false => self.cx.types.unboxed_returns[fi].clone(),
        };
        let dst = self.temp(match (&unboxed, scope.is_generator) {
            (Some(items), _) => rtype_of(&items[0]),
            (None, true) => RType::Obj,
            (None, false) => rtype_of(&ret),
        });
        self.emit(OpKind::Call {
            dst,
            func: FuncId(fi as u32),
            args: regs,
            bound: false,
        });
        let Some(items) = unboxed else {
            return Some(Val::new(dst, ret));
        };
        let mut vals = vec![Val::new(dst, items[0].clone())];
        for (i, t) in items.iter().enumerate().skip(1) {
            let r = self.temp(rtype_of(t));
            self.emit(OpKind::LoadRet {
                dst: r,
                func: FuncId(fi as u32),
                index: i as u32,
            });
            vals.push(Val::new(r, t.clone()));
        }
        if want_parts {
            let first = vals[0].clone();
            self.parts = Some(vals);
            return Some(first);
        }
        let tuple = self.tuple_of(&vals);
        Some(Val::new(tuple, ret))
    }

    fn builtin_call(
        &mut self,
        name: &str,
        args: &'a [Expr],
        keywords: &'a [Keyword],
        ty: &Ty,
    ) -> Option<Val> {
        if !keywords.is_empty() {
            return None;
        }
        match (name, args) {
            (
                "all" | "any" | "sum" | "min" | "max",
                [
                    g @ Expr {
                        kind: ExprKind::GeneratorExp { .. },
                        ..
                    },
                ],
            ) => self.inline_consumer(name, g),
            // tuple(x): what the builtin does (an exact tuple is returned as is, an
            // exact list copied, anything else iterated).
            ("tuple", [x]) if !matches!(x.kind, ExprKind::Starred(_)) => {
                if let Some(t) = self.list_slice_tuple(x) {
                    return Some(Val::new(t.reg, ty.clone()));
                }
                let v = self.expr(x);
                let b = self.box_val(&v);
                let t = self.prim(Prim::SeqTuple, vec![b]);
                Some(Val::new(t, ty.clone()))
            }
            // (Only the call the builtin itself would get: a metaclass is not `type`.)
            ("type", [name, bases, ns])
                if ![name, bases, ns]
                    .iter()
                    .any(|a| matches!(a.kind, ExprKind::Starred(_))) =>
            {
                let regs: Vec<Reg> = [name, bases, ns]
                    .iter()
                    .map(|a| {
                        let v = self.expr(a);
                        self.box_val(&v)
                    })
                    .collect();
                let modname = self.temp(RType::Obj);
                self.emit(OpKind::LoadGlobal {
                    dst: modname,
                    name: "__name__".into(),
                });
                let r = self.prim(Prim::TypeNew3, vec![regs[0], regs[1], regs[2], modname]);
                Some(Val::new(r, Ty::Object))
            }
            ("isinstance", [x, cls]) => {
                // A builtin type, or a tuple display of them: each type tested in
                // turn, as isinstance tests the items of a tuple (after evaluating
                // them all), up to the first that matches.
                let names: Vec<&Expr> = match &cls.kind {
                    ExprKind::Tuple(items) if !items.is_empty() && items.len() <= 8 => {
                        items.iter().collect()
                    }
                    _ => vec![cls],
                };
                let mut prims = Vec::new();
                for n in &names {
                    let ExprKind::Name(c) = &n.kind else {
                        return None;
                    };
                    prims.push(self.isinstance_prim(c)?);
                }
                let v = self.expr(x);
                let obj = self.box_val(&v);
                let classes: Vec<Reg> = names.iter().map(|n| self.expr(n).reg).collect();
                if let ([prim], [k]) = (&prims[..], &classes[..]) {
                    let r = self.prim(*prim, vec![obj, *k]);
                    return Some(Val::new(self.prim(Prim::CIntToBool, vec![r]), Ty::Bool));
                }
                let result = self.temp(RType::Bool);
                let done = self.new_block();
                for (i, (prim, k)) in prims.iter().zip(&classes).enumerate() {
                    let r = self.prim(*prim, vec![obj, *k]);
                    let b = self.prim(Prim::CIntToBool, vec![r]);
                    self.emit(OpKind::Assign {
                        dst: result,
                        src: b,
                    });
                    if i + 1 < prims.len() {
                        let next = self.new_block();
                        self.branch(b, done, next);
                        self.switch_to(next);
                    } else {
                        self.goto(done);
                    }
                }
                self.switch_to(done);
                Some(Val::new(result, Ty::Bool))
            }
            ("len", [a]) if self.split_local(a).is_some() => {
                let n = self.split_local(a).unwrap_or_default();
                let k = self.split_items(&n).len();
                Some(Val::new(
                    self.konst(Const::Int(k as i64), RType::Int),
                    Ty::Int,
                ))
            }
            ("len", [a]) if self.is_vec(a) => self.vec_len(a),
            ("len", [a]) => {
                let v = self.expr(a);
                // The exact type's size, else `__len__` (a subclass may define it);
                // both short ints (the runtime refuses a longer length). `__len__` of
                // anything else may return up to 2**63 - 1.
                let (n, to_int) = match &v.ty {
                    Ty::Str => (self.prim(Prim::LenStr, vec![v.reg]), Prim::SsizeToInt),
                    Ty::List(_) => (self.prim(Prim::LenList, vec![v.reg]), Prim::SsizeToInt),
                    Ty::Tuple(_) | Ty::TupleVar(_) => {
                        (self.prim(Prim::LenTuple, vec![v.reg]), Prim::SsizeToInt)
                    }
                    Ty::Dict(..) => (self.prim(Prim::LenDict, vec![v.reg]), Prim::SsizeToInt),
                    _ => {
                        let b = self.box_val(&v);
                        (self.prim(Prim::ObjLen, vec![b]), Prim::SsizeToIntChecked)
                    }
                };
                Some(Val::new(self.prim(to_int, vec![n]), Ty::Int))
            }
            ("abs", [a]) => {
                let v = self.expr(a);
                Some(match &v.ty {
                    Ty::Int | Ty::Bool => {
                        let i = self.coerce(&v, &Ty::Int, None);
                        Val::new(self.prim(Prim::IntAbs, vec![i]), Ty::Int)
                    }
                    Ty::Float => Val::new(self.prim(Prim::FloatAbs, vec![v.reg]), Ty::Float),
                    _ => {
                        let b = self.box_val(&v);
                        Val::new(self.prim(Prim::ObjAbs, vec![b]), Ty::Object)
                    }
                })
            }
            ("int", [a]) => {
                let v = self.expr(a);
                Some(match &v.ty {
                    Ty::Int | Ty::Bool => Val::new(self.coerce(&v, &Ty::Int, None), Ty::Int),
                    Ty::Float => Val::new(self.prim(Prim::IntFromFloat, vec![v.reg]), Ty::Int),
                    Ty::Str => Val::new(self.prim(Prim::StrToInt, vec![v.reg]), Ty::Int),
                    _ => {
                        let b = self.box_val(&v);
                        let r = self.prim(Prim::ObjToInt, vec![b]);
                        self.known_obj(Val::new(r, Ty::Object), &Ty::Int)
                    }
                })
            }
            ("int", []) => Some(Val::new(self.konst(Const::Int(0), RType::Int), Ty::Int)),
            ("float", [a]) => {
                let v = self.expr(a);
                Some(match &v.ty {
                    Ty::Int | Ty::Bool | Ty::Float => {
                        Val::new(self.coerce(&v, &Ty::Float, None), Ty::Float)
                    }
                    _ => {
                        let b = self.box_val(&v);
                        let r = self.prim(Prim::ObjToFloat, vec![b]);
                        self.known_obj(Val::new(r, Ty::Object), &Ty::Float)
                    }
                })
            }
            ("str", [a]) => {
                let v = self.expr(a);
                Some(Val::new(self.str_of(&v), Ty::Str))
            }
            ("repr", [a]) => {
                let v = self.expr(a);
                let b = self.box_val(&v);
                Some(Val::new(self.prim(Prim::ObjRepr, vec![b]), Ty::Str))
            }
            ("bool", [a]) => {
                let v = self.expr(a);
                let c = self.truthy(&v);
                Some(Val::new(self.cond_to_bool(c), Ty::Bool))
            }
            ("round", [a, nd]) if self.ty(a) == Ty::Float && self.ty(nd).is_intlike() => {
                let x = self.expr(a);
                let n = self.expr(nd);
                let n = self.coerce(&n, &Ty::Int, None);
                Some(Val::new(
                    self.prim(Prim::FloatRoundTo, vec![x.reg, n]),
                    Ty::Float,
                ))
            }
            ("round", [a]) => {
                let v = self.expr(a);
                match &v.ty {
                    Ty::Float => Some(Val::new(self.prim(Prim::FloatRound, vec![v.reg]), Ty::Int)),
                    Ty::Int | Ty::Bool => Some(Val::new(self.coerce(&v, &Ty::Int, None), Ty::Int)),
                    _ => {
                        let f = self.load_name("round");
                        let b = self.box_val(&v);
                        let dst = self.temp(RType::Obj);
                        self.emit(OpKind::CallObj {
                            dst,
                            callable: f.reg,
                            args: vec![b],
                            kwnames: None,
                        });
                        Some(self.known_obj(Val::new(dst, Ty::Object), ty))
                    }
                }
            }
            ("ord", [a]) if self.ty(a) == Ty::Str => {
                if let ExprKind::Name(n) = &a.kind
                    && let Some(w) = self.word_local(a, crate::word_local::WordKind::Char)
                {
                    let c = self.char_ord_word(n, w);
                    return Some(Val::new(self.prim(Prim::SsizeToInt, vec![c]), Ty::Int));
                }
                let v = self.expr(a);
                Some(Val::new(self.prim(Prim::Ord, vec![v.reg]), Ty::Int))
            }
            ("chr", [a]) if self.ty(a).is_intlike() => {
                let v = self.expr(a);
                let i = self.coerce(&v, &Ty::Int, None);
                Some(Val::new(self.prim(Prim::Chr, vec![i]), Ty::Str))
            }
            ("globals", []) => Some(Val::new(self.prim(Prim::Globals, vec![]), Ty::Object)),
            ("divmod", [a, b]) if matches!(ty, Ty::Tuple(_)) => {
                let x = self.expr(a);
                let y = self.expr(b);
                let r = if x.ty.is_intlike() && y.ty.is_intlike() {
                    let xi = self.coerce(&x, &Ty::Int, None);
                    let yi = self.coerce(&y, &Ty::Int, None);
                    self.prim(Prim::IntDivmod, vec![xi, yi])
                } else {
                    let xf = self.coerce(&x, &Ty::Float, None);
                    let yf = self.coerce(&y, &Ty::Float, None);
                    self.prim(Prim::FloatDivmod, vec![xf, yf])
                };
                Some(Val::new(r, ty.clone()))
            }
            // Of a list or tuple: a loop in C (the items are checked on the result).
            ("min" | "max" | "sum", [x])
                if matches!(self.ty(x), Ty::List(_) | Ty::Tuple(_) | Ty::TupleVar(_)) =>
            {
                let v = self.expr(x);
                let b = self.box_val(&v);
                let which = match name {
                    "min" => 0,
                    "max" => 1,
                    _ => 2,
                };
                let w = self.konst(Const::Int(which), RType::CInt);
                let r = self.prim(Prim::SeqReduce, vec![b, w]);
                let what = format!("{name}() result");
                let out = self.coerce(&Val::new(r, Ty::Object), ty, Some(&what));
                Some(Val::new(out, ty.clone()))
            }
            ("min" | "max", [_, _, ..]) if matches!(ty, Ty::Int | Ty::Float) => {
                // Python keeps the first of equal items: replace only on strict order.
                let is_min = name == "min";
                let result = self.temp(rtype_of(ty));
                let first = self.expr(&args[0]);
                self.assign(result, first.reg);
                for a in &args[1..] {
                    let v = self.expr(a);
                    let cur = Val::new(result, ty.clone());
                    let op = if is_min {
                        oxyc_syntax::ast::CmpOp::Lt
                    } else {
                        oxyc_syntax::ast::CmpOp::Gt
                    };
                    let better = self.cmp(op, v.clone(), cur);
                    let (yes, done) = (self.new_block(), self.new_block());
                    self.branch(better.reg, yes, done);
                    self.switch_to(yes);
                    self.assign(result, v.reg);
                    self.goto(done);
                    self.switch_to(done);
                }
                Some(Val::new(result, ty.clone()))
            }
            _ => None,
        }
    }
}
