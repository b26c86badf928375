//! How the examples print a failure (shared, not an example itself).

use heygen_api::client::API_KEY_ENV;

/// What a person needs of a failure: the message (which names the operation, how far the
/// request got and what to try), and for the crate's errors the stage, the request id and
/// whether trying again is worth it.
pub fn report(error: &(dyn std::error::Error + 'static)) {
    eprintln!("error: {error}");
    if let Some(error) = error.downcast_ref::<heygen_api::Error>() {
        eprintln!("  stage: {:?}", error.stage());
        if let Some(id) = error.request_id() {
            eprintln!("  request id (for HeyGen support): {id}");
        }
        match error {
            heygen_api::Error::Transport(_) => eprintln!(
                "  hint: the network failed; check your connection (and any proxy), then run it again"
            ),
            heygen_api::Error::Api(api) if api.status().as_u16() == 401 => eprintln!(
                "  hint: HeyGen refused the credential; check {API_KEY_ENV}, or unset it to run offline"
            ),
            _ if error.is_retryable() => eprintln!("  hint: this may pass if you run it again"),
            _ => {}
        }
    }
}
