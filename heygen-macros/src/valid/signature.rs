//! The signature checks: the receiver, the qualifiers, and the return type.

use crate::diagnostics::Diagnostics;
use crate::kw;
use crate::model::Endpoint;
use crate::plan::{Answer, AnswerForm, Reading};
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

/// What the last segment of a return type's path names, by its tokens alone: the forms the
/// runtime reads without the `{"data"}` envelope, `Response`, and everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// `()`
    Unit,
    /// `Json`, `EventStream`: one type argument.
    FormOf(&'static str),
    /// `Bytes`, `String`, `ByteStream`: no type argument.
    Plain(&'static str),
    /// `Response`
    Response,
    /// `&T`
    Reference,
    /// Anything else: decoded from `{"data": T}`.
    Data,
}

fn written_form(ty: &Type) -> Written {
    match unwrap_type(ty) {
        Type::Tuple(tuple) if tuple.elems.is_empty() => Written::Unit,
        Type::Reference(_) => Written::Reference,
        Type::Path(path) if path.qself.is_none() => {
            let Some(last) = path.path.segments.last() else {
                return Written::Data;
            };
            [kw::JSON_TYPE, kw::EVENT_STREAM_TYPE]
                .into_iter()
                .find(|name| last.ident == name)
                .map(Written::FormOf)
                .or_else(|| {
                    [kw::BYTES_TYPE, kw::STRING_TYPE, kw::BYTE_STREAM_TYPE]
                        .into_iter()
                        .find(|name| last.ident == name)
                        .map(Written::Plain)
                })
                .unwrap_or(if last.ident == kw::RESPONSE_TYPE {
                    Written::Response
                } else {
                    Written::Data
                })
        }
        _ => Written::Data,
    }
}

/// The one type argument of `Name<X>`, reported at the type when there is not exactly one.
fn single_argument<'a>(
    ty: &'a Type,
    name: &str,
    meaning: &str,
    diagnostics: &mut Diagnostics,
) -> Option<&'a Type> {
    let last = match unwrap_type(ty) {
        Type::Path(path) => path.path.segments.last(),
        _ => None,
    };
    if let Some(PathArguments::AngleBracketed(arguments)) = last.map(|last| &last.arguments)
        && let [GenericArgument::Type(inner)] = arguments.args.iter().collect::<Vec<_>>()[..]
    {
        return Some(inner);
    }
    diagnostics.error_spanned_by(
        ty,
        format!(
            "`{name}` takes one type, {meaning}: write `{name}<T>`, found `{}`",
            written(ty)
        ),
    );
    None
}

/// Reads `T` of the declared `Result<T>`: how the answer is read, reporting the forms written
/// wrong at the type.
pub(super) fn check_answer<'a>(
    output: &'a Type,
    diagnostics: &mut Diagnostics,
) -> Option<Answer<'a>> {
    let (form, with_meta) = match written_form(output) {
        Written::Response => {
            let inner = single_argument(
                output,
                kw::RESPONSE_TYPE,
                "the answer it adds the status and headers to",
                diagnostics,
            )?;
            if written_form(inner) == Written::Response {
                diagnostics.error_spanned_by(
                    inner,
                    "a `Response` already carries the status and headers: write \
                     `Response<T>` once, not `Response<Response<T>>`",
                );
                return None;
            }
            (check_form(inner, diagnostics)?, Some(inner))
        }
        _ => (check_form(output, diagnostics)?, None),
    };
    let reading = match (form, with_meta) {
        (AnswerForm::Data, None) => Reading::Data,
        (_, None) => Reading::Form,
        (AnswerForm::Data, Some(inner)) => Reading::DataWithMeta(inner),
        (_, Some(inner)) => Reading::FormWithMeta(inner),
    };
    Some(Answer { reading, form })
}

/// The form of a type that is not `Response<..>`.
fn check_form(ty: &Type, diagnostics: &mut Diagnostics) -> Option<AnswerForm> {
    match written_form(ty) {
        Written::Unit => Some(AnswerForm::Unit),
        Written::Data | Written::Response => Some(AnswerForm::Data),
        Written::Reference => {
            diagnostics.error_spanned_by(
                ty,
                format!(
                    "answers are owned: use `String` or `Bytes`, not `{}`",
                    written(ty)
                ),
            );
            None
        }
        Written::FormOf(name) => {
            let meaning = if name == kw::JSON_TYPE {
                "what the whole body decodes into"
            } else {
                "what each event's data decodes into"
            };
            single_argument(ty, name, meaning, diagnostics)?;
            Some(if name == kw::JSON_TYPE {
                AnswerForm::Named(kw::JSON_TYPE)
            } else {
                AnswerForm::EventStream
            })
        }
        Written::Plain(name) => {
            let has_arguments = match unwrap_type(ty) {
                Type::Path(path) => path
                    .path
                    .segments
                    .last()
                    .is_some_and(|last| !last.arguments.is_none()),
                _ => false,
            };
            if has_arguments {
                diagnostics.error_spanned_by(
                    ty,
                    format!(
                        "`{name}` takes no type arguments: write `{name}`, found `{}`",
                        written(ty)
                    ),
                );
                return None;
            }
            Some(AnswerForm::Named(name))
        }
    }
}
