// Written by hand, not generated: the headers of a direct upload as header names and values.
// Declared by the generated `mod.rs` beside it (see `codegen/config/layout.toml`).

use super::DirectUpload;

impl DirectUpload {
    /// The headers to send with the file to `upload_url`, as header names and values.
    ///
    /// A string value is taken as it is, a number or a boolean as its JSON text (`900`, `true`).
    /// Any other value (an object, an array, `null`) cannot be a header value: the result is an
    /// [`Error::Storage`](crate::Error::Storage) error ([`StorageProblem::UnusableInstructions`](
    /// crate::StorageProblem::UnusableInstructions)) that names the header but not its value,
    /// which may grant access to the storage.
    pub fn upload_header_pairs(&self) -> crate::Result<Vec<(String, String)>> {
        self.upload_headers
            .iter()
            .map(|(name, value)| {
                let text = match value {
                    serde_json::Value::String(text) => text.clone(),
                    serde_json::Value::Number(number) => number.to_string(),
                    serde_json::Value::Bool(flag) => flag.to_string(),
                    serde_json::Value::Null => return Err(unusable_header(name, "null")),
                    serde_json::Value::Array(_) => return Err(unusable_header(name, "an array")),
                    serde_json::Value::Object(_) => return Err(unusable_header(name, "an object")),
                };
                Ok((name.clone(), text))
            })
            .collect()
    }
}

fn unusable_header(name: &str, kind: &str) -> crate::Error {
    crate::Error::Storage(Box::new(crate::StorageError::unusable_instructions(
        "put_direct_upload",
        format!("the value of header `{name}` is {kind}, not a string, number or boolean"),
    )))
}
