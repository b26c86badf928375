// A built `reqwest::Client` may follow redirects, carrying the credential with it: the client
// takes a builder, on which it turns redirects off.
fn main() {
    let _ = heygen_api::Client::builder()
        .api_key("k")
        .http_client(heygen_api::reqwest::Client::new());
}
