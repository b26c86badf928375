//! `multipart/form-data` forms for uploads (`#[multipart]` arguments).
//!
//! A form is a list of parts kept as their sources (text, bytes, a file path, or a stream), and the
//! wire form is built again for every attempt, so a retry never sends a half-read body. A file
//! given by path is opened again for each attempt. A stream can be read only once: a call whose
//! form holds a stream part is never retried once it may have been sent.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Mutex;

use bytes::Bytes;
use futures_util::{Stream, TryStreamExt};

use crate::runtime::error::{Error, InvalidInput};

/// A boxed stream of body chunks.
type ByteStream = Pin<Box<dyn Stream<Item = std::io::Result<Bytes>> + Send>>;

/// A `multipart/form-data` form.
///
/// ```
/// use heygen_api::{FilePart, Multipart};
///
/// let form = Multipart::new()
///     .text("title", "intro")
///     .file("file", FilePart::bytes(vec![0u8; 16], "intro.mp4", "video/mp4"));
/// # let _ = form;
/// ```
#[derive(Debug, Default)]
pub struct Multipart {
    parts: Vec<(Cow<'static, str>, PartSource)>,
}

#[derive(Debug)]
enum PartSource {
    Text(String),
    File(FilePart),
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Multipart::default()
    }

    /// Adds a text field.
    pub fn text(mut self, name: impl Into<Cow<'static, str>>, value: impl Into<String>) -> Self {
        self.parts
            .push((name.into(), PartSource::Text(value.into())));
        self
    }

    /// Adds a file field.
    pub fn file(mut self, name: impl Into<Cow<'static, str>>, file: FilePart) -> Self {
        self.parts.push((name.into(), PartSource::File(file)));
        self
    }

    /// Whether every part can be sent again (no stream part).
    pub(crate) fn is_replayable(&self) -> bool {
        self.parts.iter().all(|(_, part)| match part {
            PartSource::Text(_) => true,
            PartSource::File(file) => file.is_replayable(),
        })
    }

    /// Builds the wire form for one attempt.
    pub(crate) async fn to_form(&self) -> Result<reqwest::multipart::Form, Error> {
        let mut form = reqwest::multipart::Form::new();
        for (name, source) in &self.parts {
            let part = match source {
                PartSource::Text(text) => reqwest::multipart::Part::text(text.clone()),
                PartSource::File(file) => file.to_part().await?,
            };
            form = form.part(name.clone(), part);
        }
        Ok(form)
    }
}

/// The content of one file field: bytes in memory, a file on disk, or a stream.
pub struct FilePart {
    content: FileContent,
    filename: Option<String>,
    mime: Option<String>,
}

enum FileContent {
    Bytes(Bytes),
    Path {
        path: PathBuf,
        len: u64,
    },
    Stream {
        // Taken by the first attempt; a Mutex (not a Cell) keeps the form `Sync`.
        stream: Mutex<Option<ByteStream>>,
        len: Option<u64>,
    },
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let content = match &self.content {
            FileContent::Bytes(bytes) => format!("{} bytes", bytes.len()),
            FileContent::Path { path, len } => format!("{} ({len} bytes)", path.display()),
            FileContent::Stream { len, .. } => match len {
                Some(len) => format!("stream of {len} bytes"),
                None => "stream".to_owned(),
            },
        };
        f.debug_struct("FilePart")
            .field("content", &content)
            .field("filename", &self.filename)
            .field("mime", &self.mime)
            .finish()
    }
}

impl FilePart {
    /// A file held in memory.
    pub fn bytes(
        bytes: impl Into<Bytes>,
        filename: impl Into<String>,
        mime: impl Into<String>,
    ) -> Self {
        FilePart {
            content: FileContent::Bytes(bytes.into()),
            filename: Some(filename.into()),
            mime: Some(mime.into()),
        }
    }

    /// A file on disk, streamed from disk on each attempt. The filename is the path's last
    /// component and the MIME type is guessed from its extension (`application/octet-stream`
    /// when unknown); change them with [`FilePart::filename`] and [`FilePart::mime`].
    pub async fn path(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref().to_path_buf();
        let metadata = tokio::fs::metadata(&path)
            .await
            .map_err(|source| file_error(&path, source))?;
        if !metadata.is_file() {
            let source =
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file");
            return Err(file_error(&path, source));
        }
        let filename = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        let mime = mime_from_extension(&path).to_owned();
        Ok(FilePart {
            content: FileContent::Path {
                path,
                len: metadata.len(),
            },
            filename,
            mime: Some(mime),
        })
    }

    /// A stream of chunks, sent once: a call with a stream part is not retried after it may have
    /// been sent. `len` is the total length when known (some servers require it).
    pub fn stream<S>(
        stream: S,
        len: Option<u64>,
        filename: impl Into<String>,
        mime: impl Into<String>,
    ) -> Self
    where
        S: Stream<Item = std::io::Result<Bytes>> + Send + 'static,
    {
        FilePart {
            content: FileContent::Stream {
                stream: Mutex::new(Some(Box::pin(stream))),
                len,
            },
            filename: Some(filename.into()),
            mime: Some(mime.into()),
        }
    }

    /// Sets the filename sent with the part.
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = Some(filename.into());
        self
    }

    /// Sets the MIME type sent with the part.
    pub fn mime(mut self, mime: impl Into<String>) -> Self {
        self.mime = Some(mime.into());
        self
    }

    /// The size in bytes, when known: always for bytes and files, for a stream when it was
    /// given.
    pub fn size(&self) -> Option<u64> {
        match &self.content {
            FileContent::Bytes(bytes) => Some(bytes.len() as u64),
            FileContent::Path { len, .. } => Some(*len),
            FileContent::Stream { len, .. } => *len,
        }
    }

    /// The filename sent with the part.
    pub(crate) fn file_name(&self) -> Option<&str> {
        self.filename.as_deref()
    }

    /// The MIME type sent with the part.
    pub(crate) fn mime_type(&self) -> Option<&str> {
        self.mime.as_deref()
    }

    /// Whether the content can be sent again (anything but a stream).
    pub(crate) fn is_replayable(&self) -> bool {
        !matches!(self.content, FileContent::Stream { .. })
    }

    /// The content as a body for one attempt: a file is opened again, a stream is taken.
    pub(crate) async fn body(&self) -> Result<reqwest::Body, Error> {
        Ok(match &self.content {
            FileContent::Bytes(bytes) => reqwest::Body::from(bytes.clone()),
            FileContent::Path { path, .. } => {
                let file = tokio::fs::File::open(path)
                    .await
                    .map_err(|source| file_error(path, source))?;
                reqwest::Body::wrap_stream(tokio_util::io::ReaderStream::new(file))
            }
            FileContent::Stream { stream, .. } => {
                let taken = stream
                    .lock()
                    .map_err(|_| multipart_error("a stream part is unavailable"))?
                    .take()
                    .ok_or_else(|| multipart_error("a stream part cannot be sent twice"))?;
                reqwest::Body::wrap_stream(taken.map_err(std::io::Error::other))
            }
        })
    }

    async fn to_part(&self) -> Result<reqwest::multipart::Part, Error> {
        let body = self.body().await?;
        let part = match self.size() {
            Some(len) => reqwest::multipart::Part::stream_with_length(body, len),
            None => reqwest::multipart::Part::stream(body),
        };
        let part = match &self.filename {
            Some(filename) => part.file_name(filename.clone()),
            None => part,
        };
        match &self.mime {
            Some(mime) => part
                .mime_str(mime)
                .map_err(|_| multipart_error(&format!("`{mime}` is not a valid MIME type"))),
            None => Ok(part),
        }
    }
}

fn file_error(path: &Path, source: std::io::Error) -> Error {
    Error::InvalidInput(InvalidInput::File {
        path: path.to_path_buf(),
        source,
    })
}

fn multipart_error(message: &str) -> Error {
    Error::InvalidInput(InvalidInput::Multipart(message.to_owned()))
}

/// The MIME type of the media HeyGen accepts, from a file extension.
pub(crate) fn mime_from_extension(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|ext| ext.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("mp4") => "video/mp4",
        Some("mov") => "video/quicktime",
        Some("webm") => "video/webm",
        Some("mp3") => "audio/mpeg",
        Some("wav") => "audio/wav",
        Some("m4a") => "audio/mp4",
        Some("ogg") => "audio/ogg",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_mime_types_from_extensions() {
        assert_eq!(mime_from_extension(Path::new("a/clip.MP4")), "video/mp4");
        assert_eq!(mime_from_extension(Path::new("face.jpeg")), "image/jpeg");
        assert_eq!(
            mime_from_extension(Path::new("notes")),
            "application/octet-stream"
        );
    }

    #[test]
    fn only_stream_parts_make_a_form_single_use() {
        let replayable = Multipart::new().text("a", "b").file(
            "f",
            FilePart::bytes(&b"x"[..], "x.bin", "application/octet-stream"),
        );
        assert!(replayable.is_replayable());
        let once = Multipart::new().file(
            "f",
            FilePart::stream(
                futures_util::stream::empty(),
                None,
                "x.bin",
                "application/octet-stream",
            ),
        );
        assert!(!once.is_replayable());
    }

    #[tokio::test]
    async fn a_missing_file_names_its_path() {
        let error = FilePart::path("/definitely/not/here.mp4")
            .await
            .unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("request not built: cannot read `/definitely/not/here.mp4`:"),
            "{error}"
        );
    }
}
