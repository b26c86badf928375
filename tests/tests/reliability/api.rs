//! The operations the faults are tried on: a read, a plain create, a keyed create and a keyed
//! upload.

use heygen_api::{IdempotencyKey, Multipart, Result, api, endpoint};
use serde::{Deserialize, Serialize};

/// A resource of the test API.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Widget {
    pub id: String,
}

/// The body of a create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewWidget {
    pub name: String,
}

impl NewWidget {
    pub fn named(name: &str) -> Self {
        NewWidget {
            name: name.to_owned(),
        }
    }
}

/// The test API.
#[api]
pub trait Widgets {
    /// Reads one widget: safe to repeat.
    #[endpoint(GET "/v3/widgets/<widget_id>")]
    async fn get_widget(&self, widget_id: &str) -> Result<Widget>;

    /// Creates a widget without an `Idempotency-Key`: a repeat could create a second one.
    #[endpoint(POST "/v3/widgets")]
    async fn create_widget(&self, #[body] body: &NewWidget) -> Result<Widget>;

    /// Creates a widget with an `Idempotency-Key`: a repeat with the same key is replayed.
    #[endpoint(POST "/v3/widgets/keyed", idempotent)]
    async fn create_widget_keyed(
        &self,
        #[body] body: &NewWidget,
        #[idempotency_key] key: Option<IdempotencyKey>,
    ) -> Result<Widget>;

    /// Uploads a widget's file with an `Idempotency-Key`.
    #[endpoint(POST "/v3/widgets/uploads", idempotent)]
    async fn upload_widget(
        &self,
        #[multipart] form: Multipart,
        #[idempotency_key] key: Option<IdempotencyKey>,
    ) -> Result<Widget>;
}
