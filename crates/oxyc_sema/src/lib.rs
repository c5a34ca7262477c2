//! Stage 2: the semantic model of one module.
//!
//! Decides, per top-level statement, whether it is compiled or left to the interpreter
//! (the fallback for constructs oxyc cannot compile yet), and builds the scopes of the
//! compiled functions: their locals, the module's globals, and which names are
//! early-bound compiled functions or builtins. Reads only the AST.

mod builtins;
mod native;
mod scopes;
mod support;

pub use builtins::is_builtin;
use indexmap::{IndexMap, IndexSet};
pub use native::NativeClass;
use oxyc_syntax::ast::{self, StmtKind};
use oxyc_syntax::{Diagnostic, Severity, Span};
pub use scopes::{bound_names, target_names};
pub use support::{Child, each_child, each_expr_child};

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

/// A compiled function: a module-level `def`, or a method of a compiled class.
#[derive(Debug, Clone)]
pub struct FuncScope {
    /// Index of the `def` (or of the enclosing `class`) in the module body.
    pub stmt_index: usize,
    /// For a method: the class and the index of the `def` in the class body.
    pub method_of: Option<MethodOf>,
    /// The name it is bound to (mangled for a private method).
    pub name: String,
    /// `__name__` (the name as written).
    pub display_name: String,
    /// Parameter names, in order.
    pub params: Vec<String>,
    /// Parameters first, then other local variables in order of first binding.
    pub locals: IndexSet<String>,
    /// Names declared `global` in the body.
    pub globals: IndexSet<String>,
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

impl FuncScope {
    /// The `def` of this function.
    pub fn def<'m>(&self, module: &'m ast::Module) -> Option<&'m ast::FunctionDef> {
        let stmt = module.body.get(self.stmt_index)?;
        let stmt = match (&stmt.kind, &self.method_of) {
            (StmtKind::ClassDef(c), Some(m)) => c.body.get(m.body_index)?,
            _ => stmt,
        };
        match &stmt.kind {
            StmtKind::FunctionDef(d) => Some(d),
            _ => None,
        }
    }

    /// `__qualname__`: `name`, or `Class.name` for a method.
    pub fn qualname(&self) -> String {
        match &self.method_of {
            Some(m) => format!("{}.{}", m.class, self.display_name),
            None => self.display_name.clone(),
        }
    }
}

/// What a name in a compiled function (or the module body) refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRes {
    Local,
    Global,
    /// A builtin the module never rebinds.
    Builtin,
}

#[derive(Debug, Clone)]
pub struct SemModule {
    pub items: Vec<ItemMode>,
    /// Compiled functions, in module order.
    pub functions: Vec<FuncScope>,
    /// Early-bound functions: name -> index in `functions`. A name is early-bound when
    /// it is bound exactly once in the module, by a compiled top-level `def`.
    pub early_bound: IndexMap<String, usize>,
    /// Every name bound at module level (or declared `global` and bound in a function).
    pub globals: IndexSet<String>,
    pub star_import: bool,
    /// Module constants: names bound exactly once, by a top-level compiled assignment of
    /// a literal (`N = 10`, `SCALE: float = 2.5`, `NAME = "x"`). Name -> the literal.
    pub constants: IndexMap<String, ast::Expr>,
    pub future_annotations: bool,
    /// Native classes (C structs with typed fields), in module order.
    pub native: Vec<NativeClass>,
    /// Notes on what is interpreted and why; errors for invalid programs.
    pub diagnostics: Vec<Diagnostic>,
}

impl SemModule {
    pub fn resolve(&self, func: Option<&FuncScope>, name: &str) -> NameRes {
        if let Some(f) = func
            && !f.globals.contains(name)
            && f.locals.contains(name)
        {
            return NameRes::Local;
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

    pub fn function_named(&self, name: &str) -> Option<&FuncScope> {
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
pub fn analyze(module: &ast::Module, strict: bool) -> SemModule {
    let mut diagnostics = Vec::new();
    let mut items = Vec::new();
    let mut functions = Vec::new();
    let mut future_annotations = false;

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
        let mode = match support::first_unsupported(stmt) {
            None => ItemMode::Compiled,
            Some((span, reason)) => {
                let what = match &stmt.kind {
                    StmtKind::FunctionDef(f) => format!("function `{}`", f.name.name),
                    StmtKind::ClassDef(c) => format!("class `{}`", c.name.name),
                    _ => "this statement".to_string(),
                };
                let severity = if strict {
                    Severity::Error
                } else {
                    Severity::Note
                };
                diagnostics.push(Diagnostic {
                    severity,
                    span,
                    message: format!("{what} runs interpreted: {reason} is not compiled yet"),
                    help: Some(if strict {
                        "remove --strict to let oxyc interpret what it cannot compile".into()
                    } else {
                        "it still works, at interpreter speed".into()
                    }),
                });
                ItemMode::Interpreted { reason, span }
            }
        };
        if mode == ItemMode::Compiled {
            match &stmt.kind {
                StmtKind::FunctionDef(f) => functions.push(scopes::function_scope(i, f, None)),
                StmtKind::ClassDef(c) => {
                    // Classes nested in the body run interpreted (in its namespace).
                    for s in &c.body {
                        if let StmtKind::ClassDef(inner) = &s.kind {
                            diagnostics.push(Diagnostic {
                                severity: if strict {
                                    Severity::Error
                                } else {
                                    Severity::Note
                                },
                                span: inner.name.span,
                                message: format!(
                                    "class `{}.{}` runs interpreted: a class nested in a class is not compiled yet",
                                    c.name.name, inner.name.name
                                ),
                                help: Some(if strict {
                                    "remove --strict to let oxyc interpret what it cannot compile".into()
                                } else {
                                    "it still works, at interpreter speed; `{}` itself is compiled"
                                        .replace("{}", &c.name.name)
                                }),
                            });
                        }
                    }
                    for (j, s) in c.body.iter().enumerate() {
                        if let StmtKind::FunctionDef(f) = &s.kind {
                            let of = MethodOf {
                                class: c.name.name.clone(),
                                body_index: j,
                            };
                            functions.push(scopes::function_scope(i, f, Some(of)));
                        }
                    }
                }
                _ => {}
            }
        }
        items.push(mode);
    }

    let bindings = scopes::module_bindings(module);
    let globals: IndexSet<String> = bindings.counts.keys().cloned().collect();
    let mut early_bound = IndexMap::new();
    if !bindings.star_import {
        for (fi, f) in functions.iter().enumerate() {
            if f.method_of.is_none() && bindings.counts.get(&f.name) == Some(&1) {
                early_bound.insert(f.name.clone(), fi);
            }
        }
    }
    let mut constants = IndexMap::new();
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
                && is_literal(value)
            {
                constants.insert(n.clone(), value.clone());
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
                    "its methods are still compiled; only its instances keep a __dict__".into(),
                ),
            });
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
                help: Some(
                    "its instances are C structs without a __dict__; compiled code reads \
                     fields and calls methods directly"
                        .into(),
                ),
            });
        }
    }
    SemModule {
        native,
        items,
        functions,
        early_bound,
        constants,
        globals,
        star_import: bindings.star_import,
        future_annotations,
        diagnostics,
    }
}

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
