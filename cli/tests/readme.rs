//! The README's examples run as written (and those in `docs/`).
//!
//! Every ```console block is a shell session: each `$ assay ...` line (a trailing `\` continues it)
//! runs in a scratch directory that holds `samples/`, `tests/` and `www/` from the repository, and
//! the lines after it must appear, in order, in what it printed; `…` in a line matches any text.
//! The ```html and ```js snippets cannot run here, so what they name must exist: the scripts the
//! build writes, the element's attributes, the packages, and every identifier they import.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One fenced block of a Markdown file.
struct Block {
    /// Where it is: `README.md:42`.
    place: String,
    lang: String,
    text: String,
}

/// One `$ ` command of a console block and the lines it must print.
#[derive(Debug)]
struct Example {
    /// `README.md:44`.
    place: String,
    command: String,
    expected: Vec<String>,
}

/// The Markdown files whose examples are checked: the README first, then `docs/` by name.
fn documents() -> Vec<PathBuf> {
    let root = common::root();
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect()
        })
        .unwrap_or_default();
    docs.sort();
    let mut files = vec![root.join("README.md")];
    files.extend(docs);
    files
}

/// The fenced blocks of `text`, named after `file`.
fn blocks(file: &str, text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (n, line) in text.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => {
                open = Some(Block {
                    place: format!("{file}:{}", n + 1),
                    lang: lang.trim().to_string(),
                    text: String::new(),
                });
            }
            (Some(_), Some("")) => found.extend(open.take()),
            (Some(block), _) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "{file}: a code block is not closed");
    found
}

/// The commands of a console block, continuation lines joined, each with its expected output.
fn examples(block: &Block) -> Vec<Example> {
    let first_line: usize = block.place.rsplit(':').next().unwrap().parse().unwrap();
    let file = block.place.rsplit_once(':').unwrap().0;
    let mut found: Vec<Example> = Vec::new();
    let mut continued = false;
    for (n, line) in block.text.lines().enumerate() {
        if continued {
            let last = found.last_mut().unwrap();
            last.command.push(' ');
            last.command
                .push_str(line.trim().trim_end_matches('\\').trim_end());
            continued = line.ends_with('\\');
        } else if let Some(command) = line.strip_prefix("$ ") {
            found.push(Example {
                place: format!("{file}:{}", first_line + n + 1),
                command: command.trim_end_matches('\\').trim_end().to_string(),
                expected: Vec::new(),
            });
            continued = line.ends_with('\\');
        } else if let Some(last) = found.last_mut() {
            last.expected.push(line.to_string());
        } else {
            panic!(
                "{}: a console block starts with `$ `, not {line:?}",
                block.place
            );
        }
    }
    found
}

/// Whether `printed` matches `expected`, where each `…` in `expected` stands for any text.
fn line_matches(expected: &str, printed: &str) -> bool {
    let expected = expected.trim_end();
    let printed = printed.trim_end();
    let parts: Vec<&str> = expected.split('…').collect();
    let [first, middle @ .., last] = parts.as_slice() else {
        return expected == printed;
    };
    if !printed.starts_with(first) || printed.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &printed[first.len()..];
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Checks that every expected line matches a printed line, in order.
fn compare(expected: &[String], printed: &str) -> Result<(), String> {
    let mut lines = printed.lines();
    for want in expected {
        if !lines.any(|got| line_matches(want, got)) {
            return Err(format!("expected a line {want:?}"));
        }
    }
    Ok(())
}

/// A scratch directory for one console block, with the repository's inputs linked into it.
fn workspace(name: &str) -> PathBuf {
    let dir = common::temp_dir(name);
    for input in ["samples", "tests", "www", "demo"] {
        std::os::unix::fs::symlink(common::root().join(input), dir.join(input))
            .expect("links an input");
    }
    dir
}

/// Runs one command line with `sh` (redirections work as in the README), the `assay` under test
/// first on `PATH`: (success, stdout and stderr together).
fn run(dir: &Path, command: &str) -> (bool, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_assay")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("exec 2>&1\n{command}"))
        .env("PATH", path)
        .current_dir(dir)
        .output()
        .expect("runs sh");
    let mut printed = String::from_utf8_lossy(&out.stdout).into_owned();
    printed.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), printed)
}

#[test]
fn console_examples_print_what_the_docs_show() {
    let root = common::root();
    let mut seen = BTreeSet::new();
    let mut failures = Vec::new();
    let (mut ran, mut in_readme) = (0, 0);
    for path in documents() {
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        for block in blocks(&name, &text) {
            // A block shown twice (the README's tour, again on its topic's page) runs once.
            if block.lang != "console" || !seen.insert(block.text.clone()) {
                continue;
            }
            let dir = workspace(&format!("readme-{}", seen.len()));
            for example in examples(&block) {
                assert!(
                    example.command.starts_with("assay "),
                    "{}: console examples run `assay ...`, not {:?}",
                    example.place,
                    example.command
                );
                let (ok, printed) = run(&dir, &example.command);
                let outcome = if ok {
                    compare(&example.expected, &printed)
                } else {
                    Err("the command failed".into())
                };
                if let Err(why) = outcome {
                    failures.push(format!(
                        "{}: $ {}\n  {why}; it printed:\n{printed}",
                        example.place, example.command
                    ));
                }
                ran += 1;
                if name == "README.md" {
                    in_readme += 1;
                }
            }
        }
    }
    eprintln!("ran {ran} console commands, {in_readme} of them from README.md");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(in_readme >= 5, "the README's tour has its console examples");
}

/// The attributes of each `<tag ...>` in `html`: (tag, [(name, value)]).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    for piece in html.split('<').skip(1) {
        let Some(inside) = piece.split('>').next() else {
            continue;
        };
        if inside.starts_with('/') {
            continue;
        }
        let mut words = Vec::new();
        let mut word = String::new();
        let mut quoted = false;
        for c in inside.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if c.is_whitespace() && !quoted {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        let mut words = words.into_iter();
        let tag = words.next().unwrap_or_default();
        let attributes = words
            .map(|w| match w.split_once('=') {
                Some((name, value)) => (name.to_string(), value.to_string()),
                None => (w, String::new()),
            })
            .collect();
        found.push((tag, attributes));
    }
    found
}

/// The path of a URL (`https://host/dist/x.js?a=b` → `/dist/x.js`) or a relative reference.
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| {
        rest.find('/').map_or("/", |at| &rest[at..])
    });
    rest.split(['?', '#']).next().unwrap_or(rest)
}

/// Checks one served file named in a snippet: a bundle the build writes, or a file under `www/`
/// or `demo/` (the pages `--pages demo` serves over it).
fn check_served(place: &str, url: &str) -> Result<(), String> {
    let root = common::root();
    let path = url_path(url);
    if let Some(bundle) = path.strip_prefix("/dist/") {
        let build = std::fs::read_to_string(root.join("scripts/bundle.mjs")).unwrap();
        if !build.contains(&format!("path.join(dist, \"{bundle}\")")) {
            return Err(format!(
                "{place}: scripts/bundle.mjs writes no www/dist/{bundle}"
            ));
        }
    } else if !["www", "demo"]
        .iter()
        .any(|dir| root.join(dir).join(path.trim_start_matches('/')).is_file())
    {
        return Err(format!("{place}: no www{path} nor demo{path}"));
    }
    Ok(())
}

/// The source that defines what a module a snippet imports exports.
fn module_source(place: &str, module: &str) -> Result<(PathBuf, bool), String> {
    let root = common::root();
    let sources = [
        ("dist/assay-shim.js", "www/shim/assay.js", false),
        ("dist/assay-element.js", "www/js/element.js", false),
        ("pkg/assay.js", "bindings/src", true),
    ];
    sources
        .iter()
        .find(|(url, _, _)| url_path(module).ends_with(url))
        .map(|(_, source, rust)| (root.join(source), *rust))
        .ok_or_else(|| format!("{place}: imports from {module:?}, which this test does not know"))
}

/// A source file's text, or every Rust file of a directory (the bindings crate) together.
fn read_source(path: &std::path::Path) -> String {
    if !path.is_dir() {
        return std::fs::read_to_string(path).unwrap();
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

/// Whether `source` exports `name` (a JS module, or the wasm bindings of the Rust core).
fn exports(source: &str, rust: bool, name: &str) -> bool {
    if rust {
        source.contains(&format!("pub struct {name} "))
            || source.contains(&format!("js_name = {name},"))
            || source.contains(&format!("js_name = {name})"))
    } else {
        ["function", "async function", "class", "const", "let"]
            .iter()
            .any(|kind| source.contains(&format!("export {kind} {name}")))
    }
}

/// The names a JS snippet imports, with their module: `import init, { Session } from "m"`.
fn imports(js: &str) -> Vec<(String, String, bool)> {
    let mut found = Vec::new();
    for statement in js.split(';') {
        let Some(rest) = statement.trim().strip_prefix("import ") else {
            continue;
        };
        let Some((names, module)) = rest.rsplit_once(" from ") else {
            continue;
        };
        let module = module.trim().trim_matches(['"', '\'']).to_string();
        let (default, named) = match names.split_once('{') {
            Some((default, named)) => (default, named.trim_end().trim_end_matches('}')),
            None => (names, ""),
        };
        for name in default.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            found.push((name.to_string(), module.clone(), true));
        }
        for name in named.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let name = name.split(" as ").next().unwrap().trim();
            found.push((name.to_string(), module.clone(), false));
        }
    }
    found
}

#[test]
fn html_and_js_snippets_name_what_exists() {
    let root = common::root();
    let element = std::fs::read_to_string(root.join("www/js/element.js")).unwrap();
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in documents() {
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        for block in blocks(&name, &text) {
            let place = &block.place;
            match block.lang.as_str() {
                "html" => {
                    for (tag, attributes) in tags(&block.text) {
                        for (attribute, value) in &attributes {
                            if attribute == "src" {
                                problems.extend(check_served(place, value).err());
                            }
                            if tag != "assay-assessment" {
                                continue;
                            }
                            if !element.contains(&format!("\"{attribute}\"")) {
                                problems.push(format!(
                                    "{place}: <assay-assessment> reads no attribute {attribute:?}"
                                ));
                            }
                            if attribute == "package"
                                && !root.join(format!("samples/{value}.json")).is_file()
                            {
                                problems.push(format!("{place}: no package samples/{value}.json"));
                            }
                        }
                    }
                    checked += 1;
                }
                "js" => {
                    for (import, module, default) in imports(&block.text) {
                        match module_source(place, &module) {
                            Err(e) => problems.push(e),
                            // wasm-bindgen's module always has its `init` as the default export.
                            Ok((_, true)) if default => {}
                            Ok((source, rust)) => {
                                let source = read_source(&source);
                                if default || !exports(&source, rust, &import) {
                                    problems.push(format!(
                                        "{place}: {module:?} does not export {import}"
                                    ));
                                }
                            }
                        }
                    }
                    checked += 1;
                }
                _ => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 1, "the README shows how to embed a test");
}

#[test]
fn matching_treats_the_ellipsis_as_any_text() {
    assert!(line_matches("sha256 2679cd9e…", "sha256 2679cd9eabc"));
    assert!(line_matches("…", "anything at all"));
    assert!(line_matches("a … c … e", "a b c d e"));
    assert!(!line_matches("a … c", "a b d"));
    assert!(!line_matches("ab…ba", "aba"));
    assert!(!line_matches("exact", "exact but longer"));
    let printed = "one\ntwo\nthree\n";
    assert!(compare(&["one".into(), "three".into()], printed).is_ok());
    assert!(compare(&["three".into(), "one".into()], printed).is_err());
}
