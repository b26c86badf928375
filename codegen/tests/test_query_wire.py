"""Rendering the query wire cases: one per operation taking a query struct, every field set."""

import unittest

from heygen_codegen.build import plan, read_catalog, render
from heygen_codegen.paths import GENERATED_NOTE, QUERY_WIRE_TEST
from heygen_codegen.render.query_wire import render_query_wire

from tests.fragment import OBJECT, catalog, op, param

PAGE = {"type": OBJECT, "properties": {"data": {"type": "array", "items": {"type": "object", "properties": {
    "id": {"type": "string"}}}}}}


def with_batch_and_enums():
    """The fragment plus a paginated read with a path parameter, an enum, a float and bounded ints."""
    return catalog() + [
        op("user_widget_parts_list", "GET", "/v3/widgets/{widget_id}/parts", summary="List Parts", paginated=True,
           path_params=["widget_id"],
           query_params=[param("limit", "int", lo=5, hi=50), param("token"),
                         param("kind", enum=["gear", "spring"], required=True),
                         param("min_score", "float64", lo=0, hi=1), param("exact", "bool"),
                         param("page_size", "int", hi=2)],
           response_schema=PAGE),
        # Two query parameters, not paginated: separate `#[query]` arguments, so no case.
        op("user_widget_count_get", "GET", "/v3/widgets/count", summary="Count Widgets",
           query_params=[param("folder_id"), param("shape")],
           response_schema={"type": OBJECT, "properties": {"data": {"type": "integer"}}}),
    ]


def rendered(fragment):
    models, operations = plan(fragment)
    return render_query_wire(operations, models)


class QueryWire(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.text = rendered(with_batch_and_enums())

    def test_marked_generated_with_its_harness_modules(self):
        self.assertTrue(self.text.startswith("//! What every `#[query(flatten)]` struct puts on the wire"))
        self.assertIn(f"//! {GENERATED_NOTE}\n", self.text)
        self.assertIn("mod check;\nmod handwritten;\n", self.text)
        self.assertIn("async fn every_flattened_query_sends_exactly_the_spec_parameters() {", self.text)
        self.assertIn("cases.extend(handwritten::cases());", self.text)

    def test_one_case_per_operation_with_a_query_struct(self):
        self.assertEqual(self.text.count("        QueryCase {"), 2)
        self.assertIn("/// The 2 generated operations that take a `#[query(flatten)]` struct", self.text)
        self.assertNotIn("user_widget_count_get", self.text)

    def test_a_required_field_goes_through_new_and_every_optional_one_through_its_setter(self):
        expected = """\
        QueryCase {
            operation: "user_widgets_list",
            declared: "list_user_widgets",
            method: "GET",
            path: "/v3/widgets",
            run: |client: Client| -> CallFuture { Box::pin(async move { client.list_user_widgets(\
&heygen_api::user::ListUserWidgetsQuery::new("example-folder_id").limit(3).token("example-token")).await.err() }) },
        },
"""
        self.assertIn(expected, self.text)

    def test_path_parameters_enums_and_bounds(self):
        self.assertIn('path: "/v3/widgets/{widget_id}/parts",', self.text)
        self.assertIn(
            'client.list_user_widget_parts("example-widget_id", '
            "&heygen_api::user::ListUserWidgetPartsQuery::new(heygen_api::user::ListUserWidgetPartsQueryKind::Gear)"
            '.limit(5).token("example-token").min_score(0.5).exact(true).page_size(2))',
            self.text,
        )

    def test_rendering_twice_is_identical(self):
        self.assertEqual(rendered(with_batch_and_enums()), self.text)

    def test_the_real_catalog_has_a_case_per_query_struct_and_is_a_generated_file(self):
        models, operations = plan(read_catalog())
        files = render(models, operations)
        text = files[QUERY_WIRE_TEST]
        with_query = [o for o in operations if o.query is not None]
        self.assertEqual(text.count("        QueryCase {"), len(with_query))
        self.assertEqual(len(with_query), 21)  # 20 of the catalog, `list_hyperframes_renders`
        for operation in with_query:
            self.assertIn(f'declared: "{operation.name}",', text)
        self.assertIn(".r#type(heygen_api::voices::VoiceType::Public)", text)


if __name__ == "__main__":
    unittest.main()
