//! `assay irt`: calibrate, score and simulate as users call them, including the README example.

use std::path::Path;
use std::process::Command;

mod common;

use common::{assay, root, temp_dir};

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("written")).expect("JSON")
}

#[test]
fn readme_example_calibrates_scores_and_simulates_lsat7() {
    let dir = temp_dir("irt-readme");
    let items = dir.join("items.json");
    let theta = dir.join("theta.json");
    let sim = dir.join("sim.json");
    let (i, t, s) = (
        items.to_str().unwrap(),
        theta.to_str().unwrap(),
        sim.to_str().unwrap(),
    );
    let (code, out, err) = assay(&[
        "irt",
        "calibrate",
        "--responses",
        "samples/lsat7.csv",
        "--model",
        "2PL",
        "--out",
        i,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("2PL 5 items from 1000 persons: log-likelihood -2658.805"),
        "{out}"
    );
    let report = json(&items);
    assert_eq!(report["converged"], true);
    let first = &report["items"][0];
    assert_eq!(first["id"], "item1");
    assert!((first["a"].as_f64().unwrap() - 0.988).abs() < 0.02);
    assert!(first["se"]["a"].as_f64().unwrap() > 0.1);

    let (code, _, err) = assay(&[
        "irt",
        "score",
        "--responses",
        "samples/lsat7.csv",
        "--items",
        i,
        "--method",
        "EAP",
        "--out",
        t,
    ]);
    assert_eq!(code, 0, "{err}");
    let scores = json(&theta);
    let persons = scores["persons"].as_array().unwrap();
    assert_eq!(persons.len(), 1000);
    // The first row answers all five wrong: mirt's EAP for that pattern is −1.867.
    assert!((persons[0]["theta"].as_f64().unwrap() + 1.867).abs() < 0.01);
    assert_eq!(persons[0]["answered"], 5);

    let (code, out, err) = assay(&[
        "irt",
        "simulate",
        "--pool",
        i,
        "--examinees",
        "200",
        "--seed",
        "7",
        "--max-items",
        "4",
        "--randomesque",
        "2",
        "--out",
        s,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("200 simulees: mean length 4.00"), "{out}");
    let report = json(&sim);
    assert_eq!(report["items"].as_array().unwrap().len(), 5);
    assert!(report["rmse"].as_f64().unwrap() > 0.3);
    // The same seed gives the same report.
    let again = dir.join("again.json");
    assay(&[
        "irt",
        "simulate",
        "--pool",
        i,
        "--examinees",
        "200",
        "--seed",
        "7",
        "--max-items",
        "4",
        "--randomesque",
        "2",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(json(&again), report);
}

/// The README's `assay irt` console block: every `$ assay irt ...` line prints the line after it.
#[test]
fn readme_irt_console_block_runs_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let lines: Vec<&str> = readme.lines().collect();
    let dir = temp_dir("irt-readme-block");
    let samples = root().join("samples");
    let mut ran = 0;
    for (n, line) in lines.iter().enumerate() {
        let Some(command) = line.strip_prefix("$ assay irt ") else {
            continue;
        };
        let mut args = vec!["irt".to_string()];
        for word in command.split_whitespace() {
            args.push(match word.strip_prefix("samples/") {
                Some(rest) => samples.join(rest).to_string_lossy().into_owned(),
                None => word.to_string(),
            });
        }
        let out = Command::new(env!("CARGO_BIN_EXE_assay"))
            .args(&args)
            .current_dir(&dir)
            .output()
            .expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{line}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(stdout.trim_end(), lines[n + 1], "{line}");
        ran += 1;
    }
    assert_eq!(ran, 3, "the README shows calibrate, score and simulate");
}

#[test]
fn scoring_methods_agree_on_a_graded_pool_with_missing_cells() {
    let dir = temp_dir("irt-grm");
    let responses = dir.join("r.csv");
    std::fs::write(&responses, "id,q1,q2,q3\nann,2,1,\nbob,0,,1\ncyd,2,2,2\n").unwrap();
    let items = dir.join("items.json");
    std::fs::write(
        &items,
        r#"[{"id": "q1", "irt": {"model": "GRM", "a": 1.2, "b": [-0.5, 0.6]}},
            {"id": "q2", "irt": {"model": "GRM", "a": 0.9, "b": [-1.0, 1.0]}},
            {"id": "q3", "irt": {"model": "GRM", "a": 1.5, "b": [0.0, 1.2]}}]"#,
    )
    .unwrap();
    let mut thetas = Vec::new();
    for method in ["EAP", "MAP", "MLE"] {
        let out = dir.join(format!("{method}.json"));
        let (code, _, err) = assay(&[
            "irt",
            "score",
            "--responses",
            responses.to_str().unwrap(),
            "--items",
            items.to_str().unwrap(),
            "--method",
            method,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{method}: {err}");
        let report = json(&out);
        assert_eq!(report["persons"][0]["id"], "ann");
        assert_eq!(report["persons"][1]["answered"], 2);
        thetas.push(report["persons"][2]["theta"].as_f64().unwrap());
    }
    // cyd answered every item in the top category: MLE goes to the bound, the others stay inside.
    assert_eq!(thetas[2], 6.0);
    assert!(thetas[0] > 0.5 && thetas[0] < 3.0 && thetas[1] > 0.5 && thetas[1] < 3.0);
}

#[test]
fn bad_input_is_reported_with_its_place() {
    let dir = temp_dir("irt-bad");
    let responses = dir.join("r.csv");
    std::fs::write(&responses, "q1,q2\n1,0\n1,maybe\n").unwrap();
    let out = dir.join("out.json");
    let (code, _, err) = assay(&[
        "irt",
        "calibrate",
        "--responses",
        responses.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("line 3, column 2 (item q2): \"maybe\" is not a response category"),
        "{err}"
    );
    let items = dir.join("items.json");
    std::fs::write(
        &items,
        r#"{"items": [{"id": "q1", "model": "2PL", "a": 1, "b": [0, 1]}]}"#,
    )
    .unwrap();
    let (code, _, err) = assay(&[
        "irt",
        "simulate",
        "--pool",
        items.to_str().unwrap(),
        "--examinees",
        "3",
        "--seed",
        "1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("items[0].b: a 2PL item has one difficulty, not an array"),
        "{err}"
    );
    let (code, _, err) = assay(&[
        "irt",
        "calibrate",
        "--responses",
        "samples/lsat7.csv",
        "--model",
        "4PL",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("expected Rasch, 1PL, 2PL, 3PL or GRM"),
        "{err}"
    );
}
