// Written by hand, not generated: constructors of the media inputs, and the conversion of a reference into an input.
// Declared by the generated `mod.rs` beside it (see `codegen/config/layout.toml`).

use super::{MediaInput, MediaReference};

impl MediaInput {
    /// A file at a publicly reachable HTTPS URL.
    pub fn url(url: impl Into<String>) -> Self {
        MediaInput::Url { url: url.into() }
    }

    /// A file uploaded before (see [`crate::assets`]), by its asset ID.
    pub fn asset_id(asset_id: impl Into<String>) -> Self {
        MediaInput::AssetId {
            asset_id: asset_id.into(),
        }
    }

    /// A file sent inline: its MIME type and its content encoded as base64.
    pub fn base64(media_type: impl Into<String>, data: impl Into<String>) -> Self {
        MediaInput::Base64 {
            media_type: media_type.into(),
            data: data.into(),
        }
    }
}

impl MediaReference {
    /// A file at a publicly reachable HTTPS URL.
    pub fn url(url: impl Into<String>) -> Self {
        MediaReference::Url { url: url.into() }
    }

    /// A file uploaded before (see [`crate::assets`]), by its asset ID.
    pub fn asset_id(asset_id: impl Into<String>) -> Self {
        MediaReference::AssetId {
            asset_id: asset_id.into(),
        }
    }
}

impl From<MediaReference> for MediaInput {
    fn from(reference: MediaReference) -> Self {
        match reference {
            MediaReference::Url { url } => MediaInput::Url { url },
            MediaReference::AssetId { asset_id } => MediaInput::AssetId { asset_id },
        }
    }
}
