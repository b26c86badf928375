use heygen_api::api;

#[api]
pub struct Videos;

fn main() {}
