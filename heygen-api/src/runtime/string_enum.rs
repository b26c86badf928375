//! String enums that keep values they do not know.
//!
//! HeyGen adds enum values over time (new event types, new statuses). A response carrying a value
//! this crate has never seen must still decode, so every API enum is declared with
//! [`string_enum!`](crate::string_enum!), which adds an `Unknown(String)` variant holding the raw
//! value and round-trips it unchanged.

/// Declares a string enum with known values and an `Unknown(String)` fallback.
///
/// ```
/// heygen_api::string_enum! {
///     /// The status of a job.
///     pub enum JobStatus {
///         /// Waiting to start.
///         Pending = "pending",
///         /// Finished.
///         Completed = "completed",
///     }
/// }
///
/// let status: JobStatus = serde_json::from_str("\"completed\"").unwrap();
/// assert_eq!(status, JobStatus::Completed);
/// let new: JobStatus = serde_json::from_str("\"archived\"").unwrap();
/// assert_eq!(new, JobStatus::Unknown("archived".into()));
/// assert_eq!(serde_json::to_string(&new).unwrap(), "\"archived\"");
/// assert_eq!(JobStatus::Pending.as_str(), "pending");
/// // From text, borrowed or owned, as setters taking `impl Into<JobStatus>` accept it.
/// assert_eq!(JobStatus::from("pending"), JobStatus::Pending);
/// let read: String = "completed".to_owned();
/// assert_eq!(JobStatus::from(&read), JobStatus::Completed);
/// assert_eq!(JobStatus::from(read), JobStatus::Completed);
/// assert_eq!(JobStatus::from(String::from("x")), JobStatus::Unknown("x".into()));
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $wire:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )*
            /// A value this version of the crate does not know, kept as sent.
            Unknown(::std::string::String),
        }

        impl $name {
            /// Every value this version of the crate knows, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),*];

            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Unknown(other) => other.as_str(),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(match s {
                    $($wire => $name::$variant,)*
                    other => $name::Unknown(::std::string::ToString::to_string(other)),
                })
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s.parse() {
                    ::core::result::Result::Ok(value) => value,
                    ::core::result::Result::Err(never) => match never {},
                }
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                match s.as_str() {
                    $($wire => $name::$variant,)*
                    _ => $name::Unknown(s),
                }
            }
        }

        impl ::core::convert::From<&::std::string::String> for $name {
            fn from(s: &::std::string::String) -> Self {
                <$name as ::core::convert::From<&str>>::from(s.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let raw = <::std::borrow::Cow<'de, str> as $crate::__private::serde::Deserialize<'de>>::deserialize(deserializer)?;
                ::core::result::Result::Ok(<$name as ::core::convert::From<&str>>::from(&raw))
            }
        }
    };
}
