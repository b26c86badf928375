//! The signature checks: the receiver, the qualifiers, and the return type.

use crate::diagnostics::Diagnostics;
use crate::kw;
use crate::model::Endpoint;
use crate::types::{unwrap_type, written};
use syn::{FnArg, GenericArgument, PathArguments, ReturnType, Token, Type};

/// The receiver must be `&self`: the generated body borrows the client from it.
pub(super) fn check_receiver(
    endpoint: &Endpoint,
    diagnostics: &mut Diagnostics,
) -> Option<Token![self]> {
    let sig = &endpoint.sig;
    let name = &sig.ident;
    let Some(FnArg::Receiver(receiver)) = sig.inputs.first() else {
        diagnostics.error_at(
            sig.paren_token.span.join(),
            format!(
                "endpoint methods take `&self` first, to reach the client: \
                 write `fn {name}(&self, ...)`"
            ),
        );
        return None;
    };
    let problem = if receiver.colon_token.is_some() {
        Some(format!("`self: {}`", written(&receiver.ty)))
    } else if receiver.reference.is_none() {
        Some("`self`".to_owned())
    } else if receiver.mutability.is_some() {
        Some("`&mut self`".to_owned())
    } else {
        None
    };
    match problem {
        Some(found) => {
            diagnostics.error_spanned_by(
                receiver,
                format!("endpoint methods take `&self`, not {found}: write `&self`"),
            );
            None
        }
        None => Some(receiver.self_token),
    }
}

/// `async fn` without generics, qualifiers or a body of its own.
pub(super) fn check_qualifiers(endpoint: &Endpoint, diagnostics: &mut Diagnostics) {
    let sig = &endpoint.sig;
    let name = &sig.ident;
    if sig.asyncness.is_none() {
        diagnostics.error_spanned_by(
            sig.fn_token,
            format!("endpoint methods are declared `async fn`: write `async fn {name}`"),
        );
    }
    if let Some(constness) = &sig.constness {
        diagnostics.error_spanned_by(constness, "remove `const`: endpoint methods are `async fn`");
    }
    if let Some(unsafety) = &sig.unsafety {
        diagnostics.error_spanned_by(unsafety, "remove `unsafe`: endpoint methods are safe");
    }
    if let Some(abi) = &sig.abi {
        diagnostics.error_spanned_by(abi, "remove the ABI: endpoint methods are Rust methods");
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        diagnostics.error_spanned_by(
            &sig.generics,
            "endpoint methods cannot be generic: use concrete argument types \
             (elided lifetimes such as `&str` are fine)",
        );
    }
    if let Some(body) = &endpoint.default_body {
        diagnostics.error_at(
            body.brace_token.span.join(),
            "remove this body: #[endpoint] writes the method body; end the declaration with `;`",
        );
    }
}

/// The declared `Result<T>` and its `T`.
pub(super) fn check_return_type<'a>(
    endpoint: &'a Endpoint,
    diagnostics: &mut Diagnostics,
) -> Option<(&'a Type, &'a Type)> {
    let sig = &endpoint.sig;
    let ReturnType::Type(_, ty) = &sig.output else {
        diagnostics.error_at(
            sig.paren_token.span.close(),
            "endpoint methods return `heygen_api::Result<T>`: add `-> Result<T>`, \
             where T is decoded from the response's `data`",
        );
        return None;
    };
    let found = written(ty);
    let expected = || {
        format!(
            "endpoint methods return `heygen_api::Result<T>`, found `{found}`: write \
             `-> Result<T>`, where T is decoded from the response's `data`"
        )
    };
    let Type::Path(path) = unwrap_type(ty) else {
        diagnostics.error_spanned_by(ty, expected());
        return None;
    };
    let last = path.path.segments.last()?;
    if path.qself.is_some() || last.ident != kw::RESULT_TYPE {
        diagnostics.error_spanned_by(ty, expected());
        return None;
    }
    let PathArguments::AngleBracketed(arguments) = &last.arguments else {
        diagnostics.error_spanned_by(ty, expected());
        return None;
    };
    let mut types = arguments.args.iter();
    match (types.next(), types.next()) {
        (Some(GenericArgument::Type(output)), None) => Some((&**ty, output)),
        (Some(GenericArgument::Type(output)), Some(extra)) => {
            diagnostics.error_spanned_by(
                extra,
                format!(
                    "`heygen_api::Result` takes one type, the error is always \
                     `heygen_api::Error`: write `Result<{}>`",
                    written(output)
                ),
            );
            None
        }
        _ => {
            diagnostics.error_spanned_by(ty, expected());
            None
        }
    }
}
