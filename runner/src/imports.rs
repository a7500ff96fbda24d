//! The import allow-list, checked on the applicant's source before it runs.
//!
//! Import statements are found in the parsed source (every nested function, class and branch
//! included), so `import os` is refused where it is written, with its line, even inside a function
//! that never runs. Checking the source rather than the running import machinery leaves the
//! standard library free to import what it needs: `datetime.strftime` imports `time` from native
//! code, through the very frame of the applicant that called it. Strings given to `exec`, `eval`
//! and `compile` get the same check before they run, and a direct call of `__import__` is checked
//! when it is made.
//!
//! The allow-list is a rule of the test, not the sandbox's boundary: the module has no imports
//! from its host, so even a module reached some other way can touch nothing outside the run.

use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::{Stmt, StmtImport, StmtImportFrom};
use ruff_text_size::Ranged;

/// Modules applicant code may import (and their submodules).
pub const ALLOWED_MODULES: &[&str] = &[
    "__future__",
    "abc",
    "array",
    "bisect",
    "cmath",
    "collections",
    "copy",
    "dataclasses",
    "datetime",
    "decimal",
    "enum",
    "fractions",
    "functools",
    "heapq",
    "itertools",
    "json",
    "math",
    "numbers",
    "operator",
    "random",
    "re",
    "statistics",
    "string",
    "sys",
    "textwrap",
    "typing",
];

/// Whether an absolute import of `name` is allowed.
pub fn allowed(name: &str) -> bool {
    let top = name.split('.').next().unwrap_or_default();
    ALLOWED_MODULES.contains(&top)
}

/// The first import statement in `source` outside the allow-list: `("import os", line)`.
/// Source that does not parse has none (compiling it reports the syntax error).
pub fn first_forbidden(source: &str) -> Option<(String, u32)> {
    let parsed = ruff_python_parser::parse_module(source).ok()?;
    let mut finder = Finder { found: None };
    finder.visit_body(&parsed.syntax().body);
    let (what, offset) = finder.found?;
    let line = source[..offset.min(source.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1;
    Some((what, line as u32))
}

struct Finder {
    found: Option<(String, usize)>,
}

impl<'a> StatementVisitor<'a> for Finder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.found.is_some() {
            return;
        }
        match stmt {
            Stmt::Import(StmtImport { names, .. }) => {
                if let Some(alias) = names.iter().find(|a| !allowed(a.name.as_str())) {
                    self.found = Some((
                        format!("import {}", alias.name.as_str()),
                        stmt.start().to_usize(),
                    ));
                }
            }
            Stmt::ImportFrom(StmtImportFrom {
                module: Some(module),
                level: 0,
                ..
            }) => {
                if !allowed(module.as_str()) {
                    self.found = Some((
                        format!("import {}", module.as_str()),
                        stmt.start().to_usize(),
                    ));
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }
}
