//! Endpoints declared in a crate that knows `heygen-api` only as `hg`: `crate = "hg"` on the
//! declaration (or `#[api(crate = "hg")]` on the trait) names the runtime's path.

use hg::response::Json;
use hg::{Client, Result, api, endpoint};

/// Declared one endpoint at a time.
pub trait Renamed {
    /// A plain JSON number.
    #[endpoint(GET "/renamed/<id>", crate = "hg")]
    async fn renamed(&self, id: &str) -> Result<Json<u32>>;
}

impl Renamed for Client {}

/// A key literal checked while compiling, through the renamed crate.
pub const KEY: hg::IdempotencyKey = hg::idempotency_key!("renamed-1", crate = "hg");

/// Declared for the whole trait.
#[api(crate = "hg")]
pub trait RenamedTrait {
    /// `{"data": n}`.
    #[endpoint(POST "/renamed", idempotent)]
    async fn create_renamed(&self) -> Result<u32>;
}
