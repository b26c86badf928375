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
pub struct EventStream<T>(T);

pub trait Videos {
    #[endpoint(GET "/v3/videos/events", end_event = end)]
    async fn events(&self) -> Result<EventStream<Video>>;
}

impl Videos for heygen_api::Client {}

fn main() {}
