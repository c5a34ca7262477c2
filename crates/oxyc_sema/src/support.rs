//! What the compiler can compile today, and programs that are invalid Python.

use oxyc_syntax::ast::{
    ClassDef, Expr, ExprKind, FStringPart, FunctionDef, Parameters, Pattern, PatternKind, Stmt,
    StmtKind,
};
use oxyc_syntax::{Diagnostic, Span};

type Found = Option<(Span, String)>;

/// What the checkers accept beyond plain function bodies.
#[derive(Clone, Copy, Default)]
struct Rules {
    /// In a method of a compiled class: `super()` becomes `super(Class, self)`.
    allow_super: bool,
    /// In a function nested in another (`nonlocal` is allowed).
    nested: bool,
    /// In a function body (`yield` makes it a generator; closures.rs checks where).
    in_function: bool,
    /// In a class body (outside its methods): a walrus there would bind a class
    /// attribute the native-class analysis does not follow, so it stays interpreted.
    class_level: bool,
    /// Directly in an `async def` body (`await`, `async for`, `async with` allowed).
    in_async: bool,
}

fn found(span: Span, what: &str) -> Found {
    Some((span, what.to_string()))
}

/// The first construct in a top-level statement that the compiler cannot compile yet.
pub fn first_unsupported(stmt: &Stmt) -> Found {
    if let Some(span) = class_cell_in_loop(stmt, false) {
        return found(
            span,
            "zero-argument `super()` or `__class__` in a class made in a loop",
        );
    }
    match &stmt.kind {
        StmtKind::FunctionDef(f) => f
            .decorators
            .iter()
            .find_map(|d| expr_unsupported(d, Rules::default()))
            .or_else(|| function_unsupported(f, Rules::default())),
        StmtKind::ClassDef(c) => class_unsupported(c, false),
        _ => stmt_unsupported(stmt, false, Rules::default()),
    }
}

/// A class statement inside these statements (outside functions), at any depth.
fn class_in(body: &[Stmt]) -> Option<Span> {
    first_stmt_in(body, &|s| match &s.kind {
        StmtKind::ClassDef(c) => Some(c.name.span),
        _ => None,
    })
}

/// A `global` or `nonlocal` in these statements, at any depth.
fn unbinds_in(body: &[Stmt]) -> Option<Span> {
    first_stmt_in(body, &|s| {
        matches!(s.kind, StmtKind::Global(_) | StmtKind::Nonlocal(_)).then_some(s.span)
    })
}

/// The first statement in `body` (at any depth, not inside functions or classes,
/// whose bodies `each_child` does not visit) that `hit` answers for.
fn first_stmt_in(body: &[Stmt], hit: &dyn Fn(&Stmt) -> Option<Span>) -> Option<Span> {
    body.iter().find_map(|s| {
        hit(s).or_else(|| {
            let mut out = None;
            each_child(s, &mut |c| {
                if out.is_none()
                    && let Child::Stmt(inner) = c
                {
                    out = first_stmt_in(std::slice::from_ref(inner), hit);
                }
            });
            out
        })
    })
}

/// A `def` (its decorators are checked by the caller).
fn function_unsupported(f: &FunctionDef, r: Rules) -> Found {
    if f.has_type_params {
        return found(f.name.span, "a generic function (PEP 695)");
    }
    if let r @ Some(_) = params_unsupported(&f.params, r.allow_super) {
        return r;
    }
    if let Some(ret) = &f.returns
        && let r @ Some(_) = expr_unsupported(ret, Rules::default())
    {
        return r;
    }
    // Compiled code does not evaluate annotations: a walrus in one would never bind.
    if let Some(span) = f
        .params
        .all()
        .filter_map(|p| p.annotation.as_ref())
        .chain(&f.returns)
        .find_map(first_walrus)
    {
        return found(span, "the walrus operator `:=` in an annotation");
    }
    if r.allow_super && f.params.positional().next().is_none() {
        // `super()` needs the first argument; a method without one stays interpreted.
        if let Some(span) = first_zero_arg_super(&f.body) {
            return found(span, "`super()` in a method without parameters");
        }
    }
    body_unsupported(
        &f.body,
        true,
        Rules {
            in_function: true,
            in_async: f.is_async,
            ..r
        },
    )
}

/// Parameter kinds not compiled yet, and their defaults (`of_method`: evaluated in
/// a class body).
fn params_unsupported(p: &Parameters, of_method: bool) -> Found {
    // Defaults are evaluated where the `def` stands: for a method, in the class body.
    let at_def = Rules {
        class_level: of_method,
        ..Rules::default()
    };
    for param in p.all() {
        if let Some(d) = &param.default
            && let r @ Some(_) = expr_unsupported(d, at_def)
        {
            return r;
        }
    }
    None
}

/// A class statement: compiled when its body holds only methods, plain assignments
/// and expressions, and it uses no private (`__x`) names.
/// `in_function`: a class in a function, whose methods are nested functions.
fn class_unsupported(c: &ClassDef, in_function: bool) -> Found {
    if c.has_type_params {
        return found(c.name.span, "a generic class (PEP 695)");
    }
    let plain = Rules {
        class_level: true,
        ..Rules::default()
    };
    for e in c.bases.iter().chain(&c.decorators) {
        if let ExprKind::Starred(_) = e.kind {
            return found(e.span, "a starred base class");
        }
        if let r @ Some(_) = expr_unsupported(e, plain) {
            return r;
        }
    }
    for k in &c.keywords {
        if k.arg.is_none() {
            return found(k.value.span, "`**` in a class statement");
        }
        if let r @ Some(_) = expr_unsupported(&k.value, plain) {
            return r;
        }
    }
    if let Some(span) = private_name_in(&c.body) {
        return found(span, "a private name (`__x`, which Python mangles)");
    }
    for s in &c.body {
        let r = match &s.kind {
            StmtKind::FunctionDef(f) => f
                .decorators
                .iter()
                .find_map(|d| expr_unsupported(d, plain))
                .or_else(|| {
                    let method = Rules {
                        allow_super: true,
                        nested: in_function,
                        ..Rules::default()
                    };
                    function_unsupported(f, method)
                }),
            StmtKind::Assign { targets, value } => targets
                .iter()
                .find_map(|t| match t.kind {
                    ExprKind::Name(_) => None,
                    _ => found(t.span, "this assignment target in a class body"),
                })
                .or_else(|| expr_unsupported(value, plain)),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => match target.kind {
                ExprKind::Name(_) => expr_unsupported(annotation, plain)
                    .or_else(|| value.as_ref().and_then(|v| expr_unsupported(v, plain))),
                _ => found(target.span, "this assignment target in a class body"),
            },
            StmtKind::Expr(e) => expr_unsupported(e, plain),
            StmtKind::Pass => None,
            // Loops, conditions and the like run in the class namespace, like the
            // assignments (`del` and `except ... as` unbind names in the class
            // namespace); nothing in them may define functions or classes.
            // Nested classes: see `nested_class_compiles`.
            StmtKind::ClassDef(_) => None,
            StmtKind::Delete(targets) => targets.iter().find_map(|t| match &t.kind {
                ExprKind::Name(_) => None,
                _ => target_unsupported(t, plain),
            }),
            StmtKind::If { .. }
            | StmtKind::For { .. }
            | StmtKind::While { .. }
            | StmtKind::AugAssign { .. }
            | StmtKind::Assert { .. }
            | StmtKind::With { .. }
            | StmtKind::Try { .. }
            | StmtKind::Raise { .. } => {
                if let Some(span) = unbinds_in(std::slice::from_ref(s)) {
                    found(span, "`global` in a class body")
                } else if let Some(span) = class_in(std::slice::from_ref(s)) {
                    found(span, "a class statement under a statement in a class body")
                } else {
                    stmt_unsupported(s, false, plain)
                }
            }
            _ => found(s.span, "this statement in a class body"),
        };
        if r.is_some() {
            return r;
        }
    }
    None
}

fn is_private(name: &str) -> bool {
    name.starts_with("__") && !name.ends_with("__")
}

/// The first private name (`__x`) bound or used anywhere in these statements.
fn private_name_in(body: &[Stmt]) -> Option<Span> {
    fn in_expr(e: &Expr) -> Option<Span> {
        match &e.kind {
            ExprKind::Name(n) if is_private(n) => return Some(e.span),
            ExprKind::Attribute { attr, .. } if is_private(&attr.name) => return Some(e.span),
            _ => {}
        }
        let mut out = None;
        each_expr_child(e, &mut |c| {
            if out.is_none() {
                out = in_expr(c);
            }
        });
        out
    }
    fn in_stmt(s: &Stmt) -> Option<Span> {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                if is_private(&f.name.name) {
                    return Some(f.name.span);
                }
                for p in f.params.all() {
                    if is_private(&p.name.name) {
                        return Some(p.name.span);
                    }
                }
                return private_name_in(&f.body);
            }
            // (A class statement binds its name unmangled here.)
            StmtKind::ClassDef(c) if is_private(&c.name.name) => return Some(c.name.span),
            StmtKind::Global(names) | StmtKind::Nonlocal(names)
                if names.iter().any(|n| is_private(&n.name)) =>
            {
                return Some(s.span);
            }
            StmtKind::Import(aliases) | StmtKind::ImportFrom { names: aliases, .. }
                if aliases
                    .iter()
                    .any(|a| is_private(a.asname.as_ref().map_or(&a.name, |n| &n.name))) =>
            {
                return Some(s.span);
            }
            _ => {}
        }
        let mut out = None;
        each_child(s, &mut |c| {
            if out.is_none() {
                out = match c {
                    Child::Stmt(s) => in_stmt(s),
                    Child::Expr(e) | Child::Target(e) => in_expr(e),
                };
            }
        });
        if out.is_none()
            && let StmtKind::Try { handlers, .. } = &s.kind
        {
            out = handlers
                .iter()
                .find(|h| h.name.as_ref().is_some_and(|n| is_private(&n.name)))
                .map(|h| h.span);
        }
        out
    }
    body.iter().find_map(in_stmt)
}

/// A call `super()` without arguments somewhere in a function body.
fn first_zero_arg_super(body: &[Stmt]) -> Option<Span> {
    first_expr_in(body, &|e| {
        matches!(&e.kind, ExprKind::Call { func, args, keywords }
            if matches!(&func.kind, ExprKind::Name(n) if n == "super")
                && args.is_empty()
                && keywords.is_empty())
    })
}

/// A use of the name `__class__` somewhere in a function body.
fn first_class_cell_use(body: &[Stmt]) -> Option<Span> {
    first_expr_in(
        body,
        &|e| matches!(&e.kind, ExprKind::Name(n) if n == "__class__"),
    )
}

/// The first expression in `body` (at any depth, not inside nested functions or
/// classes) for which `hit` holds.
fn first_expr_in(body: &[Stmt], hit: &dyn Fn(&Expr) -> bool) -> Option<Span> {
    fn in_expr(e: &Expr, hit: &dyn Fn(&Expr) -> bool) -> Option<Span> {
        if hit(e) {
            return Some(e.span);
        }
        let mut out = None;
        each_expr_child(e, &mut |c| {
            if out.is_none() {
                out = in_expr(c, hit);
            }
        });
        out
    }
    fn in_stmt(s: &Stmt, hit: &dyn Fn(&Expr) -> bool) -> Option<Span> {
        let mut out = None;
        each_child(s, &mut |c| {
            if out.is_none() {
                out = match c {
                    Child::Stmt(s) => in_stmt(s, hit),
                    Child::Expr(e) | Child::Target(e) => in_expr(e, hit),
                };
            }
        });
        out
    }
    body.iter().find_map(|s| in_stmt(s, hit))
}

/// A method of `c` that needs the `__class__` cell (a zero-argument `super()`, or the
/// name `__class__`): compiled methods of classes that are not top-level statements
/// have none.
pub fn first_class_cell_need(c: &ClassDef) -> Option<Span> {
    c.body.iter().find_map(|s| match &s.kind {
        StmtKind::FunctionDef(d) => {
            first_zero_arg_super(&d.body).or_else(|| first_class_cell_use(&d.body))
        }
        _ => None,
    })
}

/// Is the class statement `c`, nested in the body of a compiled class (at any depth),
/// compiled (an ordinary class made when the outer body runs, its methods compiled
/// functions)? Otherwise it runs interpreted in the outer class's namespace. Not when
/// it has what a class in a function cannot. (Its own nested classes are decided
/// each for itself.)
pub fn nested_class_compiles(c: &ClassDef) -> bool {
    nested_class_refusal(c).is_none()
}

/// Why a class nested in a compiled class body runs interpreted (see
/// `nested_class_compiles`).
pub fn nested_class_refusal(c: &ClassDef) -> Option<String> {
    class_unsupported(c, true).map(|(_, why)| format!("{why} in a nested class"))
}

/// A class statement in a module-level loop (outside functions) whose methods need the
/// `__class__` cell: a class made anew at each iteration, which one static slot cannot
/// stand for (see `crate::class_slot`).
fn class_cell_in_loop(stmt: &Stmt, in_loop: bool) -> Option<Span> {
    match &stmt.kind {
        StmtKind::FunctionDef(_) => None,
        StmtKind::ClassDef(c) if in_loop => first_class_cell_need(c),
        StmtKind::ClassDef(_) => None,
        _ => {
            let in_loop =
                in_loop || matches!(stmt.kind, StmtKind::For { .. } | StmtKind::While { .. });
            let mut out = None;
            each_child(stmt, &mut |c| {
                if out.is_none()
                    && let Child::Stmt(s) = c
                {
                    out = class_cell_in_loop(s, in_loop);
                }
            });
            out
        }
    }
}

fn body_unsupported(body: &[Stmt], in_function: bool, r: Rules) -> Found {
    body.iter()
        .find_map(|s| stmt_unsupported(s, in_function, r))
}

fn stmt_unsupported(stmt: &Stmt, in_function: bool, r: Rules) -> Found {
    let span = stmt.span;
    match &stmt.kind {
        StmtKind::FunctionDef(f) => {
            let inner = Rules {
                nested: in_function,
                ..Rules::default()
            };
            f.decorators
                .iter()
                .find_map(|d| expr_unsupported(d, r))
                .or_else(|| function_unsupported(f, inner))
        }
        // An ordinary class made each time the function runs (closures.rs refuses
        // what its methods cannot do as closures: zero-argument `super()`).
        StmtKind::ClassDef(c) if in_function => class_unsupported(c, true),
        // A class under a module-level `if`/`try`/...: an ordinary class made when the
        // statement runs, as in a function (its methods are module-level functions,
        // so they have no `__class__` cell for a zero-argument `super()`).
        // (`first_unsupported` refuses one in a loop whose methods need `__class__`.)
        StmtKind::ClassDef(c) => class_unsupported(c, true),
        StmtKind::With { is_async: true, .. } if !r.in_async => found(span, "`async with`"),
        StmtKind::Nonlocal(_) if !r.nested => found(span, "`nonlocal` outside a nested function"),
        StmtKind::Unsupported { what } => found(span, what),
        StmtKind::For { is_async: true, .. } if !r.in_async => found(span, "`async for`"),
        // Finally bodies are compiled once per exit path; a `try ... finally` nested
        // in one multiplies that, so past one level of nesting (exponential code
        // size) such functions stay interpreted. (A `try ... except` in a finally
        // body is only copied along with it; a `with` needs no such rule: its body is
        // compiled once, and each exit path only adds a call of `__exit__`.)
        StmtKind::Try { finalbody, .. }
            if finalbody.iter().map(finally_depth).max().unwrap_or(0) >= 2 =>
        {
            found(
                span,
                "`try ... finally` nested twice inside `finally` bodies",
            )
        }
        StmtKind::ImportFrom { names, .. }
            if in_function && names.iter().any(|a| a.name == "*") =>
        {
            found(span, "`import *` in a function")
        }
        // Compiled code does not evaluate annotations: a walrus in one would never bind.
        StmtKind::AnnAssign { annotation, .. } if first_walrus(annotation).is_some() => found(
            first_walrus(annotation).unwrap_or(span),
            "the walrus operator `:=` in an annotation",
        ),
        _ => {
            let mut result = None;
            each_child(stmt, &mut |child| {
                if result.is_none() {
                    result = match child {
                        Child::Stmt(s) => stmt_unsupported(s, in_function, r),
                        Child::Expr(e) => expr_unsupported(e, r),
                        Child::Target(t) => target_unsupported(t, r),
                    };
                }
            });
            result
        }
    }
}

fn target_unsupported(t: &Expr, r: Rules) -> Found {
    match &t.kind {
        ExprKind::Name(_) => None,
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().find_map(|i| target_unsupported(i, r))
        }
        ExprKind::Starred(inner) => target_unsupported(inner, r),
        ExprKind::Attribute { value, .. } => expr_unsupported(value, r),
        ExprKind::Subscript { value, index } => {
            expr_unsupported(value, r).or_else(|| expr_unsupported(index, r))
        }
        _ => found(t.span, "this assignment target"),
    }
}

const FRAME_BUILTINS: &[&str] = &["locals", "vars", "dir", "eval", "exec", "super"];

/// A call of a library function that reads the stack of Python frames, which
/// compiled functions do not have (`sys._getframe(1)` in compiled code would find
/// its caller's caller): the code around it runs interpreted, in place, so that
/// what it looks for is there (enum's functional API naming its module, pyparsing's
/// `_trim_arity` finding its own line).
fn frame_function(func: &Expr) -> Option<String> {
    const FUNCTIONS: &[(&str, &str)] = &[
        ("sys", "_getframe"),
        ("inspect", "currentframe"),
        ("inspect", "stack"),
        ("traceback", "extract_stack"),
        ("traceback", "format_stack"),
        ("traceback", "print_stack"),
    ];
    match &func.kind {
        ExprKind::Attribute { value, attr } => match &value.kind {
            ExprKind::Name(m) if FUNCTIONS.contains(&(m.as_str(), attr.name.as_str())) => {
                Some(format!("{m}.{}", attr.name))
            }
            _ => None,
        },
        ExprKind::Name(n) if n == "_getframe" => Some(n.clone()),
        _ => None,
    }
}

/// Does a call of frame builtin `n` with these arguments read the calling frame?
/// `vars(x)` and `dir(x)` do not, nor do `eval`/`exec` given a dict for globals
/// (written as one: a globals argument that may be None means the caller's).
fn reads_frame(n: &str, args: &[Expr], keywords: &[oxyc_syntax::ast::Keyword]) -> bool {
    let plain = !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
        && keywords.iter().all(|k| k.arg.is_some());
    let is_dict = |e: &Expr| match &e.kind {
        ExprKind::Dict(_) | ExprKind::DictComp { .. } => true,
        ExprKind::Call { func, .. } => {
            matches!(&func.kind, ExprKind::Name(f) if f == "dict" || f == "globals")
        }
        _ => false,
    };
    match n {
        "vars" | "dir" => !(plain && args.len() + keywords.len() >= 1),
        "eval" | "exec" => !(plain && keywords.is_empty() && args.get(1).is_some_and(is_dict)),
        _ => true,
    }
}

fn expr_unsupported(e: &Expr, r: Rules) -> Found {
    let span = e.span;
    match &e.kind {
        ExprKind::Lambda { params, body } => {
            params_unsupported(params, false).or_else(|| expr_unsupported(body, Rules::default()))
        }
        // A comprehension is a scope of its own: no `yield` in it. (An `await` in a
        // list, set or dict comprehension runs inline, in the coroutine.)
        ExprKind::ListComp { .. } | ExprKind::SetComp { .. } | ExprKind::DictComp { .. }
            if r.in_function =>
        {
            expr_unsupported(
                e,
                Rules {
                    in_function: false,
                    ..r
                },
            )
        }
        // A generator expression's first iterable is evaluated where it stands; the
        // rest runs in a generator of its own, an async generator when it awaits
        // (`genexp_is_async`): `await` and async comprehensions are allowed there.
        ExprKind::GeneratorExp { generators, .. } => {
            let first = generators.first().map(|g| g.iter.id);
            let mut result = None;
            each_expr_child(e, &mut |c| {
                if result.is_none() {
                    let in_async = r.in_async || Some(c.id) != first;
                    result = expr_unsupported(
                        c,
                        Rules {
                            in_function: false,
                            in_async,
                            ..r
                        },
                    );
                }
            });
            result
        }
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) if !r.in_function => {
            found(span, "`yield` outside a function")
        }
        ExprKind::YieldFrom(_) if r.in_async => found(span, "`yield from` in an `async def`"),
        ExprKind::Await(_) if !r.in_async => found(span, "`await` outside an `async def` body"),
        ExprKind::Named { .. } if r.class_level => {
            found(span, "the walrus operator `:=` in a class body")
        }
        // (In an `async def` a list, set or dict comprehension runs inline, so its
        // `async for` is the coroutine's.)
        ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::DictComp { generators, .. }
            if generators.iter().any(|g| g.is_async) && !r.in_async =>
        {
            found(span, "an async comprehension outside an `async def` body")
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            // (The module body runs under a frame of its own: there it reads true.)
            if r.in_function
                && let Some(what) = frame_function(func)
            {
                return found(
                    span,
                    &format!("`{what}()` (it reads the frames of its callers)"),
                );
            }
            if let ExprKind::Name(n) = &func.kind
                && FRAME_BUILTINS.contains(&n.as_str())
                && !(n == "super" && (r.allow_super || args.len() == 2))
                && reads_frame(n, args, keywords)
            {
                return found(span, &format!("`{n}()` (it inspects the calling frame)"));
            }
            expr_children_unsupported(e, r)
        }
        _ => expr_children_unsupported(e, r),
    }
}

/// Is this generator expression asynchronous (calling it makes an async
/// generator, as in CPython): an `async for` clause, or an `await` in the part
/// that runs in its own scope (everything but its first iterable), an async list,
/// set or dict comprehension there included (those run inline in that scope). A
/// generator expression or lambda nested in it is a scope of its own.
pub fn genexp_is_async(e: &Expr) -> bool {
    let ExprKind::GeneratorExp { generators, .. } = &e.kind else {
        return false;
    };
    if generators.iter().any(|g| g.is_async) {
        return true;
    }
    let first = generators.first().map(|g| g.iter.id);
    let mut found = false;
    each_expr_child(e, &mut |c| {
        if !found && Some(c.id) != first {
            found = awaits_in_scope(c);
        }
    });
    found
}

/// An `await` (or an async comprehension) evaluated in the scope of `e`.
fn awaits_in_scope(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Await(_) => true,
        // (Only its defaults are evaluated here.)
        ExprKind::Lambda { params, .. } => params
            .all()
            .filter_map(|p| p.default.as_ref())
            .any(awaits_in_scope),
        // (Only its first iterable is evaluated here.)
        ExprKind::GeneratorExp { generators, .. } => {
            generators.first().is_some_and(|g| awaits_in_scope(&g.iter))
        }
        ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::DictComp { generators, .. }
            if generators.iter().any(|g| g.is_async) =>
        {
            true
        }
        _ => {
            let mut found = false;
            each_expr_child(e, &mut |c| {
                if !found {
                    found = awaits_in_scope(c);
                }
            });
            found
        }
    }
}

fn expr_children_unsupported(e: &Expr, r: Rules) -> Found {
    let mut result = None;
    each_expr_child(e, &mut |c| {
        if result.is_none() {
            result = expr_unsupported(c, r);
        }
    });
    if result.is_none() {
        // Comprehension targets must be simple too.
        if let ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::DictComp { generators, .. } = &e.kind
        {
            result = generators
                .iter()
                .find_map(|g| target_unsupported(&g.target, r));
        }
    }
    result
}

pub enum Child<'a> {
    Stmt(&'a Stmt),
    Expr(&'a Expr),
    Target(&'a Expr),
}

/// Visit the direct children of a statement.
pub fn each_child<'a>(stmt: &'a Stmt, f: &mut dyn FnMut(Child<'a>)) {
    let stmts = |body: &'a [Stmt], f: &mut dyn FnMut(Child<'a>)| {
        for s in body {
            f(Child::Stmt(s));
        }
    };
    match &stmt.kind {
        StmtKind::Expr(e) => f(Child::Expr(e)),
        StmtKind::Assign { targets, value } => {
            f(Child::Expr(value));
            for t in targets {
                f(Child::Target(t));
            }
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            if let Some(v) = value {
                f(Child::Expr(v));
            }
            let _ = annotation;
            f(Child::Target(target));
        }
        StmtKind::AugAssign { target, value, .. } => {
            f(Child::Expr(value));
            f(Child::Target(target));
        }
        StmtKind::Return(v) => {
            if let Some(v) = v {
                f(Child::Expr(v))
            }
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            f(Child::Expr(test));
            stmts(body, f);
            stmts(orelse, f);
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            f(Child::Expr(iter));
            f(Child::Target(target));
            stmts(body, f);
            stmts(orelse, f);
        }
        StmtKind::Raise { exc, cause } => {
            if let Some(e) = exc {
                f(Child::Expr(e));
            }
            if let Some(c) = cause {
                f(Child::Expr(c));
            }
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            stmts(body, f);
            for h in handlers {
                if let Some(t) = &h.type_ {
                    f(Child::Expr(t));
                }
                stmts(&h.body, f);
            }
            stmts(orelse, f);
            stmts(finalbody, f);
        }
        StmtKind::Assert { test, msg } => {
            f(Child::Expr(test));
            if let Some(m) = msg {
                f(Child::Expr(m));
            }
        }
        StmtKind::Delete(targets) => {
            for t in targets {
                f(Child::Target(t));
            }
        }
        StmtKind::With { items, body, .. } => {
            for it in items {
                f(Child::Expr(&it.context_expr));
                if let Some(v) = &it.optional_vars {
                    f(Child::Target(v));
                }
            }
            stmts(body, f);
        }
        StmtKind::Match { subject, cases } => {
            f(Child::Expr(subject));
            for case in cases {
                each_pattern_child(&case.pattern, f);
                if let Some(g) = &case.guard {
                    f(Child::Expr(g));
                }
                stmts(&case.body, f);
            }
        }
        StmtKind::FunctionDef(_)
        | StmtKind::ClassDef(_)
        | StmtKind::Break
        | StmtKind::Continue
        | StmtKind::Pass
        | StmtKind::Import(_)
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global(_)
        | StmtKind::Nonlocal(_)
        | StmtKind::Unsupported { .. } => {}
    }
}

/// Visit what a pattern evaluates (`Child::Expr`: values, classes, mapping keys) and
/// the names it binds (`Child::Target`), in source order.
pub fn each_pattern_child<'a>(p: &'a Pattern, f: &mut dyn FnMut(Child<'a>)) {
    match &p.kind {
        PatternKind::Value(e) | PatternKind::Singleton(e) => f(Child::Expr(e)),
        PatternKind::Capture(name) | PatternKind::Star(name) => {
            if let Some(n) = name {
                f(Child::Target(n));
            }
        }
        PatternKind::Sequence(items) | PatternKind::Or(items) => {
            for item in items {
                each_pattern_child(item, f);
            }
        }
        PatternKind::Mapping {
            keys,
            patterns,
            rest,
        } => {
            for (k, v) in keys.iter().zip(patterns) {
                f(Child::Expr(k));
                each_pattern_child(v, f);
            }
            if let Some(r) = rest {
                f(Child::Target(r));
            }
        }
        PatternKind::Class {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            f(Child::Expr(cls));
            for item in patterns.iter().chain(kwd_patterns) {
                each_pattern_child(item, f);
            }
        }
        PatternKind::As { pattern, name } => {
            each_pattern_child(pattern, f);
            f(Child::Target(name));
        }
    }
}

/// Visit the direct sub-expressions of an expression (comprehension parts included).
pub fn each_expr_child<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match &e.kind {
        ExprKind::Name(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Complex(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Bool(_)
        | ExprKind::NoneLit
        | ExprKind::Ellipsis => {}
        ExprKind::FString(parts) => fstring_children(parts, f),
        ExprKind::BinOp { left, right, .. } => {
            f(left);
            f(right);
        }
        ExprKind::UnaryOp { operand, .. } => f(operand),
        ExprKind::BoolOp { values, .. } => values.iter().for_each(f),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            f(left);
            comparators.iter().for_each(f);
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            f(func);
            args.iter().for_each(&mut *f);
            for k in keywords {
                f(&k.value);
            }
        }
        ExprKind::Attribute { value, .. } => f(value),
        ExprKind::Subscript { value, index } => {
            f(value);
            f(index);
        }
        ExprKind::Slice { lower, upper, step } => {
            for x in [lower, upper, step].into_iter().flatten() {
                f(x);
            }
        }
        ExprKind::IfExp { test, body, orelse } => {
            f(test);
            f(body);
            f(orelse);
        }
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            items.iter().for_each(f)
        }
        ExprKind::Dict(entries) => {
            for (k, v) in entries {
                if let Some(k) = k {
                    f(k);
                }
                f(v);
            }
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            for g in generators {
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
            f(elt);
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            for g in generators {
                f(&g.iter);
                g.ifs.iter().for_each(&mut *f);
            }
            f(key);
            f(value);
        }
        ExprKind::Lambda { body, .. } => f(body),
        ExprKind::Starred(x) | ExprKind::Await(x) | ExprKind::YieldFrom(x) => f(x),
        ExprKind::Named { target, value } => {
            f(target);
            f(value);
        }
        ExprKind::Yield(v) => {
            if let Some(v) = v {
                f(v)
            }
        }
    }
}

fn fstring_children<'a>(parts: &'a [FStringPart], f: &mut dyn FnMut(&'a Expr)) {
    for p in parts {
        if let FStringPart::Interpolation {
            expr, format_spec, ..
        } = p
        {
            f(expr);
            if let Some(spec) = format_spec {
                fstring_children(spec, f);
            }
        }
    }
}

/// Errors CPython's compiler reports that the parser does not: `return` / `yield`
/// outside a function, `break` / `continue` outside a loop, misplaced starred
/// assignment targets, and walrus targets its symbol table rejects.
pub fn invalid_program(stmt: &Stmt) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let cx = Ctx {
        in_func: false,
        in_loop: false,
        in_class: false,
        star_in_func: false,
        star_in_loop: false,
    };
    check(stmt, cx, &mut out);
    // (A top-level statement is in the module's code object: no block is open.)
    let _ = check_blocks(std::slice::from_ref(stmt), 0, &mut out);
    out
}

/// CPython's compiler keeps at most this many blocks (loops, `try` parts, `with`
/// items) open in one code object (`CO_MAXBLOCKS`); a program nesting more is a
/// SyntaxError. (This also bounds how deeply the IR builder nests.)
const MAX_BLOCKS: usize = 20;

/// Open one more block around `span`'s contents, as CPython's `compiler_push_fblock`.
fn push_block(depth: usize, span: Span, out: &mut Vec<Diagnostic>) -> Option<usize> {
    if depth >= MAX_BLOCKS {
        out.push(Diagnostic::error(span, "too many statically nested blocks"));
        return None;
    }
    Some(depth + 1)
}

/// Check `body`, compiled with `depth` blocks open, the way CPython 3.11's compiler
/// pushes them. None after the first error.
fn check_blocks(body: &[Stmt], depth: usize, out: &mut Vec<Diagnostic>) -> Option<()> {
    for s in body {
        match &s.kind {
            StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                check_blocks(body, push_block(depth, s.span, out)?, out)?;
                check_blocks(orelse, depth, out)?;
            }
            StmtKind::If { body, orelse, .. } => {
                check_blocks(body, depth, out)?;
                check_blocks(orelse, depth, out)?;
            }
            StmtKind::With { items, body, .. } => {
                let mut d = depth;
                for _ in items {
                    d = push_block(d, s.span, out)?;
                }
                check_blocks(body, d, out)?;
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                // try/except: TRY_EXCEPT around the body; EXCEPTION_HANDLER, then
                // HANDLER_CLEANUP around each handler's body.
                let try_except = |d: usize, out: &mut Vec<Diagnostic>| -> Option<()> {
                    if handlers.is_empty() {
                        return check_blocks(body, d, out);
                    }
                    check_blocks(body, push_block(d, s.span, out)?, out)?;
                    check_blocks(orelse, d, out)?;
                    let in_handler = push_block(d, s.span, out)?;
                    for h in handlers {
                        check_blocks(&h.body, push_block(in_handler, h.span, out)?, out)?;
                    }
                    Some(())
                };
                if finalbody.is_empty() {
                    try_except(depth, out)?;
                } else {
                    // FINALLY_TRY around the rest; the finally body once outside it
                    // and once in FINALLY_END.
                    try_except(push_block(depth, s.span, out)?, out)?;
                    check_blocks(finalbody, push_block(depth, s.span, out)?, out)?;
                }
            }
            // (A `match` opens no block: its cases are compiled in line.)
            StmtKind::Match { cases, .. } => {
                for case in cases {
                    check_blocks(&case.body, depth, out)?;
                }
            }
            // A new code object: no block open.
            StmtKind::FunctionDef(f) => check_blocks(&f.body, 0, out)?,
            StmtKind::ClassDef(c) => check_blocks(&c.body, 0, out)?,
            _ => {}
        }
    }
    Some(())
}

/// Where a statement stands.
#[derive(Clone, Copy)]
struct Ctx {
    in_func: bool,
    in_loop: bool,
    /// Directly in a class body (not in one of its methods).
    in_class: bool,
    /// In an `except*` clause of this function (or module, or class body)...
    star_in_func: bool,
    /// ... and not in a loop inside that clause.
    star_in_loop: bool,
}

/// CPython's compiler cannot leave an `except*` clause early (the unhandled rest
/// of the group must be re-raised).
const STAR_EXIT: &str = "'break', 'continue' and 'return' cannot appear in an except* block";

fn check(stmt: &Stmt, cx: Ctx, out: &mut Vec<Diagnostic>) {
    check_own_exprs(stmt, cx.in_class, out);
    if let StmtKind::Match { cases, .. } = &stmt.kind {
        crate::patterns::check_cases(cases, out);
    }
    match &stmt.kind {
        StmtKind::Return(_) if !cx.in_func => {
            out.push(Diagnostic::error(stmt.span, "'return' outside function"))
        }
        // (CPython looks for the loop of a `break` through the blocks around it:
        // an `except*` clause before the loop, or before finding none, is the error.)
        StmtKind::Return(_) if cx.star_in_func => out.push(Diagnostic::error(stmt.span, STAR_EXIT)),
        StmtKind::Break | StmtKind::Continue if cx.star_in_loop => {
            out.push(Diagnostic::error(stmt.span, STAR_EXIT))
        }
        StmtKind::Break if !cx.in_loop => {
            out.push(Diagnostic::error(stmt.span, "'break' outside loop"))
        }
        StmtKind::Continue if !cx.in_loop => out.push(Diagnostic::error(
            stmt.span,
            "'continue' not properly in loop",
        )),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            is_star: true,
        } => {
            let in_clause = Ctx {
                star_in_func: true,
                star_in_loop: true,
                ..cx
            };
            for s in body {
                check(s, cx, out);
            }
            for s in handlers.iter().flat_map(|h| &h.body) {
                check(s, in_clause, out);
            }
            for s in orelse.iter().chain(finalbody) {
                check(s, cx, out);
            }
        }
        StmtKind::FunctionDef(f) => {
            let body = Ctx {
                in_func: true,
                in_loop: false,
                in_class: false,
                star_in_func: false,
                star_in_loop: false,
            };
            for s in &f.body {
                check(s, body, out);
            }
        }
        StmtKind::ClassDef(c) => {
            let body = Ctx {
                in_func: false,
                in_loop: false,
                in_class: true,
                star_in_func: false,
                star_in_loop: false,
            };
            for s in &c.body {
                check(s, body, out);
            }
        }
        StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
            for s in body {
                check(
                    s,
                    Ctx {
                        in_loop: true,
                        star_in_loop: false,
                        ..cx
                    },
                    out,
                );
            }
            for s in orelse {
                check(s, cx, out);
            }
        }
        _ => each_child(stmt, &mut |c| {
            if let Child::Stmt(s) = c {
                check(s, cx, out);
            }
        }),
    }
}

/// Check the expressions a statement evaluates in its own scope (not those of the
/// statements nested in it).
fn check_own_exprs(stmt: &Stmt, in_class: bool, out: &mut Vec<Diagnostic>) {
    let visit = |e: &Expr, out: &mut Vec<Diagnostic>| {
        let mut st = ScopeState {
            in_iter: false,
            in_class,
            comps: Vec::new(),
        };
        check_expr(e, &mut st, out);
    };
    match &stmt.kind {
        StmtKind::FunctionDef(f) => {
            // Decorators and defaults are evaluated where the `def` stands.
            for e in f
                .decorators
                .iter()
                .chain(f.params.all().filter_map(|p| p.default.as_ref()))
            {
                visit(e, out);
            }
        }
        StmtKind::ClassDef(c) => {
            for e in c.bases.iter().chain(&c.decorators) {
                visit(e, out);
            }
            for k in &c.keywords {
                visit(&k.value, out);
            }
        }
        _ => {
            let unpacks = matches!(
                stmt.kind,
                StmtKind::Assign { .. } | StmtKind::For { .. } | StmtKind::With { .. }
            );
            each_child(stmt, &mut |c| match c {
                Child::Stmt(_) => {}
                Child::Expr(e) => {
                    if matches!(e.kind, ExprKind::Starred(_)) {
                        out.push(Diagnostic::error(
                            e.span,
                            "can't use starred expression here",
                        ));
                    }
                    visit(e, out)
                }
                Child::Target(t) => {
                    if unpacks {
                        check_star_target(t, out);
                    }
                    visit(t, out);
                }
            });
        }
    }
}

/// An assignment target: a starred target must sit in a tuple or list, once per level.
fn check_star_target(t: &Expr, out: &mut Vec<Diagnostic>) {
    match &t.kind {
        ExprKind::Starred(_) => out.push(Diagnostic::error(
            t.span,
            "starred assignment target must be in a list or tuple",
        )),
        ExprKind::Tuple(items) | ExprKind::List(items) => check_star_items(t.span, items, out),
        _ => {}
    }
}

fn check_star_items(span: Span, items: &[Expr], out: &mut Vec<Diagnostic>) {
    let is_star = |e: &Expr| matches!(e.kind, ExprKind::Starred(_));
    let stars = items.iter().filter(|e| is_star(e)).count();
    if stars > 1 {
        out.push(Diagnostic::error(
            span,
            "multiple starred expressions in assignment",
        ));
    } else if let Some(i) = items.iter().position(is_star) {
        // CPython encodes the counts before and after the star in one oparg.
        if i >= 1 << 8 || items.len() - i > (i32::MAX >> 8) as usize {
            out.push(Diagnostic::error(
                span,
                "too many expressions in star-unpacking assignment",
            ));
        }
    }
    for item in items {
        let inner = match &item.kind {
            ExprKind::Starred(inner) => inner,
            _ => item,
        };
        if let ExprKind::Tuple(sub) | ExprKind::List(sub) = &inner.kind {
            check_star_items(inner.span, sub, out);
        }
    }
}

/// What CPython's symbol table knows while it walks an expression.
struct ScopeState {
    /// Inside a comprehension's iterable (this propagates into nested scopes).
    in_iter: bool,
    /// The innermost function-like scope around the comprehensions is a class body.
    in_class: bool,
    /// The comprehensions around the expression, innermost last.
    comps: Vec<CompScope>,
}

#[derive(Default)]
struct CompScope {
    iter_vars: Vec<String>,
    /// Names bound by a walrus inside the comprehension so far.
    walrus: Vec<String>,
}

fn check_expr(e: &Expr, st: &mut ScopeState, out: &mut Vec<Diagnostic>) {
    // `*x` is an item of a display or an argument, nothing else.
    if !matches!(
        e.kind,
        ExprKind::List(_) | ExprKind::Tuple(_) | ExprKind::Set(_) | ExprKind::Call { .. }
    ) {
        each_expr_child(e, &mut |c| {
            if matches!(c.kind, ExprKind::Starred(_)) {
                out.push(Diagnostic::error(
                    c.span,
                    "can't use starred expression here",
                ));
            }
        });
    }
    match &e.kind {
        ExprKind::Named { target, value } => {
            check_expr(value, st, out);
            let ExprKind::Name(n) = &target.kind else {
                return;
            };
            let msg = if st.in_iter {
                Some(
                    "assignment expression cannot be used in a comprehension iterable expression"
                        .to_string(),
                )
            } else if st.comps.iter().any(|c| c.iter_vars.contains(n)) {
                Some(format!(
                    "assignment expression cannot rebind comprehension iteration variable '{n}'"
                ))
            } else if !st.comps.is_empty() && st.in_class {
                Some(
                    "assignment expression within a comprehension cannot be used in a class body"
                        .to_string(),
                )
            } else {
                None
            };
            if let Some(m) = msg {
                out.push(Diagnostic::error(e.span, m));
            }
            for c in &mut st.comps {
                c.walrus.push(n.clone());
            }
        }
        ExprKind::ListComp { generators, .. }
        | ExprKind::SetComp { generators, .. }
        | ExprKind::GeneratorExp { generators, .. }
        | ExprKind::DictComp { generators, .. } => {
            let Some(first) = generators.first() else {
                return;
            };
            // The first iterable is evaluated in the enclosing scope.
            let saved = st.in_iter;
            st.in_iter = true;
            check_expr(&first.iter, st, out);
            st.in_iter = saved;
            st.comps.push(CompScope::default());
            for (i, g) in generators.iter().enumerate() {
                check_star_target(&g.target, out);
                let mut names = Vec::new();
                crate::scopes::target_names(&g.target, &mut names);
                for n in names {
                    if st.comps.last().is_some_and(|c| c.walrus.contains(&n)) {
                        out.push(Diagnostic::error(
                            g.target.span,
                            format!(
                                "comprehension inner loop cannot rebind assignment expression target '{n}'"
                            ),
                        ));
                    }
                    if let Some(c) = st.comps.last_mut() {
                        c.iter_vars.push(n);
                    }
                }
                check_expr(&g.target, st, out);
                if i > 0 {
                    st.in_iter = true;
                    check_expr(&g.iter, st, out);
                    st.in_iter = saved;
                }
                for cond in &g.ifs {
                    check_expr(cond, st, out);
                }
            }
            match &e.kind {
                ExprKind::ListComp { elt, .. }
                | ExprKind::SetComp { elt, .. }
                | ExprKind::GeneratorExp { elt, .. } => check_expr(elt, st, out),
                ExprKind::DictComp { key, value, .. } => {
                    check_expr(key, st, out);
                    check_expr(value, st, out);
                }
                _ => {}
            }
            st.comps.pop();
        }
        ExprKind::Lambda { params, body } => {
            for d in params.all().filter_map(|p| p.default.as_ref()) {
                check_expr(d, st, out);
            }
            // A function scope of its own (only `in_iter` carries over).
            let mut inner = ScopeState {
                in_iter: st.in_iter,
                in_class: false,
                comps: Vec::new(),
            };
            check_expr(body, &mut inner, out);
        }
        _ => each_expr_child(e, &mut |c| check_expr(c, st, out)),
    }
}

/// The first walrus (`:=`) in an expression, not looking into lambdas (their own
/// scope).
pub fn first_walrus(e: &Expr) -> Option<Span> {
    match &e.kind {
        ExprKind::Named { .. } => return Some(e.span),
        ExprKind::Lambda { .. } => return None,
        _ => {}
    }
    let mut out = None;
    each_expr_child(e, &mut |c| {
        if out.is_none() {
            out = first_walrus(c);
        }
    });
    out
}

/// How deeply `try ... finally` statements nest in this statement, counting only
/// nesting inside `finally` bodies (a `try ... finally` alone is 1).
fn finally_depth(stmt: &Stmt) -> usize {
    let mut inner = 0;
    if let StmtKind::Try {
        body,
        handlers,
        orelse,
        finalbody,
        ..
    } = &stmt.kind
    {
        let others = body
            .iter()
            .chain(handlers.iter().flat_map(|h| h.body.iter()))
            .chain(orelse)
            .map(finally_depth)
            .max()
            .unwrap_or(0);
        if finalbody.is_empty() {
            return others;
        }
        let nested = finalbody.iter().map(finally_depth).max().unwrap_or(0);
        return others.max(1 + nested);
    }
    each_child(stmt, &mut |c| {
        if let Child::Stmt(s) = c {
            inner = inner.max(finally_depth(s));
        }
    });
    inner
}
