use heygen_api::{endpoint, Result};

pub trait Voices {
    /// Voices, filtered.
    #[endpoint(GET "/v3/voices")]
    async fn list_voices(
        &self,
        #[query] language: Option<&str>,
        #[query] r#type: Option<VoiceType>,
        #[query] tags: &[&str],
    ) -> Result<Vec<Voice>>;
}
