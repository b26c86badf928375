use hg::{api, endpoint, Result};

/// Every path the expansion writes starts from `hg`.
#[api(crate = "hg")]
pub trait Videos {
    /// Takes the trait's path.
    #[endpoint(GET "/v3/videos/<video_id>")]
    async fn get_video(&self, video_id: &str) -> Result<Video>;

    /// Repeats it, which is allowed.
    #[endpoint(GET "/v3/videos", paginated, crate = "hg")]
    async fn list_videos(&self, #[query] token: Option<&str>) -> Result<Page<Video>>;
}

pub trait Standalone {
    /// On a method alone.
    #[endpoint(POST "/v3/videos", idempotent, crate = "::my::reexport")]
    async fn create_video(&self, #[body] body: &NewVideo) -> Result<Video>;
}
