//! Rebuilds the runner when a frozen standard-library module changes (the freezing macro reads
//! pylib/ at compile time, which cargo does not track by itself).

fn main() {
    println!("cargo:rerun-if-changed=pylib");
}
