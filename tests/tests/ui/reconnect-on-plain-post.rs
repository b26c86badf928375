use heygen_api::response::EventStream;
use heygen_api::{endpoint, Result};

#[derive(serde::Deserialize)]
pub struct Word {
    pub text: String,
}

pub trait Runs {
    // Resuming would start a second run: a plain POST is never sent twice.
    #[endpoint(POST "/runs", end_event = "end", reconnect)]
    async fn start_run(&self) -> Result<EventStream<Word>>;
}

impl Runs for heygen_api::Client {}

fn main() {}
