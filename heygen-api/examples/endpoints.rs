//! Prints every endpoint the crate declares as one JSON array: group, Rust method name, HTTP
//! method, path template (as declared and in `{param}` style), parameters, body encoding and
//! flags.
//!
//! ```text
//! cargo run -q -p heygen-api --example endpoints
//! ```

fn main() -> Result<(), serde_json::Error> {
    let listing = serde_json::to_string_pretty(&heygen_api::catalog::declared_endpoints())?;
    println!("{listing}");
    Ok(())
}
