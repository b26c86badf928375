"""September's limits (`spec/september-constraints.md`) as schema keywords, and the `Limits` the
generated request types implement from them."""

import unittest

from heygen_codegen import constraints
from heygen_codegen.build import module_files, plan
from heygen_codegen.paths import SRC

from tests.fragment import catalog

FACTS = """# Constraints

## POST /v3/widgets (`user_widgets_create`)

- header `Idempotency-Key`: optional, minLen=1, maxLen=255, pattern `^[A-Za-z0-9_\\-:.]{1,255}$`
- `body.name`: minLen=1, maxLen=40
- `body.size`: min=1, max=2.5

## GET /v3/widgets (`user_widgets_list`)

- query `name`: minLen=1, maxLen=100
- query `limit`: min=1, max=100
"""


class Parse(unittest.TestCase):
    def test_body_and_query_lines_become_keywords_and_headers_are_skipped(self):
        self.assertEqual(constraints.parse(FACTS), [
            ("user_widgets_create", "body.name", {"minLength": 1, "maxLength": 40}),
            ("user_widgets_create", "body.size", {"minimum": 1.0, "maximum": 2.5}),
            ("user_widgets_list", "query name", {"minLength": 1, "maxLength": 100}),
            ("user_widgets_list", "query limit", {"minimum": 1.0, "maximum": 100.0}),
        ])

    def test_a_query_range_that_contradicts_the_catalog_stops_the_generator(self):
        import tempfile
        from pathlib import Path

        ops = [{"operation": "user_widgets_list",
                "query_params": [{"name": "limit", "type": "int", "required": False, "min": 1, "max": 50}]}]
        with tempfile.TemporaryDirectory() as tmp:
            facts = Path(tmp) / "constraints.md"
            facts.write_text("## GET /v3/widgets (`user_widgets_list`)\n\n- query `limit`: min=1, max=100\n")
            with self.assertRaises(SystemExit) as stopped:
                constraints.apply(ops, facts)
            self.assertIn("max=100.0, the catalog says 50", str(stopped.exception))
            facts.write_text("## GET /v3/widgets (`user_widgets_list`)\n\n- query `title`: minLen=1\n")
            with self.assertRaises(SystemExit) as stopped:
                constraints.apply(ops, facts)
            self.assertIn("no query parameter `title`", str(stopped.exception))

    def test_every_vendored_line_resolves_in_the_catalog(self):
        from heygen_codegen.build import read_catalog

        # `read_catalog` stops the generator on a line that resolves to nothing.
        ops = {op["operation"]: op for op in read_catalog()}
        prompt = ops["video_agent_create"]["request_schema"]["properties"]["prompt"]
        self.assertEqual((prompt["minLength"], prompt["maxLength"]), (1, 10000))
        query = next(q for q in ops["asset_search"]["query_params"] if q["name"] == "query")
        self.assertEqual((query["minLength"], query["maxLength"]), (1, 1000))


class Render(unittest.TestCase):
    def test_a_limited_request_serializes_through_its_limits(self):
        ops = catalog()
        create = next(op for op in ops if op["operation"] == "user_widgets_create")
        create["request_schema"]["properties"]["name"].update({"minLength": 1, "maxLength": 40})
        create["request_schema"]["properties"]["size"].update({"minimum": 1, "maximum": 2.5})
        models, operations = plan(ops)
        text = module_files("user", operations, models)[0][SRC / "user" / "models.rs"]
        self.assertIn('#[serde(remote = "Self")]', text)
        self.assertIn("limits::report(self);", text)
        self.assertIn('limits::length("CreateUserWidgetRequest.name", Some(self.name.as_str()), Some(1), Some(40), out);',
                      text)
        self.assertIn('limits::range("CreateUserWidgetRequest.size", self.size.map(|v| v as f64), Some(1.0), Some(2.5), out);',
                      text)
        self.assertIn("use crate::limits;", text)

    def test_a_request_without_limits_keeps_its_derives_and_a_query_checks_its_range(self):
        models, operations = plan(catalog())
        text = module_files("user", operations, models)[0][SRC / "user" / "models.rs"]
        self.assertIn("#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]\n#[non_exhaustive]\n"
                      "pub struct CreateUserWidgetRequest {", text)
        self.assertNotIn("impl Serialize for CreateUserWidgetRequest", text)
        self.assertIn('#[serde(remote = "Self")]\n#[non_exhaustive]\npub struct ListUserWidgetsQuery {', text)
        self.assertIn('limits::range("ListUserWidgetsQuery.limit", self.limit.map(|v| v as f64), Some(1.0), '
                      'Some(100.0), out);', text)


if __name__ == "__main__":
    unittest.main()
