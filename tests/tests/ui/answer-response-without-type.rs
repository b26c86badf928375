use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[derive(serde::Serialize)]
pub struct Filter {
    pub tag: String,
}

/// Named like the runtime's `Response`: the macro reads the return type by its tokens.
pub struct Response;

pub trait Videos {
    #[endpoint(GET "/v3/videos")]
    async fn list_videos(&self) -> Result<Response>;
}

impl Videos for heygen_api::Client {}

fn main() {}
