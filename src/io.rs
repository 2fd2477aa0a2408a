//! The edges: reading inputs, walking folders and writing outputs. The only
//! module that opens files the user named.
//!
//! Inputs: a path, or `-` for standard input; a missing file, a directory or an
//! unreadable file is an [`Error::Input`] naming it. Folders (`corpus`) are
//! walked by [`walk`]. Outputs go through one [`Output`]: standard output (`-`
//! or none), a device or pipe (written directly), or one or two regular files
//! (a Moses pair), each written to a temporary file in its directory and
//! renamed into place by [`Output::commit`] only when all are complete, so a
//! failed run leaves no partial file. A new file gets the mode a shell
//! redirection would give it (`0666` less the umask); a replaced file keeps its
//! mode. An output that is one of the inputs is refused.

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

/// A file passed over while walking or reading, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// The file.
    pub file: String,
    /// Why.
    pub reason: String,
}

/// Which files a folder walk takes, from `--include` and `--exclude` globs,
/// with ripgrep's conventions: a glob without `/` matches a file or folder
/// name at any depth (`*.txt`, `SOURCE`), one with `/` the path below the
/// walked folder (`en/*.txt`, `**/drafts/**`); `*` does not cross `/`, `**`
/// does. A file is taken when it matches an include glob (any file when there
/// is none) and no exclude glob; an excluded folder is not entered. Files
/// named on the command line are always taken.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    include: Option<Globs>,
    exclude: Option<Globs>,
}

/// Globs split by what they match: a name, or a path below the root.
#[derive(Debug, Clone)]
struct Globs {
    names: globset::GlobSet,
    paths: globset::GlobSet,
}

impl Globs {
    fn new(globs: &[String], flag: &str) -> Result<Option<Globs>> {
        if globs.is_empty() {
            return Ok(None);
        }
        let (mut names, mut paths) = (
            globset::GlobSetBuilder::new(),
            globset::GlobSetBuilder::new(),
        );
        for g in globs {
            let glob = globset::GlobBuilder::new(g.trim_start_matches('/'))
                .literal_separator(true)
                .build()
                .map_err(|e| Error::Usage(format!("{flag} {g:?}: {}", e.kind())))?;
            if g.contains('/') {
                paths.add(glob)
            } else {
                names.add(glob)
            };
        }
        let build = |b: globset::GlobSetBuilder| {
            b.build().map_err(|e| Error::Usage(format!("{flag}: {e}")))
        };
        Ok(Some(Globs {
            names: build(names)?,
            paths: build(paths)?,
        }))
    }

    fn matches(&self, relative: &Path) -> bool {
        relative.file_name().is_some_and(|n| self.names.is_match(n))
            || self.paths.is_match(relative)
    }
}

impl FileFilter {
    /// The filter of `include` and `exclude` globs.
    ///
    /// # Errors
    /// [`Error::Usage`] for a glob that does not parse.
    pub fn new(include: &[String], exclude: &[String]) -> Result<FileFilter> {
        Ok(FileFilter {
            include: Globs::new(include, "--include")?,
            exclude: Globs::new(exclude, "--exclude")?,
        })
    }

    fn takes_file(&self, relative: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.matches(relative)) && !self.excludes(relative)
    }

    fn excludes(&self, relative: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|g| g.matches(relative))
    }
}

/// What a walk found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walked {
    /// The files to read, in order: those named, then each folder's, sorted.
    pub files: Vec<PathBuf>,
    /// Entries passed over, with the reason (hidden, links out of the
    /// folder, not regular files, unreadable folders).
    pub skipped: Vec<Skipped>,
    /// Files and folders left out by the filter.
    pub excluded: usize,
}

/// Walk files and folders: files as named; folders recursively, in sorted
/// order, skipping hidden entries and links that lead outside the folder, and
/// what `filter` leaves out.
///
/// # Errors
/// [`Error::Input`] for a path named in `roots` that does not exist or
/// cannot be read: it is a mistake on the command line, found before any work.
pub fn walk(roots: &[PathBuf], filter: &FileFilter) -> Result<Walked> {
    let mut walked = Walked::default();
    for root in roots {
        let meta = fs::metadata(root).map_err(|e| {
            let problem = match e.kind() {
                io::ErrorKind::NotFound => InputProblem::Missing,
                _ => InputProblem::Unreadable(e.to_string()),
            };
            Error::input(root, problem)
        })?;
        if meta.is_dir() {
            fs::read_dir(root)
                .map_err(|e| Error::input(root, InputProblem::Unreadable(e.to_string())))?;
            let base = fs::canonicalize(root).unwrap_or_else(|_| root.clone());
            walk_dir(root, root, &base, filter, &mut walked);
        } else {
            walked.files.push(root.clone());
        }
    }
    Ok(walked)
}

fn walk_dir(dir: &Path, root: &Path, base: &Path, filter: &FileFilter, walked: &mut Walked) {
    let skip = |walked: &mut Walked, path: &Path, reason: String| {
        walked.skipped.push(Skipped {
            file: path.display().to_string(),
            reason,
        });
    };
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => return skip(walked, dir, e.to_string()),
    };
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            skip(walked, &path, "hidden".into());
            continue;
        }
        let Ok(link) = fs::symlink_metadata(&path) else {
            continue;
        };
        let is_link = link.file_type().is_symlink();
        // Follow a link only when it stays inside the walked folder.
        if is_link && !fs::canonicalize(&path).is_ok_and(|t| t.starts_with(base)) {
            skip(walked, &path, "link leading outside the folder".into());
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path);
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() && is_link => {
                skip(walked, &path, "link to a folder (not followed)".into());
            }
            Ok(m) if m.is_dir() && filter.excludes(relative) => walked.excluded += 1,
            Ok(m) if m.is_dir() => walk_dir(&path, root, base, filter, walked),
            Ok(m) if m.is_file() && !filter.takes_file(relative) => walked.excluded += 1,
            Ok(m) if m.is_file() => walked.files.push(path),
            Ok(_) => skip(walked, &path, "not a regular file".into()),
            Err(e) => skip(walked, &path, e.to_string()),
        }
    }
}

/// Where an output goes, opened before any work and committed after it.
///
/// [`Output::writers`] gives one writer per file (one; two for a Moses pair);
/// the run writes through them; [`Output::finish`] then commits the files or,
/// on error, leaves none and names the file whose write failed.
///
/// ```
/// use std::io::Write;
/// # let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out.txt");
/// let mut out = natalign::io::Output::files(&[path.clone()], &[])?;
/// let result = out.writers()[0].write_all(b"done\n").map_err(natalign::io::write_error);
/// out.finish(result)?;
/// assert_eq!(std::fs::read_to_string(&path)?, "done\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Output {
    sinks: Vec<Sink>,
}

/// One output file and what happened to it.
struct Sink {
    /// The path as the user named it (`<stdout>` for standard output).
    name: PathBuf,
    target: Target,
    /// The first write error seen on it.
    failed: Option<io::Error>,
}

enum Target {
    Stdout(BufWriter<io::Stdout>),
    Direct(BufWriter<fs::File>),
    Atomic {
        tmp: BufWriter<tempfile::NamedTempFile>,
        path: PathBuf,
    },
}

impl Target {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Target::Stdout(w) => w,
            Target::Direct(w) => w,
            Target::Atomic { tmp, .. } => tmp,
        }
    }
}

/// A writer that remembers its sink's first error, so the error the run
/// returns, however it wrapped it, can be reported against the right file.
struct Tracked<'a>(&'a mut Sink);

impl Tracked<'_> {
    fn track<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result {
            self.0
                .failed
                .get_or_insert_with(|| io::Error::new(e.kind(), e.to_string()));
        }
        result
    }
}

impl Write for Tracked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.0.target.writer().write(buf);
        self.track(r)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let r = self.0.target.writer().write_all(buf);
        self.track(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.0.target.writer().flush();
        self.track(r)
    }
}

/// The error a library stage returns when a writer it was given fails;
/// [`Output::finish`] replaces it with one naming the file.
pub fn write_error(source: io::Error) -> Error {
    Error::Output {
        path: PathBuf::from("<output>"),
        source,
    }
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        Output {
            sinks: vec![Sink {
                name: PathBuf::from("<stdout>"),
                target: Target::Stdout(BufWriter::new(io::stdout())),
                failed: None,
            }],
        }
    }

    /// `path`, or standard output when it is `None` or `-`: a device or pipe
    /// is written directly, a regular file atomically.
    ///
    /// # Errors
    /// [`Error::Output`] when it cannot be opened or is one of `inputs`.
    pub fn open(path: Option<&Path>, inputs: &[PathBuf]) -> Result<Output> {
        match path.filter(|p| !is_std(p)) {
            None => Ok(Output::stdout()),
            Some(path) => Output::files(&[path.to_path_buf()], inputs),
        }
    }

    /// Files that belong together (the two halves of a split, a Moses pair):
    /// all are renamed into place by [`Output::commit`], or none is. A path
    /// that is a device or pipe (`/dev/full`, a FIFO) is written directly.
    ///
    /// # Errors
    /// [`Error::Output`] when one cannot be opened, is a directory, is in a
    /// missing directory, or is one of `inputs`.
    pub fn files(paths: &[PathBuf], inputs: &[PathBuf]) -> Result<Output> {
        let sinks = paths
            .iter()
            .map(|path| {
                refuse_input_as_output(path, inputs)?;
                let err = |source| Error::Output {
                    path: path.clone(),
                    source,
                };
                let meta = fs::metadata(path).ok();
                let target = if meta.as_ref().is_some_and(|m| !m.is_file() && !m.is_dir()) {
                    let file = fs::OpenOptions::new().write(true).open(path).map_err(err)?;
                    Target::Direct(BufWriter::new(file))
                } else {
                    check_regular_output(path)?;
                    Target::Atomic {
                        tmp: BufWriter::new(temp_beside(path, meta.as_ref()).map_err(err)?),
                        path: path.clone(),
                    }
                };
                Ok(Sink {
                    name: path.clone(),
                    target,
                    failed: None,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Output { sinks })
    }

    /// One writer per file, in the order the files were given.
    pub fn writers(&mut self) -> Vec<Box<dyn Write + '_>> {
        self.sinks
            .iter_mut()
            .map(|s| Box::new(Tracked(s)) as Box<dyn Write + '_>)
            .collect()
    }

    /// The one writer of a one-file output.
    ///
    /// # Panics
    /// If the output has more than one file.
    pub fn writer(&mut self) -> Box<dyn Write + '_> {
        assert_eq!(self.sinks.len(), 1, "writer() of a multi-file output");
        self.writers().remove(0)
    }

    /// Settle the run that wrote through [`Output::writers`]: commit when it
    /// succeeded; otherwise leave no file and return its error, naming the
    /// file whose write failed when that is what went wrong.
    ///
    /// # Errors
    /// The run's error, or [`Error::Output`] from committing.
    pub fn finish<T>(self, result: Result<T>) -> Result<T> {
        match result {
            Ok(value) => self.commit().map(|()| value),
            Err(e) => Err(self.name_failure().unwrap_or(e)),
        }
    }

    /// The first write failure, as an error naming its file.
    fn name_failure(self) -> Option<Error> {
        self.sinks.into_iter().find_map(|s| {
            s.failed.map(|source| Error::Output {
                path: s.name,
                source,
            })
        })
    }

    /// Flush every file and rename the temporary ones into place.
    ///
    /// # Errors
    /// [`Error::Output`] naming the file that could not be completed.
    pub fn commit(self) -> Result<()> {
        let mut done = Vec::with_capacity(self.sinks.len());
        for sink in self.sinks {
            let err = |source| Error::Output {
                path: sink.name.clone(),
                source,
            };
            if let Some(source) = sink.failed {
                return Err(err(source));
            }
            match sink.target {
                Target::Stdout(mut w) => w.flush().map_err(err)?,
                Target::Direct(mut w) => w.flush().map_err(err)?,
                Target::Atomic { tmp, path } => {
                    let tmp = tmp.into_inner().map_err(|e| err(e.into_error()))?;
                    tmp.as_file().sync_all().map_err(err)?;
                    done.push((tmp, path));
                }
            }
        }
        for (tmp, path) in done {
            tmp.persist(&path).map_err(|e| Error::Output {
                path,
                source: e.error,
            })?;
        }
        Ok(())
    }
}

/// Write a small output in one go (a report, a JSON summary, a baseline):
/// open `path` (standard output when `None` or `-`), let `produce` write it,
/// commit.
///
/// # Errors
/// [`Error::Output`] naming the file.
pub fn write_to(
    path: Option<&Path>,
    inputs: &[PathBuf],
    produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let mut out = Output::open(path, inputs)?;
    let result = produce(&mut out.writer()).map_err(write_error);
    out.finish(result)
}

/// A temporary file beside `path`, with the mode the output should end with:
/// the mode of the file it replaces, or `0666` less the umask (applied by the
/// system when the file is created, as for a shell redirection).
fn temp_beside(
    path: &Path,
    existing: Option<&fs::Metadata>,
) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".natalign-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(parent_dir(path))?;
    if let Some(meta) = existing {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    Ok(tmp)
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

/// Refuse a regular output that is a directory or in a missing directory.
fn check_regular_output(path: &Path) -> Result<()> {
    let out_err = |source: io::Error| Error::Output {
        path: path.to_path_buf(),
        source,
    };
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

    /// Write `bytes` to `path` through an [`Output`], failing after them when
    /// `fail` is set.
    fn write(path: &Path, inputs: &[PathBuf], bytes: &[u8], fail: bool) -> Result<()> {
        let mut out = Output::open(Some(path), inputs)?;
        let result = out.writer().write_all(bytes).map_err(write_error);
        let result = result.and_then(|()| {
            if fail {
                Err(Error::Usage("boom".into()))
            } else {
                Ok(())
            }
        });
        out.finish(result)
    }

    #[test]
    fn failed_write_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.csv");
        let err = write(&out, &[], b"partial", true).unwrap_err();
        assert_eq!(err.to_string(), "boom");
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
        let err = write(&input, std::slice::from_ref(&input), b"x", false).unwrap_err();
        assert!(
            err.to_string().contains("refusing to overwrite an input"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&input).unwrap(), "text");
    }

    #[test]
    fn missing_directory_is_an_output_error() {
        let err = write(Path::new("/nonexistent-dir/x.csv"), &[], b"x", false).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write(&path, &[], b"new", false).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "{mode:o}");
    }

    #[test]
    fn a_failing_device_is_named_once() {
        if !Path::new("/dev/full").exists() {
            panic!("/dev/full is needed by this test");
        }
        let err = write(Path::new("/dev/full"), &[], &[b'x'; 1 << 17], false).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("/dev/full: cannot write: "), "{text}");
        assert_eq!(text.matches("/dev/full").count(), 1, "{text}");
        assert_eq!(err.kind(), crate::error::ErrorKind::Output);
    }
}
