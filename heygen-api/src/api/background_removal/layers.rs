// Written by hand, not generated: the URL of one produced layer of a background removal.
// Declared by the generated `mod.rs` beside it (see `codegen/config/layout.toml`).

use super::BackgroundRemoval;

impl BackgroundRemoval {
    /// The presigned download URL of the produced layer `layer` (`foreground`, `mask`, ...), or
    /// `None` when the job has not produced it or states no URL for it.
    pub fn layer_url(&self, layer: &str) -> Option<&str> {
        self.layers.as_ref()?.get(layer)?.as_str()
    }
}
