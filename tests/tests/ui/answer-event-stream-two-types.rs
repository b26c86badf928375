use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[derive(serde::Serialize)]
pub struct Filter {
    pub tag: String,
}

/// Named like the runtime's `EventStream`: the macro reads the return type by its tokens.
pub struct EventStream<A, B>(A, B);

pub trait Videos {
    #[endpoint(GET "/v3/videos/events")]
    async fn events(&self) -> Result<EventStream<Video, Video>>;
}

impl Videos for heygen_api::Client {}

fn main() {}
