//! Shared support for the heygen-api test suites.
