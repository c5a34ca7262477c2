//! Stage 2: the semantic model of one module.
//!
//! Decides, per top-level statement, whether it is compiled or left to the interpreter
//! (the fallback for constructs oxyc cannot compile yet), and builds the scopes of the
//! compiled functions: their locals, the module's globals, and which names are
//! early-bound compiled functions or builtins. Reads only the AST.

mod builtins;
mod closures;
mod native;
mod patterns;
mod scopes;
mod support;
mod symtable_errors;

pub use builtins::is_builtin;
pub use closures::INLINE_CONSUMERS;
use indexmap::{IndexMap, IndexSet};
pub use native::NativeClass;
use oxyc_syntax::ast::{self, StmtKind};
use oxyc_syntax::{Diagnostic, Severity, Span};
pub use scopes::{bound_names, pattern_names, target_names};
pub use support::{
    Child, each_child, each_expr_child, each_pattern_child, first_class_cell_need, genexp_is_async,
    nested_class_compiles,
};

/// How a top-level statement is executed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemMode {
    Compiled,
    /// Executed by the interpreter at its place in the module body.
    Interpreted {
        reason: String,
        span: Span,
    },
}

/// The syntax of a compiled function.
#[derive(Debug, Clone, Copy)]
pub enum FuncNode<'m> {
    Def(&'m ast::FunctionDef),
    /// The `lambda` expression.
    Lambda(&'m ast::Expr),
    /// A generator expression: a generator function of one parameter, `.0`, the
    /// iterator of its first iterable (evaluated where the expression stands).
    GenExp(&'m ast::Expr),
}

/// Finds the function of a `def` (by the offset of its name) or of a `lambda`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKey {
    Def(u32),
    Lambda(ast::ExprId),
}

/// A compiled function: a `def` anywhere in compiled code (module level, a method,
/// nested in a function or under a module-level `if`) or a `lambda`.
#[derive(Debug, Clone)]
pub struct FuncScope<'m> {
    /// Index of the top-level statement that contains it in the module body.
    pub stmt_index: usize,
    /// For a method: the class and the index of the `def` in the class body.
    pub method_of: Option<MethodOf>,
    /// A method of a class that is not a top-level statement (under a module-level
    /// `if`/`try`/`with`, or nested in a top-level class): the static that holds the
    /// class its statement made, for `super()` and `__class__` (see `class_slot`).
    pub class_slot: Option<String>,
    /// A method of a class made in a function: the cell of that function which holds
    /// the class its statement made, for `super()` and `__class__` (see `class_cell`).
    pub class_cell: Option<String>,
    pub node: FuncNode<'m>,
    /// The compiled function it is nested in (index into `SemModule::functions`).
    pub parent: Option<usize>,
    /// A `def` directly in the module body.
    pub top_level: bool,
    /// The name it is bound to (mangled for a private method; `<lambda>`).
    pub name: String,
    /// `__name__` (the name as written).
    pub display_name: String,
    /// `__qualname__` (`f.<locals>.g`, `C.m`).
    pub qualname: String,
    /// Parameter names, in order.
    pub params: Vec<String>,
    /// Parameters first, then other local variables in order of first binding.
    pub locals: IndexSet<String>,
    /// Names declared `global` in the body.
    pub globals: IndexSet<String>,
    /// Locals that functions inside it capture: they live in cells.
    pub cellvars: IndexSet<String>,
    /// Names captured from the enclosing functions, in closure order.
    pub freevars: IndexSet<String>,
    /// Free variables declared `nonlocal` (it may rebind them).
    pub nonlocals: IndexSet<String>,
    /// Its body has a `yield`, or it is an `async def`: calling it makes a
    /// generator (or coroutine) whose frame holds its locals.
    pub is_generator: bool,
    /// An `async def` (or an asynchronous generator expression): calling it makes a
    /// coroutine (or an async generator); `await` works in its body.
    pub is_async: bool,
    /// An `async def` with `yield`, or an asynchronous generator expression:
    /// calling it makes an async generator.
    pub is_async_gen: bool,
}

/// A method the class machinery turns into a class or static method even without a
/// decorator: its first parameter is not an instance.
pub fn is_implicit_classlevel(name: &str) -> bool {
    matches!(name, "__init_subclass__" | "__class_getitem__" | "__new__")
}

/// Where a method lives.
#[derive(Debug, Clone)]
pub struct MethodOf {
    pub class: String,
    /// Index of the `def` in the class body.
    pub body_index: usize,
}

impl<'m> FuncScope<'m> {
    /// The `def` of this function (None for a lambda).
    pub fn def(&self) -> Option<&'m ast::FunctionDef> {
        match self.node {
            FuncNode::Def(d) => Some(d),
            FuncNode::Lambda(_) | FuncNode::GenExp(_) => None,
        }
    }

    /// Its parameters.
    pub fn parameters(&self) -> &'m ast::Parameters {
        self.node.parameters()
    }
}

impl<'m> FuncNode<'m> {
    /// The parameters of the function.
    pub fn parameters(self) -> &'m ast::Parameters {
        match self {
            FuncNode::Def(d) => &d.params,
            FuncNode::Lambda(e) => match &e.kind {
                ast::ExprKind::Lambda { params, .. } => params,
                _ => &EMPTY_PARAMS,
            },
            FuncNode::GenExp(_) => &GENEXP_PARAMS,
        }
    }
}

impl FuncScope<'_> {
    /// `__qualname__`.
    pub fn qualname(&self) -> String {
        self.qualname.clone()
    }

    /// Created anew each time its `def` or `lambda` runs, with a closure object (its
    /// captured cells and its defaults): everything but a plain module-level `def`
    /// and the methods of module-level classes.
    pub fn has_closure(&self) -> bool {
        !self.top_level && self.method_of.is_none()
    }
}

static GENEXP_PARAMS: std::sync::LazyLock<ast::Parameters> =
    std::sync::LazyLock::new(|| ast::Parameters {
        args: vec![ast::Param {
            name: ast::Ident {
                name: ".0".to_string(),
                span: Span::default(),
            },
            annotation: None,
            default: None,
            span: Span::default(),
        }],
        ..Default::default()
    });

static EMPTY_PARAMS: ast::Parameters = ast::Parameters {
    posonly: Vec::new(),
    args: Vec::new(),
    vararg: None,
    kwonly: Vec::new(),
    kwarg: None,
};

/// What a top-level import binds a name to (see `SemModule::imports`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportBinding {
    /// `import a.b.c` binds `a` to module `a`; `import a.b as m` binds `m` to `a.b`.
    Module(String),
    /// `from <level dots><module> import name`: attribute `name` of that module (or
    /// its submodule `name`).
    From {
        module: Option<String>,
        level: u32,
        name: String,
    },
}

impl ImportBinding {
    /// The absolute module a `from` import reads from, for a module named `current`
    /// (`is_package`: it is a package's `__init__`); None when the dots go above the
    /// top-level package. For `Module`, the module itself.
    pub fn source_module(&self, current: &str, is_package: bool) -> Option<String> {
        match self {
            ImportBinding::Module(m) => Some(m.clone()),
            ImportBinding::From { module, level, .. } => {
                if *level == 0 {
                    return module.clone();
                }
                let mut parts: Vec<&str> = current.split('.').collect();
                if !is_package {
                    parts.pop();
                }
                for _ in 1..*level {
                    parts.pop()?;
                }
                if parts.is_empty() {
                    return None;
                }
                let mut base = parts.join(".");
                if let Some(m) = module {
                    base.push('.');
                    base.push_str(m);
                }
                Some(base)
            }
        }
    }
}

/// What a name in a compiled function (or the module body) refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRes {
    Local,
    /// A local that inner functions capture (it lives in a cell).
    Cell,
    /// A variable of an enclosing function (read through the closure's cell).
    Free,
    Global,
    /// A builtin the module never rebinds.
    Builtin,
}

#[derive(Debug, Clone)]
pub struct SemModule<'m> {
    pub items: Vec<ItemMode>,
    /// Compiled functions, in module order (a function before those nested in it).
    pub functions: Vec<FuncScope<'m>>,
    /// The function of each compiled `def` and `lambda`.
    pub keys: std::collections::HashMap<NodeKey, usize>,
    /// Early-bound functions: name -> index in `functions`. A name is early-bound when
    /// it is bound exactly once in the module, by a compiled top-level `def`.
    pub early_bound: IndexMap<String, usize>,
    /// Generator functions bound like early-bound functions (once, by a top-level
    /// undecorated `def`): calls still go through the function object, but what
    /// they return is known to be a generator of the annotated items.
    pub generator_fns: IndexMap<String, usize>,
    /// Every name bound at module level (or declared `global` and bound in a function).
    pub globals: IndexSet<String>,
    pub star_import: bool,
    /// Module constants: names bound exactly once, by a top-level compiled assignment of
    /// a literal (`N = 10`, `SCALE: float = 2.5`, `NAME = "x"`). Name -> the literal.
    pub constants: IndexMap<String, ast::Expr>,
    /// Module variables: names bound exactly once, by a top-level compiled annotated
    /// assignment of something other than a literal (`WORDS: list[str] = [...]`).
    /// Name -> the annotation; compiled code reads such a name with the annotated
    /// type (checked on the way in) where the type is a container or str.
    pub typed_globals: IndexMap<String, ast::Expr>,
    pub future_annotations: bool,
    /// Native classes (C structs with typed fields), in module order.
    pub native: Vec<NativeClass>,
    /// Module globals bound exactly once, by a compiled top-level `import` or
    /// `from ... import` (what other compiled modules' functions are reached through).
    pub imports: IndexMap<String, ImportBinding>,
    /// Names bound only by an import under a top-level `if TYPE_CHECKING:` (never at
    /// run time): what annotations may name through them.
    pub type_imports: IndexMap<String, ImportBinding>,
    /// Notes on what is interpreted and why; errors for invalid programs.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'m> SemModule<'m> {
    pub fn resolve(&self, func: Option<&FuncScope>, name: &str) -> NameRes {
        if let Some(f) = func
            && !f.globals.contains(name)
        {
            if f.freevars.contains(name) {
                return NameRes::Free;
            }
            if f.cellvars.contains(name) {
                return NameRes::Cell;
            }
            if f.locals.contains(name) {
                return NameRes::Local;
            }
        }
        if self.globals.contains(name) || self.star_import || !is_builtin(name) {
            NameRes::Global
        } else {
            NameRes::Builtin
        }
    }

    /// The compiled method at `body_index` of the class statement at `stmt_index`.
    pub fn method_at(&self, stmt_index: usize, body_index: usize) -> Option<usize> {
        self.functions.iter().position(|f| {
            f.stmt_index == stmt_index
                && f.method_of
                    .as_ref()
                    .is_some_and(|m| m.body_index == body_index)
        })
    }

    /// The compiled function of a `def`.
    pub fn func_of_def(&self, d: &ast::FunctionDef) -> Option<usize> {
        self.keys.get(&NodeKey::Def(d.name.span.start)).copied()
    }

    /// The compiled function of a `lambda` or generator expression.
    pub fn func_of_lambda(&self, e: &ast::Expr) -> Option<usize> {
        self.keys.get(&NodeKey::Lambda(e.id)).copied()
    }

    pub fn function_named(&self, name: &str) -> Option<&FuncScope<'m>> {
        self.early_bound.get(name).map(|&i| &self.functions[i])
    }

    /// The native class named `name`, if any.
    pub fn native_named(&self, name: &str) -> Option<usize> {
        self.native.iter().position(|c| c.name == name)
    }

    /// The native class whose statement is at `stmt_index`.
    pub fn native_at(&self, stmt_index: usize) -> Option<usize> {
        self.native.iter().position(|c| c.stmt_index == stmt_index)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }
}

/// Build the semantic model. `strict` turns every interpreted fallback into an error.
pub fn analyze(module: &ast::Module, strict: bool) -> SemModule<'_> {
    let mut diagnostics = symtable_errors::module_errors(module);
    let mut items = Vec::new();
    let mut functions = Vec::new();
    let mut keys = std::collections::HashMap::new();
    let mut future_annotations = false;
    let bindings = scopes::module_bindings(module);
    let module_names: IndexSet<String> = bindings.counts.keys().cloned().collect();
    let module_names = (!bindings.star_import).then_some(&module_names);

    for (i, stmt) in module.body.iter().enumerate() {
        if let StmtKind::ImportFrom {
            module: Some(m),
            names,
            ..
        } = &stmt.kind
            && m == "__future__"
            && names.iter().any(|a| a.name == "annotations")
        {
            future_annotations = true;
        }
        diagnostics.extend(support::invalid_program(stmt));
        let mut mode = match support::first_unsupported(stmt) {
            None => ItemMode::Compiled,
            Some((span, reason)) => {
                diagnostics.push(interpreted_note(stmt, span, &reason, strict));
                ItemMode::Interpreted { reason, span }
            }
        };
        if mode == ItemMode::Compiled {
            let mut sb = closures::ScopeBuilder::new(functions.len(), module_names);
            match statement_scopes(&mut sb, i, stmt) {
                Ok(()) => {
                    functions.extend(sb.funcs);
                    keys.extend(sb.keys);
                }
                Err((span, reason)) => {
                    diagnostics.push(interpreted_note(stmt, span, &reason, strict));
                    mode = ItemMode::Interpreted { reason, span };
                }
            }
        }
        if mode == ItemMode::Compiled
            && let StmtKind::ClassDef(c) = &stmt.kind
        {
            // Nested classes that do not compile run interpreted (in its namespace).
            interpreted_nested_notes(c, &c.name.name, strict, &mut diagnostics);
        }
        items.push(mode);
    }

    let globals: IndexSet<String> = bindings.counts.keys().cloned().collect();
    let mut early_bound = IndexMap::new();
    let mut generator_fns = IndexMap::new();
    if !bindings.star_import {
        for (fi, f) in functions.iter().enumerate() {
            if f.top_level
                && f.def().is_some_and(|d| d.decorators.is_empty())
                && bindings.counts.get(&f.name) == Some(&1)
            {
                if f.is_generator {
                    generator_fns.insert(f.name.clone(), fi);
                } else {
                    early_bound.insert(f.name.clone(), fi);
                }
            }
        }
    }
    let mut constants = IndexMap::new();
    let mut typed_globals = IndexMap::new();
    if !bindings.star_import {
        for (stmt, mode) in module.body.iter().zip(&items) {
            if *mode != ItemMode::Compiled {
                continue;
            }
            let (target, value) = match &stmt.kind {
                StmtKind::Assign { targets, value } if targets.len() == 1 => (&targets[0], value),
                StmtKind::AnnAssign {
                    target,
                    value: Some(value),
                    ..
                } => (target, value),
                _ => continue,
            };
            if let ast::ExprKind::Name(n) = &target.kind
                && bindings.counts.get(n) == Some(&1)
                && !PRESET_MODULE_NAMES.contains(&n.as_str())
            {
                if is_literal(value) {
                    constants.insert(n.clone(), value.clone());
                } else if let StmtKind::AnnAssign { annotation, .. } = &stmt.kind
                    && !matches!(value.kind, ast::ExprKind::NoneLit)
                {
                    // (`X: dict[str, int] = None  # type: ignore` stays None: any object.)
                    typed_globals.insert(n.clone(), annotation.clone());
                }
            }
        }
    }
    let mut imports = IndexMap::new();
    let mut type_imports = IndexMap::new();
    if !bindings.star_import {
        let once = |name: &String| bindings.counts.get(name) == Some(&1);
        for (stmt, mode) in module.body.iter().zip(&items) {
            if *mode != ItemMode::Compiled {
                continue;
            }
            for (name, b) in import_bindings(stmt) {
                if once(&name) {
                    imports.insert(name, b);
                }
            }
        }
        // `if TYPE_CHECKING:` imports (after the ones above: the test reads them).
        for stmt in &module.body {
            if let StmtKind::If { test, body, .. } = &stmt.kind
                && is_type_checking(test, &imports)
            {
                for (name, b) in body.iter().flat_map(import_bindings) {
                    if once(&name) {
                        type_imports.insert(name, b);
                    }
                }
            }
        }
    }
    let compiled = |i: usize| items.get(i) == Some(&ItemMode::Compiled);
    let bound_once = |n: &str| !bindings.star_import && bindings.counts.get(n) == Some(&1);
    let (native, not_native) = native::native_classes(module, &compiled, &bound_once);
    for (i, reason) in not_native {
        if let StmtKind::ClassDef(c) = &module.body[i].kind {
            diagnostics.push(Diagnostic {
                severity: Severity::Note,
                span: c.name.span,
                message: format!(
                    "class `{}` is compiled as an ordinary Python class: {reason}",
                    c.name.name
                ),
                help: Some(
                    "its methods are still compiled; its instances are ordinary Python objects"
                        .into(),
                ),
            });
        }
    }
    for (i, stmt) in module.body.iter().enumerate() {
        if compiled(i) {
            nested_class_notes(stmt, false, &mut diagnostics);
        }
    }
    for k in &native {
        if let StmtKind::ClassDef(c) = &module.body[k.stmt_index].kind {
            let fields: Vec<&str> = k.fields.keys().map(String::as_str).collect();
            diagnostics.push(Diagnostic {
                severity: Severity::Note,
                span: c.name.span,
                message: format!(
                    "class `{}` is a native class (fields: {})",
                    k.name,
                    if fields.is_empty() {
                        "none of its own".to_string()
                    } else {
                        fields.join(", ")
                    }
                ),
                help: Some(if k.unstored.is_empty() {
                    format!(
                        "its instances are C structs{}; compiled code reads fields and calls \
                         methods directly",
                        layout_note(&native, k)
                    )
                } else {
                    let names: Vec<&str> = k.unstored.iter().map(String::as_str).collect();
                    format!(
                        "its instances are C structs{}; compiled code reads fields and calls \
                         methods directly. The module never stores {}: subclasses made \
                         elsewhere may provide {}, so reads of {} on instances of other \
                         classes take the ordinary lookup",
                        layout_note(&native, k),
                        names.join(", "),
                        if names.len() == 1 { "it" } else { "them" },
                        if names.len() == 1 { "it" } else { "them" },
                    )
                }),
            });
        }
    }
    SemModule {
        native,
        imports,
        type_imports,
        items,
        functions,
        keys,
        early_bound,
        generator_fns,
        constants,
        typed_globals,
        globals,
        star_import: bindings.star_import,
        future_annotations,
        diagnostics,
    }
}

/// The names an `import` or `from ... import` statement binds (none for other
/// statements).
fn import_bindings(stmt: &ast::Stmt) -> Vec<(String, ImportBinding)> {
    match &stmt.kind {
        StmtKind::Import(aliases) => aliases
            .iter()
            .map(|a| match &a.asname {
                Some(asname) => (asname.name.clone(), ImportBinding::Module(a.name.clone())),
                None => {
                    let top = a.name.split('.').next().unwrap_or(&a.name);
                    (top.to_string(), ImportBinding::Module(top.to_string()))
                }
            })
            .collect(),
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => names
            .iter()
            .map(|a| {
                let bound = a.asname.as_ref().map_or(&a.name, |i| &i.name);
                (
                    bound.clone(),
                    ImportBinding::From {
                        module: module.clone(),
                        level: *level,
                        name: a.name.clone(),
                    },
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `TYPE_CHECKING` (imported from `typing`) or `typing.TYPE_CHECKING`.
fn is_type_checking(test: &ast::Expr, imports: &IndexMap<String, ImportBinding>) -> bool {
    let typing = |b: Option<&ImportBinding>| match b {
        Some(ImportBinding::From {
            module: Some(m),
            level: 0,
            name,
        }) => m == "typing" && name == "TYPE_CHECKING",
        _ => false,
    };
    match &test.kind {
        ast::ExprKind::Name(n) => typing(imports.get(n)),
        ast::ExprKind::Attribute { value, attr } => {
            attr.name == "TYPE_CHECKING"
                && matches!(&value.kind, ast::ExprKind::Name(m)
                    if matches!(imports.get(m), Some(ImportBinding::Module(t)) if t == "typing"))
        }
        _ => false,
    }
}

/// The note (or, with `--strict`, the error) that a statement runs interpreted.
fn interpreted_note(stmt: &ast::Stmt, span: Span, reason: &str, strict: bool) -> Diagnostic {
    let what = match &stmt.kind {
        StmtKind::FunctionDef(f) => format!("function `{}`", f.name.name),
        StmtKind::ClassDef(c) => format!("class `{}`", c.name.name),
        _ => "this statement".to_string(),
    };
    Diagnostic {
        severity: if strict {
            Severity::Error
        } else {
            Severity::Note
        },
        span,
        message: format!("{what} runs interpreted: {reason} is not compiled yet"),
        help: Some(if strict {
            "remove --strict to let oxyc interpret what it cannot compile".into()
        } else {
            "it still works, at interpreter speed".into()
        }),
    }
}

/// A note (an error with `--strict`) for each class nested in compiled class `c` (at
/// any depth, `path` its dotted name) that runs interpreted.
fn interpreted_nested_notes(
    c: &ast::ClassDef,
    path: &str,
    strict: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for s in &c.body {
        let StmtKind::ClassDef(inner) = &s.kind else {
            continue;
        };
        let Some(why) = support::nested_class_refusal(inner) else {
            interpreted_nested_notes(
                inner,
                &format!("{path}.{}", inner.name.name),
                strict,
                diagnostics,
            );
            continue;
        };
        diagnostics.push(Diagnostic {
            severity: if strict {
                Severity::Error
            } else {
                Severity::Note
            },
            span: inner.name.span,
            message: format!(
                "class `{path}.{}` runs interpreted: {why} is not compiled yet",
                inner.name.name
            ),
            help: Some(if strict {
                "remove --strict to let oxyc interpret what it cannot compile".into()
            } else {
                format!("it still works, at interpreter speed; `{path}` itself is compiled")
            }),
        });
    }
}

/// A note for each class statement inside a compiled top-level statement (in a
/// function, or under a module-level `if`/`try`/loop): ordinary classes, made each
/// time their statement runs. (`nested`: `stmt` is not the top-level statement.)
fn nested_class_notes(stmt: &ast::Stmt, nested: bool, out: &mut Vec<Diagnostic>) {
    let body: &[ast::Stmt] = match &stmt.kind {
        StmtKind::FunctionDef(d) => &d.body,
        StmtKind::ClassDef(c) if nested => {
            out.push(Diagnostic {
                severity: Severity::Note,
                span: c.name.span,
                message: format!(
                    "class `{}` is compiled as an ordinary Python class: it is made each \
                     time the statement around it runs",
                    c.name.name
                ),
                help: Some(
                    "its methods are still compiled; move it to the top level of the \
                     module to make it a native class"
                        .into(),
                ),
            });
            &c.body
        }
        StmtKind::ClassDef(c) => &c.body,
        _ => {
            support::each_child(stmt, &mut |child| {
                if let support::Child::Stmt(s) = child {
                    nested_class_notes(s, true, out);
                }
            });
            return;
        }
    };
    let in_class = matches!(stmt.kind, StmtKind::ClassDef(_));
    for s in body {
        // (A class nested in a class body that runs interpreted: no note.)
        match &s.kind {
            StmtKind::ClassDef(inner) if in_class && !support::nested_class_compiles(inner) => {}
            _ => nested_class_notes(s, true, out),
        }
    }
}

/// The compiled functions of a top-level statement: a `def`, the methods of a class,
/// and every nested `def` and `lambda`.
fn statement_scopes<'m>(
    sb: &mut closures::ScopeBuilder<'m, '_>,
    i: usize,
    stmt: &'m ast::Stmt,
) -> Result<(), closures::Refusal> {
    let empty = IndexSet::new();
    let site = |method_of: Option<MethodOf>, top_level: bool| closures::Site {
        stmt_index: i,
        method_of,
        class_slot: None,
        class_cell: None,
        parent: None,
        qual_prefix: "",
        bound_outside: &empty,
        top_level,
    };
    // What a `def` evaluates where it stands.
    let def_site_exprs = |d: &'m ast::FunctionDef| -> Vec<&'m ast::Expr> {
        d.decorators
            .iter()
            .chain(d.params.all().filter_map(|p| p.default.as_ref()))
            .collect()
    };
    match &stmt.kind {
        StmtKind::FunctionDef(d) => {
            sb.module_exprs(i, "", &def_site_exprs(d))?;
            sb.function(FuncNode::Def(d), site(None, true))?;
        }
        StmtKind::ClassDef(c) => {
            let head: Vec<&ast::Expr> = c
                .bases
                .iter()
                .chain(&c.decorators)
                .chain(c.keywords.iter().map(|k| &k.value))
                .collect();
            sb.module_exprs(i, "", &head)?;
            let prefix = format!("{}.", c.name.name);
            for (j, s) in c.body.iter().enumerate() {
                match &s.kind {
                    StmtKind::FunctionDef(d) => {
                        sb.module_exprs(i, &prefix, &def_site_exprs(d))?;
                        let of = MethodOf {
                            class: c.name.name.clone(),
                            body_index: j,
                        };
                        sb.function(FuncNode::Def(d), site(Some(of), false))?;
                    }
                    StmtKind::ClassDef(inner) if support::nested_class_compiles(inner) => {
                        sb.nested_class(i, &prefix, s)?
                    }
                    StmtKind::ClassDef(_) => {}
                    _ => sb.module_code(i, &prefix, std::slice::from_ref(s))?,
                }
            }
        }
        _ => sb.module_code(i, "", std::slice::from_ref(stmt))?,
    }
    Ok(())
}

/// The static that holds the class made by class statement `c` when that statement
/// is not a top-level one (for the `super()` and `__class__` of its methods).
pub fn class_slot(c: &ast::ClassDef) -> String {
    format!("class_at_{}", c.name.span.start)
}

/// The cell (a local of the enclosing function, captured by the methods) that holds
/// the class made by class statement `c` in a function, for the `super()` and
/// `__class__` of its methods: one per class statement, as in CPython (a class
/// statement in a loop keeps its function interpreted).
pub fn class_cell(c: &ast::ClassDef) -> String {
    format!("{CLASS_CELL_PREFIX}{}", c.name.span.start)
}

/// How the names of `class_cell`s begin (no Python name can).
pub const CLASS_CELL_PREFIX: &str = "__class__@";

/// An int, float, str or bool literal, possibly negated.
fn is_literal(e: &ast::Expr) -> bool {
    match &e.kind {
        ast::ExprKind::Int(_)
        | ast::ExprKind::Float(_)
        | ast::ExprKind::Str(_)
        | ast::ExprKind::Bool(_) => true,
        ast::ExprKind::UnaryOp {
            op: ast::UnaryOp::USub,
            operand,
        } => {
            matches!(
                operand.kind,
                ast::ExprKind::Int(_) | ast::ExprKind::Float(_)
            )
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;

/// Names a module's dict holds before its code runs (set by the import system, or by
/// the module's docstring): an assignment to one rebinds it rather than binding it
/// once, so it is never a module constant or a typed global.
const PRESET_MODULE_NAMES: &[&str] = &[
    "__name__",
    "__doc__",
    "__package__",
    "__loader__",
    "__spec__",
    "__file__",
    "__cached__",
    "__builtins__",
    "__path__",
    "__annotations__",
];

/// What `--explain` says of a native class's instance `__dict__`.
/// (The slot is in the struct of the family's root, which has no `__slots__`.)
fn layout_note(all: &[NativeClass], k: &NativeClass) -> &'static str {
    let mut root = k;
    while let Some(b) = root.base {
        root = &all[b];
    }
    if root.weakrefs {
        " (attributes the class does not declare, set from other code, go to an instance \
         __dict__)"
    } else {
        " without a __dict__ (its `__slots__`)"
    }
}
