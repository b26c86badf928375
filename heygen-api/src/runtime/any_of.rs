//! How a generated `anyOf` model tells its branches apart when a value leaves its tag out.
//!
//! A branch whose tag property is optional (the spec gives the tag as its default) accepts a value
//! without the tag. Such a value is that branch when it matches the branch's schema: it has the
//! branch's required properties and, when the branch is closed (`additionalProperties: false`),
//! no property the branch does not list.

use serde_json::Value;

/// Whether `value` is an object with every one of `required` and, when `allowed` is given, no
/// other property than those.
pub(crate) fn matches_branch(value: &Value, required: &[&str], allowed: Option<&[&str]>) -> bool {
    let Some(object) = value.as_object() else {
        return false;
    };
    required.iter().all(|name| object.contains_key(*name))
        && allowed.is_none_or(|allowed| object.keys().all(|key| allowed.contains(&key.as_str())))
}

#[cfg(test)]
mod tests {
    use super::matches_branch;
    use serde_json::json;

    #[test]
    fn a_value_matches_a_branch_by_its_required_and_allowed_properties() {
        let allowed = ["id", "type", "url"];
        assert!(matches_branch(
            &json!({"id": "e1"}),
            &["id"],
            Some(&allowed)
        ));
        assert!(matches_branch(
            &json!({"id": "e1", "url": null}),
            &["id"],
            Some(&allowed)
        ));
        assert!(!matches_branch(
            &json!({"url": "u"}),
            &["id"],
            Some(&allowed)
        ));
        assert!(!matches_branch(
            &json!({"id": "e1", "trim": {}}),
            &["id"],
            Some(&allowed)
        ));
        assert!(matches_branch(
            &json!({"id": "e1", "trim": {}}),
            &["id"],
            None
        ));
        assert!(!matches_branch(&json!(["id"]), &[], None));
    }
}
