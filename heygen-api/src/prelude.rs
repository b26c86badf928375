//! Everything a caller needs in scope with one `use`: the client, the error, and the trait of
//! every API group and helper, so that every operation is a method call.
//!
//! ```no_run
//! use heygen_api::prelude::*;
//!
//! # async fn run() -> heygen_api::Result<()> {
//! let client = Client::from_env()?;
//! let me = client.get_current_user().await?;
//! let videos = client.list_videos(&Default::default()).await?;
//! # let _ = (me, videos);
//! # Ok(())
//! # }
//! ```
//!
//! The traits are named after their module (`videos::VideosApi`, `user::UserApi`); import one by
//! name where a glob import is not wanted.

pub use crate::ai_clipping::AiClippingApi;
pub use crate::assets::AssetsApi;
pub use crate::audio::AudioApi;
pub use crate::avatar_realtime::AvatarRealtimeApi;
pub use crate::avatars::AvatarsApi;
pub use crate::background_removal::BackgroundRemovalApi;
pub use crate::brand::BrandApi;
pub use crate::filler_word_removal::FillerWordRemovalApi;
pub use crate::hyperframes::HyperframesApi;
pub use crate::jobs::JobsApi;
pub use crate::lipsync::LipsyncApi;
pub use crate::templates::TemplatesApi;
pub use crate::uploads::UploadsApi;
pub use crate::user::UserApi;
pub use crate::video_agents::VideoAgentsApi;
pub use crate::video_translations::VideoTranslationsApi;
pub use crate::videos::VideosApi;
pub use crate::voices::VoicesApi;
pub use crate::webhooks::WebhooksApi;
pub use crate::{Client, Error, IdempotencyKey};
