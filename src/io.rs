//! The edges: reading inputs and writing outputs.
//!
//! Inputs: a path, or `-` for standard input; a missing file, a directory or an
//! unreadable file is an [`Error::Input`] naming it. Outputs: standard output
//! (`-` or none), a device or pipe (written directly), or a regular file,
//! written to a temporary file in the same directory and renamed into place
//! only when complete, so a failed run leaves no partial file. An output that
//! is one of the inputs is refused.

use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, InputProblem, Result};

/// Whether `path` names standard input/output.
pub fn is_std(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Read a whole input.
///
/// # Errors
/// [`Error::Input`] with [`InputProblem::Missing`], [`InputProblem::Directory`]
/// or [`InputProblem::Unreadable`].
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if is_std(path) {
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::input(path, InputProblem::Unreadable(e.to_string())))?;
        return Ok(bytes);
    }
    let problem = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => InputProblem::Missing,
        io::ErrorKind::IsADirectory => InputProblem::Directory,
        _ => InputProblem::Unreadable(e.to_string()),
    };
    let meta = fs::metadata(path).map_err(|e| Error::input(path, problem(e)))?;
    if meta.is_dir() {
        return Err(Error::input(path, InputProblem::Directory));
    }
    fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| Error::input(path, problem(e)))?;
    Ok(bytes)
}

/// Write an output through `produce`, atomically for regular files.
///
/// `output` is `None` or `-` for standard output. `inputs` are refused as
/// outputs.
///
/// # Errors
/// [`Error::Output`] when the output cannot be created or written (the error
/// of `produce` included), or when it is one of the inputs.
pub fn write_output<T>(
    output: Option<&Path>,
    inputs: &[PathBuf],
    produce: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T> {
    let Some(path) = output.filter(|p| !is_std(p)) else {
        let stdout = io::stdout();
        let mut w = BufWriter::new(stdout.lock());
        let out_err = |source| Error::Output {
            path: PathBuf::from("<stdout>"),
            source,
        };
        let value = produce(&mut w).map_err(out_err)?;
        w.flush().map_err(out_err)?;
        return Ok(value);
    };
    let out_err = |source: io::Error| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    refuse_input_as_output(path, inputs)?;
    // Devices and pipes (/dev/full, /dev/stdout, a FIFO) are written directly.
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let file = fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(out_err)?;
        let mut w = BufWriter::new(file);
        let value = produce(&mut w).map_err(out_err)?;
        w.flush().map_err(out_err)?;
        return Ok(value);
    }
    // A regular file: the one-file case of `write_outputs` (temp file, rename).
    write_outputs(std::slice::from_ref(&path.to_path_buf()), inputs, |files| {
        produce(&mut files[0])
    })
}

/// Write several regular files that belong together (the two halves of a
/// split, Moses `.en`/`.fr`): each goes to a temporary file, and all are renamed
/// into place only when every one is complete, so a failed run leaves none.
///
/// # Errors
/// As [`write_output`]; on any error no output file is created.
pub fn write_outputs<T>(
    paths: &[PathBuf],
    inputs: &[PathBuf],
    produce: impl FnOnce(&mut [BufWriter<tempfile::NamedTempFile>]) -> io::Result<T>,
) -> Result<T> {
    let mut temps = Vec::with_capacity(paths.len());
    for path in paths {
        let out_err = |source: io::Error| Error::Output {
            path: path.clone(),
            source,
        };
        check_regular_output(path, inputs)?;
        let dir = parent_dir(path);
        let tmp = tempfile::Builder::new()
            .prefix(".natalign-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(out_err)?;
        temps.push(BufWriter::new(tmp));
    }
    let value = produce(&mut temps).map_err(|source| Error::Output {
        path: paths.first().cloned().unwrap_or_default(),
        source,
    })?;
    let mut done = Vec::with_capacity(temps.len());
    for (w, path) in temps.into_iter().zip(paths) {
        let out_err = |source: io::Error| Error::Output {
            path: path.clone(),
            source,
        };
        let tmp = w.into_inner().map_err(|e| out_err(e.into_error()))?;
        tmp.as_file().sync_all().map_err(out_err)?;
        done.push((tmp, path));
    }
    for (tmp, path) in done {
        tmp.persist(path).map_err(|e| Error::Output {
            path: path.clone(),
            source: e.error,
        })?;
    }
    Ok(value)
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Refuse an output that is one of the inputs.
fn refuse_input_as_output(path: &Path, inputs: &[PathBuf]) -> Result<()> {
    if let Ok(out_id) = fs::canonicalize(path) {
        if inputs
            .iter()
            .filter(|p| !is_std(p))
            .any(|p| fs::canonicalize(p).is_ok_and(|c| c == out_id))
        {
            return Err(Error::Output {
                path: path.to_path_buf(),
                source: io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    "it is also an input; refusing to overwrite an input file",
                ),
            });
        }
    }
    Ok(())
}

/// Refuse an output that is an input, a directory, or in a missing directory.
fn check_regular_output(path: &Path, inputs: &[PathBuf]) -> Result<()> {
    let out_err = |source: io::Error| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    refuse_input_as_output(path, inputs)?;
    if path.is_dir() {
        return Err(out_err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(out_err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("directory {} does not exist", dir.display()),
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_write_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        let err = write_output(Some(&out), &[], |w| {
            w.write_all(b"partial")?;
            Err::<(), _>(io::Error::other("boom"))
        });
        assert!(err.is_err());
        assert!(!out.exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "temp file left behind"
        );
    }

    #[test]
    fn output_equal_to_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.txt");
        fs::write(&input, "text").unwrap();
        let err = write_output(Some(&input), std::slice::from_ref(&input), |w| {
            w.write_all(b"x")
        })
        .unwrap_err();
        assert!(
            err.to_string().contains("refusing to overwrite an input"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&input).unwrap(), "text");
    }

    #[test]
    fn missing_directory_is_an_output_error() {
        let err = write_output(Some(Path::new("/nonexistent-dir/x.csv")), &[], |w| {
            w.write_all(b"x")
        })
        .unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}
