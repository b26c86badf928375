use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[derive(serde::Serialize)]
pub struct Filter {
    pub tag: String,
}

/// Named like the runtime's `Bytes`: the macro reads the return type by its tokens.
pub struct Bytes;

pub trait Videos {
    #[endpoint(GET "/v3/videos", reconnect)]
    async fn list_videos(&self) -> Result<Bytes>;
}

impl Videos for heygen_api::Client {}

fn main() {}
