use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Video {
    pub id: String,
}

#[derive(serde::Serialize)]
pub struct Filter {
    pub tag: String,
}

pub trait Videos {
    #[endpoint(POST "/v3/assets")]
    async fn upload(&self, #[body] meta: &Filter, #[multipart] form: heygen_api::Multipart) -> Result<Video>;
}

impl Videos for heygen_api::Client {}

fn main() {}
