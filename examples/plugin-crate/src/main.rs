//! `sumbench-plugin-example CONFIG`: runs a config that may name `shared-terms` next to
//! the built-ins; `sumbench-plugin-example --list` lists every kind with its parameters.
//! Exit codes are sumbench's (`sumbench::error::exit`).
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let registry = match sumbench_plugin_example::registry() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(sumbench::error::exit::INPUT);
        }
    };
    let mut stdout = std::io::stdout().lock();
    match args.as_slice() {
        [flag] if flag == "--list" => {
            print!("{}", registry.describe());
            ExitCode::SUCCESS
        }
        [config] if !config.starts_with('-') => {
            match sumbench_plugin_example::run(config.as_ref(), &registry, &mut stdout) {
                Ok(path) => {
                    eprintln!("results: {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(e.exit_code())
                }
            }
        }
        _ => {
            eprintln!("usage: sumbench-plugin-example CONFIG | --list");
            ExitCode::from(sumbench::error::exit::INPUT)
        }
    }
}
