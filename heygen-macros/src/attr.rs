//! The grammar of `#[endpoint(METHOD "template" [, option | name = value]*)]`.
//!
//! Parsing only reads the shape: the method is any identifier and options are any names, so that
//! one compile can report an unknown method, a bad template and a misspelled option together
//! (the `valid` module judges them). A hand-written `Parse` fits this positional grammar better than a
//! key = value attribute framework.

use crate::kw;
use proc_macro2::{Delimiter, Group, Span};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Expr, Ident, LitStr, Token};

/// What `#[endpoint(...)]` says, as written.
pub struct EndpointAttr {
    /// The HTTP method as written (`GET`, or a mistake such as `get`).
    pub method: Ident,
    /// The path template literal.
    pub template: LitStr,
    /// The options after the template, in order.
    pub options: Vec<EndpointOption>,
}

/// One option after the template: `idempotent`, `timeout_secs = 30`, or
/// `header("X-Feature" = "beta")`.
pub struct EndpointOption {
    /// The option's name.
    pub name: Ident,
    /// `(...)` right after the name, when given.
    pub group: Option<Group>,
    /// `= value`, when given.
    pub value: Option<Expr>,
}

/// The message for `#[endpoint]` or `#[endpoint()]`, which say nothing.
pub fn missing_route_message() -> String {
    format!(
        "expected the HTTP method and the path template, \
         e.g. `#[endpoint(GET \"/v3/videos/<video_id>\")]` (method one of {})",
        kw::METHOD_LIST
    )
}

impl Parse for EndpointAttr {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(Span::call_site(), missing_route_message()));
        }
        if input.peek(LitStr) {
            let template: LitStr = input.parse()?;
            return Err(syn::Error::new(
                template.span(),
                format!(
                    "expected the HTTP method before the path template: \
                     write `GET {:?}` (or POST, PUT, PATCH, DELETE)",
                    template.value()
                ),
            ));
        }
        let method = input.call(Ident::parse_any).map_err(|error| {
            syn::Error::new(
                error.span(),
                format!("expected an HTTP method: one of {}", kw::METHOD_LIST),
            )
        })?;
        if input.peek(Token![,]) {
            let comma: Token![,] = input.parse()?;
            return Err(syn::Error::new(
                comma.span,
                format!("no comma between the method and the template: write `{method} \"/path\"`"),
            ));
        }
        if !input.peek(LitStr) {
            return Err(input.error(format!(
                "expected the path template as a string literal after `{method}`, \
                 e.g. `{method} \"/v3/videos/<video_id>\"`"
            )));
        }
        let template: LitStr = input.parse()?;

        let mut options = Vec::new();
        while !input.is_empty() {
            if !input.peek(Token![,]) {
                return Err(input.error(
                    "expected `,` before the next option, \
                     e.g. `#[endpoint(POST \"/v3/videos\", idempotent)]`",
                ));
            }
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break; // a trailing comma
            }
            let name = input.call(Ident::parse_any).map_err(|error| {
                syn::Error::new(
                    error.span(),
                    format!("expected an option: {}", kw::OPTIONS_LIST),
                )
            })?;
            let group = match input.fork().parse::<Group>() {
                Ok(group) if group.delimiter() == Delimiter::Parenthesis => {
                    Some(input.parse::<Group>()?)
                }
                _ => None,
            };
            let value = if input.peek(Token![=]) {
                input.parse::<Token![=]>()?;
                Some(input.parse::<Expr>()?)
            } else {
                None
            };
            options.push(EndpointOption { name, group, value });
        }
        Ok(EndpointAttr {
            method,
            template,
            options,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    fn parse(text: &str) -> syn::Result<EndpointAttr> {
        syn::parse_str(text)
    }

    fn error(text: &str) -> String {
        match parse(text) {
            Ok(_) => panic!("{text} parsed"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn method_and_template() {
        let attr = parse(r#"GET "/v3/videos/<video_id>""#).unwrap();
        assert_eq!(attr.method, "GET");
        assert_eq!(attr.template.value(), "/v3/videos/<video_id>");
        assert!(attr.options.is_empty());
    }

    #[test]
    fn options_in_order() {
        let attr = parse(r#"POST "/v3/x", idempotent, timeout_secs = 30, paginated,"#).unwrap();
        let names: Vec<String> = attr.options.iter().map(|o| o.name.to_string()).collect();
        assert_eq!(names, ["idempotent", "timeout_secs", "paginated"]);
        assert!(attr.options[0].value.is_none());
        assert_eq!(
            attr.options[1]
                .value
                .as_ref()
                .unwrap()
                .to_token_stream()
                .to_string(),
            "30"
        );
    }

    #[test]
    fn unknown_words_still_parse() {
        // judged later, so that they are reported together with other mistakes
        let attr = parse(r#"get "/x", idempotant, timeout_secs = -1, type"#).unwrap();
        assert_eq!(attr.method, "get");
        assert_eq!(attr.options.len(), 3);
    }

    #[test]
    fn grammar_errors_say_what_to_write() {
        assert!(error("").contains("expected the HTTP method and the path template"));
        assert_eq!(
            error(r#""/v3/videos""#),
            "expected the HTTP method before the path template: write `GET \"/v3/videos\"` \
             (or POST, PUT, PATCH, DELETE)"
        );
        assert_eq!(
            error(r#"GET, "/v3/videos""#),
            "no comma between the method and the template: write `GET \"/path\"`"
        );
        assert!(error("GET /v3/videos").contains("expected the path template as a string literal"));
        assert!(error(r#"GET "/x" idempotent"#).contains("expected `,` before the next option"));
        assert!(error(r#"GET "/x", "y""#).contains("expected an option"));
    }

    #[test]
    fn options_with_arguments() {
        let attr = parse(
            r#"GET "/x", header("X-Feature" = "beta"), crate = "hg", end_event = "end", reconnect"#,
        )
        .unwrap();
        let names: Vec<String> = attr.options.iter().map(|o| o.name.to_string()).collect();
        assert_eq!(names, ["header", "crate", "end_event", "reconnect"]);
        let group = attr.options[0].group.as_ref().unwrap();
        assert_eq!(group.stream().to_string(), r#""X-Feature" = "beta""#);
        assert!(attr.options[0].value.is_none());
        assert!(attr.options[1].group.is_none());
        assert!(attr.options[1].value.is_some());
    }
}
