"""The drift check (`codegen/drift.py`): a document with planted differences, each named; and the
vendored documents, which it holds against what the crate declares."""

import json
import unittest

from heygen_codegen.build import read_catalog
from heygen_codegen.drift import catalog_as_openapi, compare, report
from heygen_codegen.paths import ROOT

WIDGET = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "string"},
        "shape": {"type": "string", "enum": ["round", "square"]},
        "label": {"type": "string"},
    },
}

MODELS = [
    {"operation": "widget_get", "method": "GET", "path": "/v3/widgets/{widget_id}", "query_params": [],
     "request_schema": None, "response_schema": {"type": "object", "properties": {"data": WIDGET}}},
    {"operation": "widget_create", "method": "POST", "path": "/v3/widgets", "idempotency_key": True,
     "query_params": [{"name": "mode", "required": False, "enum": ["fast", "slow"]}],
     "request_schema": {"type": "object", "required": ["name"], "properties": {
         "name": {"type": "string", "maxLength": 40}, "size": {"type": "integer"},
         "weight": {"type": "number", "minimum": 0}}},
     "response_schema": {"type": "object", "properties": {"data": WIDGET}}},
    {"operation": "widget_delete", "method": "DELETE", "path": "/v3/widgets/{widget_id}", "query_params": [],
     "request_schema": None, "response_schema": None},
]

ENDPOINTS = [
    {"name": "get_widget", "method": "GET", "path": "/v3/widgets/{widget_id}", "idempotent": False},
    {"name": "create_widget", "method": "POST", "path": "/v3/widgets", "idempotent": True},
    {"name": "delete_widget", "method": "DELETE", "path": "/v3/widgets/{widget_id}", "idempotent": False},
]


def planted_document():
    """The widgets as a new document says: `label` removed from the widget, a new `triangle` shape,
    `size` now required, `weight` a string, `name` up to 80 characters, `/v3/gadgets` new, the delete
    gone, and the path parameter renamed."""
    widget = json.loads(json.dumps(WIDGET))
    del widget["properties"]["label"]
    widget["properties"]["shape"]["enum"].append("triangle")
    envelope = {"type": "object", "properties": {"data": {"$ref": "#/components/schemas/Widget"}}}
    ok = {"200": {"content": {"application/json": {"schema": envelope}}}}
    return {
        "openapi": "3.1.0",
        "components": {"schemas": {"Widget": widget}},
        "paths": {
            "/v3/widgets/{id}": {"get": {"operationId": "getWidget", "responses": ok}},
            "/v3/widgets": {"post": {
                "operationId": "createWidget",
                "parameters": [
                    {"name": "mode", "in": "query", "schema": {"type": "string", "enum": ["fast", "slow"]}},
                    {"name": "Idempotency-Key", "in": "header", "schema": {"type": "string"}},
                ],
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "required": ["name", "size"],
                    "properties": {"name": {"type": "string", "maxLength": 80},
                                   "size": {"type": ["integer", "null"]},
                                   "weight": {"type": "string"}}}}}},
                "responses": ok,
            }},
            "/v3/gadgets": {"post": {"operationId": "createGadget", "responses": {"201": {}}}},
            "/v2/legacy": {"get": {"operationId": "legacy", "responses": {}}},
        },
    }


class Planted(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.drift = compare(planted_document(), ENDPOINTS, MODELS)
        cls.by_name = {o.declared: o for o in cls.drift.operations}

    def test_the_operation_the_crate_lacks_is_named(self):
        self.assertEqual(self.drift.missing, [("POST", "/v3/gadgets", "createGadget")])

    def test_the_operation_the_document_no_longer_has_is_named(self):
        self.assertEqual(self.drift.gone, [("DELETE", "/v3/widgets/{widget_id}", "delete_widget")])

    def test_the_removed_field_is_named_in_each_operation(self):
        self.assertEqual(self.by_name["get_widget"].removed, ["resp.data.label"])
        self.assertEqual(self.by_name["create_widget"].removed, ["resp.data.label"])
        self.assertEqual(self.by_name["get_widget"].added, [])

    def test_the_new_enum_value_is_named(self):
        self.assertEqual(self.by_name["get_widget"].enums, [("resp.data.shape", ["triangle"], [])])

    def test_required_ness_is_compared(self):
        self.assertEqual(self.by_name["create_widget"].required, [("body.size", True)])

    def test_a_changed_type_and_a_loosened_limit_are_named(self):
        create = self.by_name["create_widget"]
        # `null` aside: `integer | null` is still an integer.
        self.assertEqual(create.types, [("body.weight", ["string"], ["number"])])
        self.assertEqual(create.limits, [("body.name", "maxLength", 80, 40)])
        text = report(self.drift)
        self.assertIn("body.weight: type string in the document, number in the crate", text)
        self.assertIn("body.name: maxLength 80 in the document, 40 in the crate", text)

    def test_an_unchanged_operation_reports_nothing_else(self):
        self.assertEqual(self.by_name["create_widget"].idempotency, None)
        self.assertEqual(self.by_name["get_widget"].required, [])

    def test_the_report_names_each_difference(self):
        text = report(self.drift)
        for expected in [
            "POST /v3/gadgets  (createGadget)",
            "DELETE /v3/widgets/{widget_id}  (delete_widget)",
            "resp.data.label: declared, not in the document",
            "resp.data.shape: enum values: the document adds triangle",
            "body.size: required in the document, optional in the crate",
        ]:
            self.assertIn(expected, text)
        self.assertNotIn("/v2/legacy", text)

    def test_an_identical_document_has_no_drift(self):
        self.assertTrue(compare(catalog_as_openapi(MODELS), ENDPOINTS, MODELS).empty())


def endpoints_of(operations):
    """The declared surface for the generator's inputs (the `endpoints` listing needs cargo)."""
    return [{"name": op["operation"], "method": op["method"], "path": op["path"],
             "idempotent": op["idempotency_key"] is True} for op in operations]


class Vendored(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.models = read_catalog()
        cls.endpoints = endpoints_of(cls.models)

    def test_the_extra_operations_facts_match_the_declared_models(self):
        extras = json.loads((ROOT / "spec" / "extra-operations.json").read_text())
        drift = compare(catalog_as_openapi(extras), self.endpoints, self.models)
        self.assertEqual(drift.missing, [])
        self.assertEqual(len(drift.gone), 85)  # the catalog's, which that file does not repeat
        self.assertEqual([o.declared for o in drift.operations if not o.empty()], [])

    def test_the_july_document_differs_in_exactly_the_eighteen_september_changes(self):
        # spec/openapi.json is assembled from the July catalog: what the crate declares beyond it
        # is what spec/september-changes.md lists, operation for operation.
        document = json.loads((ROOT / "spec" / "openapi.json").read_text())
        drift = compare(document, self.endpoints, self.models)
        changed = sorted(o.declared for o in drift.operations if not o.empty())
        self.assertEqual(changed, sorted([
            "ai_clipping_list", "ai_clipping_create", "ai_clipping_get", "asset_complete_batches_create",
            "avatar_create", "lipsync_create", "lipsync_batches_create", "template_generate",
            "video_agent_create", "video_translate_create", "video_translate_batches_create",
            "video_translate_proofreads_create", "video_translate_proofreads_generate", "video_create",
            "video_batches_create", "webhook_endpoints_create", "webhook_endpoints_update",
            "webhook_events_list",
        ]))
        self.assertEqual(drift.missing, [])
        self.assertEqual(len(drift.gone), 21)  # the extras, which the July document lacks


if __name__ == "__main__":
    unittest.main()


class CommandLine(unittest.TestCase):
    def run_drift(self, *args):
        import subprocess
        import sys
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            endpoints = Path(tmp) / "endpoints.json"
            endpoints.write_text(json.dumps(ENDPOINTS))
            listed = Path(tmp) / "listed.json"
            listed.write_text(json.dumps(MODELS))
            args = [str(listed) if a == "LISTED" else a for a in args]
            return subprocess.run([sys.executable, str(ROOT / "codegen" / "drift.py"),
                                   "--endpoints", str(endpoints), *args],
                                  capture_output=True, text=True)

    def test_a_file_in_the_catalog_layout_without_the_flag_is_refused_with_exit_2(self):
        done = self.run_drift("LISTED")
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("pass --catalog-layout", done.stderr)
        self.assertNotIn("Traceback", done.stderr)

    def test_an_unreadable_document_is_exit_2(self):
        done = self.run_drift("/no/such/openapi.json")
        self.assertEqual(done.returncode, 2)
        self.assertIn("cannot read", done.stderr)

    def test_drift_found_is_exit_1_with_the_report(self):
        # The endpoints given are the widgets; the models are the crate's own, which hold none of them.
        done = self.run_drift("--catalog-layout", "LISTED")
        self.assertEqual(done.returncode, 1, done.stderr)
        self.assertIn("body.weight: in the document, not declared", done.stdout)
