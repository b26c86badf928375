//! Declared endpoints as data.
//!
//! Every method declared with [`endpoint`](macro@crate::endpoint) carries an [`EndpointInfo`]; a trait
//! marked with [`api`](crate::api) lists all of its methods in an associated `ENDPOINTS` constant,
//! so the whole declared surface can be printed or checked against the specification.

use std::fmt;
use std::time::Duration;

/// The HTTP methods an endpoint can be declared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl HttpMethod {
    /// The method as it is written on the wire (`"GET"`, `"POST"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// Whether repeating the request cannot change the outcome (GET, PUT, DELETE).
    pub const fn is_idempotent(self) -> bool {
        matches!(self, HttpMethod::Get | HttpMethod::Put | HttpMethod::Delete)
    }
}

impl fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One piece of a path template: literal text or a `<name>` placeholder filling a whole segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// A literal segment, written as is (without slashes).
    Literal(&'static str),
    /// A placeholder; the value of the argument of that name, percent-encoded as one segment.
    Param(&'static str),
}

/// Where the query string of an endpoint comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuerySource {
    /// One `#[query]` argument, sent under this name.
    Param(&'static str),
    /// A `#[query(flatten)]` struct whose fields are these names (its [`QueryParams::NAMES`]).
    Struct(&'static [&'static str]),
}

/// How the request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// No body.
    None,
    /// A `#[body]` argument serialized as JSON.
    Json,
    /// A `#[multipart]` argument sent as `multipart/form-data`.
    Multipart,
    /// A `#[form]` argument sent as `application/x-www-form-urlencoded`.
    Form,
}

/// Which default timeout applies to an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutClass {
    /// `GET` requests (30 s unless configured otherwise).
    Read,
    /// Every other method (120 s unless configured otherwise).
    Write,
    /// Multipart uploads (10 minutes unless configured otherwise).
    Upload,
}

/// A declared endpoint, as data: what the `#[endpoint]` attribute said about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointInfo {
    /// The Rust method name (`rotate_secret`).
    pub name: &'static str,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The template as declared (`/v3/webhooks/endpoints/<endpoint_id>/rotate-secret`).
    pub template: &'static str,
    /// The template split into segments.
    pub segments: &'static [Segment],
    /// Whether the endpoint sends an `Idempotency-Key` (declared `idempotent`).
    pub idempotent: bool,
    /// Whether the endpoint is cursor-paginated (declared `paginated`).
    pub paginated: bool,
    /// The query string sources, in declaration order.
    pub query: &'static [QuerySource],
    /// How the body is encoded.
    pub body: BodyKind,
    /// Which default timeout applies.
    pub timeout_class: TimeoutClass,
    /// A per-endpoint timeout (`timeout_secs = N`), overriding the class default.
    pub timeout: Option<Duration>,
    /// Headers every request of the endpoint carries (`header("Name" = "value")`), checked
    /// while compiling.
    pub headers: &'static [(&'static str, &'static str)],
}

impl EndpointInfo {
    /// Whether the endpoint only reads (a `GET`): a call that reached the server changed
    /// nothing, whatever became of its answer.
    pub fn reads_only(&self) -> bool {
        self.method == HttpMethod::Get
    }

    /// The names of the path parameters, in template order.
    pub fn path_params(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(name) => Some(*name),
            Segment::Literal(_) => None,
        })
    }

    /// The names of the query parameters, in declaration order.
    pub fn query_params(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.query.iter().flat_map(|q| match q {
            QuerySource::Param(name) => std::slice::from_ref(name).iter().copied(),
            QuerySource::Struct(names) => names.iter().copied(),
        })
    }

    /// The path in the OpenAPI `{param}` style (`/v3/webhooks/endpoints/{endpoint_id}/rotate-secret`).
    pub fn openapi_path(&self) -> String {
        let mut out = String::new();
        for segment in self.segments {
            out.push('/');
            match segment {
                Segment::Literal(text) => out.push_str(text),
                Segment::Param(name) => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }
}

/// A struct whose fields are sent as query parameters through `#[query(flatten)]`.
///
/// `NAMES` lists the wire names of the fields so that the declared surface can be listed.
pub trait QueryParams: serde::Serialize {
    /// The wire names of the query parameters this struct can send.
    const NAMES: &'static [&'static str];
}

/// A reference to query parameters is query parameters (generated code passes `&query`).
impl<T: QueryParams + ?Sized> QueryParams for &T {
    const NAMES: &'static [&'static str] = T::NAMES;
}
