//! Reading a responses CSV: a header of item ids, an optional id column, empty cells missing.

use std::path::Path;

use anyhow::{Context, bail};
use assay::psychometrics::ResponseMatrix;
use assay::psychometrics::calibrate::MISSING;

/// A responses file: item ids, person ids and the matrix of categories.
#[derive(Debug)]
pub struct Responses {
    /// Item ids from the header, in column order.
    pub items: Vec<String>,
    /// Person ids: the id column's values, or the 1-based row numbers.
    pub persons: Vec<String>,
    /// The categories.
    pub matrix: ResponseMatrix,
}

/// Reads `path`. The id column is `id_column` if given, else a first column headed `id`
/// (any case), else none.
pub fn read(path: &Path, id_column: Option<&str>) -> anyhow::Result<Responses> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse(file, id_column).with_context(|| format!("in {}", path.display()))
}

/// Parses CSV from any reader (see [`read`]).
pub fn parse(input: impl std::io::Read, id_column: Option<&str>) -> anyhow::Result<Responses> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(input);
    let header = reader.headers().context("line 1: cannot read the header")?;
    let names: Vec<String> = header.iter().map(str::to_string).collect();
    let id_index = match id_column {
        Some(name) => Some(
            names
                .iter()
                .position(|h| h == name)
                .with_context(|| format!("line 1: no column is headed {name:?}"))?,
        ),
        None => names
            .first()
            .filter(|h| h.eq_ignore_ascii_case("id"))
            .map(|_| 0),
    };
    let item_columns: Vec<usize> = (0..names.len()).filter(|&c| Some(c) != id_index).collect();
    if item_columns.is_empty() {
        bail!("line 1: the header names no item columns");
    }
    let items: Vec<String> = item_columns.iter().map(|&c| names[c].clone()).collect();
    for (c, name) in items.iter().enumerate() {
        if name.is_empty() {
            bail!("line 1: item column {} has no id", c + 1);
        }
        if items[..c].contains(name) {
            bail!("line 1: item id {name:?} appears twice");
        }
    }
    let mut persons = Vec::new();
    let mut cells = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| match e.position() {
            Some(pos) => anyhow::anyhow!("line {}: {e}", pos.line()),
            None => anyhow::anyhow!("{e}"),
        })?;
        let line = record.position().map_or(n + 2, |p| p.line() as usize);
        persons.push(match id_index {
            Some(c) => record.get(c).unwrap_or_default().to_string(),
            None => (n + 1).to_string(),
        });
        for (k, &c) in item_columns.iter().enumerate() {
            let cell = record.get(c).unwrap_or_default();
            if cell.is_empty() || cell.eq_ignore_ascii_case("na") {
                cells.push(MISSING);
                continue;
            }
            match cell.parse::<u8>() {
                Ok(v) if v < MISSING => cells.push(v),
                _ => bail!(
                    "line {line}, column {} (item {}): {cell:?} is not a response category (0, 1, 2...; empty for missing)",
                    c + 1,
                    items[k]
                ),
            }
        }
    }
    let matrix = ResponseMatrix::new(persons.len(), items.len(), cells)?;
    Ok(Responses {
        items,
        persons,
        matrix,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ids_and_missing_cells() {
        let r = parse("id,q1,q2\nann,1,\nbob, 0 ,2\n".as_bytes(), None).unwrap();
        assert_eq!(r.items, ["q1", "q2"]);
        assert_eq!(r.persons, ["ann", "bob"]);
        assert_eq!(r.matrix.get(0, 1), None);
        assert_eq!(r.matrix.get(1, 1), Some(2));
        let r = parse("q1,q2\n1,0\n".as_bytes(), None).unwrap();
        assert_eq!(r.persons, ["1"]);
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let err = parse("id,q1,q2\na,1,0\nb,1,x\n".as_bytes(), None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 3, column 3 (item q2): \"x\" is not a response category (0, 1, 2...; empty for missing)"
        );
        let err = parse("q1,q2\n1,0\n1\n".as_bytes(), None).unwrap_err();
        assert!(err.to_string().starts_with("line 3:"), "{err}");
        let err = parse("q1,q1\n1,0\n".as_bytes(), None).unwrap_err();
        assert_eq!(err.to_string(), "line 1: item id \"q1\" appears twice");
        let err = parse("q1\n1\n".as_bytes(), Some("person")).unwrap_err();
        assert_eq!(err.to_string(), "line 1: no column is headed \"person\"");
    }
}
