//! Reading and showing the user's types: looking through the groups macros wrap them in, and
//! writing them back the way a person would in messages.

use quote::ToTokens;
use syn::Type;

/// Tokens as a person would write them (`Option<Video>`, `&str`), for messages: the
/// tokenizer's rendering puts spaces around every punctuation mark.
pub fn written(tokens: impl ToTokens) -> String {
    let mut text = tokens.to_token_stream().to_string();
    for (spaced, tight) in [
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        ("& ", "&"),
        (" ,", ","),
        (" ::", "::"),
        (":: ", "::"),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
        (" ;", ";"),
    ] {
        text = text.replace(spaced, tight);
    }
    text
}

/// A type without the invisible groups and parentheses macros may wrap it in.
pub fn unwrap_type(ty: &Type) -> &Type {
    match ty {
        Type::Group(group) => unwrap_type(&group.elem),
        Type::Paren(paren) => unwrap_type(&paren.elem),
        _ => ty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn messages_show_types_as_written() {
        assert_eq!(
            written(quote!(Result<Vec<Video>, String>)),
            "Result<Vec<Video>, String>"
        );
        assert_eq!(written(quote!(&'a [&str])), "&'a [&str]");
        assert_eq!(
            written(quote!(::heygen_api::Page<(u32, u32)>)),
            "::heygen_api::Page<(u32, u32)>"
        );
    }
}
