"""The overlay of reviewed changes (`config/september.toml`): what each action does to a catalog, that
a change which applies nowhere stops the generator, and that a deprecated field becomes `#[deprecated]`."""

import json
import tempfile
import unittest
from pathlib import Path

from heygen_codegen import overlay
from heygen_codegen.build import module_files, plan
from heygen_codegen.paths import SPEC, SRC

from tests.fragment import catalog

UNION = {
    "type": "object",
    "properties": {
        "input": {
            "discriminator": {"propertyName": "type", "mapping": {"a": "#/c/A", "b": "#/c/B"}},
            "oneOf": [
                {"type": "object", "properties": {"type": {"type": "string", "enum": ["a"]}}},
                {"type": "object", "properties": {"type": {"type": "string", "enum": ["b"]}}},
            ],
        },
        "ratio": {"type": "string", "enum": ["1:1", "4:5"]},
        "old": {"type": "string", "nullable": True},
    },
}


def op_with(schema):
    return {"operation": "thing_create", "request_schema": schema, "response_schema": None, "query_params": [],
            "idempotency_key": "unknown"}


def change(at, **actions):
    return overlay.Change("test", ("thing_create",), at, actions)


class Actions(unittest.TestCase):
    def apply(self, *changes):
        return overlay.apply([op_with(json.loads(json.dumps(UNION)))], list(changes))[0]

    def test_each_action(self):
        op = self.apply(
            change("body.input", remove_variants=["b"]),
            change("body.ratio", enum=["1:1"]),
            change("body.old", deprecated="use `new`"),
            change("body", add={"new": {"type": "string"}, "copy": {"like": "body.ratio"}}),
            change("", idempotency_key=True),
        )
        body = op["request_schema"]["properties"]
        self.assertEqual(len(body["input"]["oneOf"]), 1)
        self.assertEqual(list(body["input"]["discriminator"]["mapping"]), ["a"])
        self.assertEqual(body["ratio"]["enum"], ["1:1"])
        self.assertEqual(body["copy"]["enum"], ["1:1"])
        self.assertTrue(body["old"]["deprecated"])
        self.assertEqual(body["old"]["x-deprecated-note"], "use `new`")
        self.assertEqual(body["new"], {"type": "string"})
        self.assertIs(op["idempotency_key"], True)

    def test_the_catalog_itself_is_left_alone(self):
        original = [op_with(json.loads(json.dumps(UNION)))]
        overlay.apply(original, [change("body.ratio", enum=["1:1"])])
        self.assertEqual(original[0]["request_schema"]["properties"]["ratio"]["enum"], ["1:1", "4:5"])

    def test_a_change_that_applies_nowhere_stops_the_generator(self):
        stale = [
            change("body.missing", enum=["x"]),
            change("body.input", remove_variants=["c"]),
            change("body", add={"old": {"type": "string"}}),
            change("body.ratio", enum=["1:1", "4:5"]),
            change("body.old", nullable=True),
            change("body<nope>", add={"x": {}}),
            overlay.Change("test", ("no_such_operation",), "body", {}),
        ]
        for entry in stale:
            with self.subTest(entry=entry), self.assertRaises(SystemExit):
                self.apply(entry)

    def test_a_change_must_cite_its_fact(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "overlay.toml"
            path.write_text('[[change]]\noperations = ["thing_create"]\nat = "body"\n')
            with self.assertRaises(SystemExit):
                overlay.load(path)


class Vendored(unittest.TestCase):
    def test_every_change_applies_to_the_vendored_catalog(self):
        changes = overlay.load()
        self.assertTrue(changes)
        patched = overlay.apply(json.loads(SPEC.read_text()), changes)
        by_name = {op["operation"]: op for op in patched}
        studio = overlay.resolve(by_name["video_create"], "body<studio>.scenes[]<avatar_video>.input")
        self.assertEqual(list(studio["discriminator"]["mapping"]), ["avatar"])
        ratio = overlay.resolve(by_name["video_batches_create"], "body.videos[]<cinematic_avatar>.aspect_ratio")
        self.assertEqual(ratio["enum"], ["16:9", "9:16", "1:1"])


class Deprecated(unittest.TestCase):
    def test_a_deprecated_field_and_its_setter_carry_the_note(self):
        ops = catalog()
        create = next(op for op in ops if op["operation"] == "user_widgets_create")
        create["request_schema"]["properties"]["size"].update({"deprecated": True, "x-deprecated-note": "use `title`"})
        models, operations = plan(ops)
        text = module_files("user", operations, models)[0][SRC / "user" / "models.rs"]
        self.assertIn('#[deprecated(note = "use `title`")]\n    #[serde(default', text)
        self.assertIn('#[deprecated(note = "use `title`")]\n    pub fn size(', text)
        self.assertIn("#[allow(deprecated)]\nimpl ", text)


if __name__ == "__main__":
    unittest.main()
