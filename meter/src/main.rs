//! `assay-meter IN.wasm OUT.wasm`: writes a metered copy of a module (see the library docs).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: assay-meter IN.wasm OUT.wasm");
        return ExitCode::from(2);
    };
    let wasm = match std::fs::read(input) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("assay-meter: cannot read {input}: {e}");
            return ExitCode::from(2);
        }
    };
    match assay_meter::meter(&wasm) {
        Ok((metered, report)) => {
            if let Err(e) = std::fs::write(output, &metered) {
                eprintln!("assay-meter: cannot write {output}: {e}");
                return ExitCode::from(2);
            }
            println!(
                "{output}: {} functions and {} loops charged, {} straight-line functions free; {} → {} bytes",
                report.functions,
                report.loops,
                report.leaves,
                wasm.len(),
                metered.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("assay-meter: {input}: {e}");
            ExitCode::FAILURE
        }
    }
}
