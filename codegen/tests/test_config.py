"""Loading the configuration files, and reporting the entries nothing used."""

import tempfile
import unittest
from pathlib import Path

from heygen_codegen import config

FILES = {
    "groups.toml": """
[groups."user"]
module = "user"
trait = "UserApi"
title = "User"
summary = "read the user"
example = "user_me_get"

[groups."webhook"]
module = "webhooks"
trait = "WebhooksApi"
handwritten = true
""",
    "names.toml": """
[methods]
"user_me_get" = "get_current_user"

[[unions]]
name = "MediaReference"
schemas = ["AssetUrl", "AssetId"]
""",
    "described.toml": """
[enums."Sound.placement"]
name = "SoundPlacement"
values = ["hit", "bed"]

[maps."layers"]
values = "string"
accessor = "Read it."
""",
    "layout.toml": """
[[handwritten]]
module = "assets"
file = "direct_upload"
exports = ["Thing"]
""",
}


class Loading(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        for name, text in FILES.items():
            (Path(self.dir.name) / name).write_text(text)
        self.config = config.load(Path(self.dir.name))

    def tearDown(self):
        self.dir.cleanup()

    def test_groups(self):
        self.assertEqual(list(self.config.groups), ["user", "webhook"])
        self.assertEqual(self.config.groups["user"].trait_name, "UserApi")
        self.assertTrue(self.config.groups["webhook"].handwritten)
        self.assertEqual(list(self.config.generated_groups()), ["user"])

    def test_keys_become_the_lookup_types(self):
        self.assertEqual(self.config.union_names.get(frozenset({"AssetId", "AssetUrl"})), "MediaReference")
        self.assertEqual(self.config.described_enums.get(("Sound", "placement")), ("SoundPlacement", ["hit", "bed"]))
        self.assertEqual(self.config.described_maps.get("layers"), config.DescribedMap("string", "Read it."))
        self.assertEqual(self.config.handwritten.get("assets"), [config.HandwrittenFile("direct_upload", ("Thing",))])

    def test_missing_files_are_empty_tables(self):
        self.assertEqual(dict(self.config.docs), {})
        self.assertEqual(dict(self.config.model_files), {})

    def test_stale_entries_are_reported_until_looked_up(self):
        stale = self.config.stale()
        self.assertEqual(stale["names.toml [methods]"], ["user_me_get"])
        self.assertIn("layout.toml [[handwritten]]", stale)
        self.config.method_names.get("user_me_get")
        self.config.method_names.get("not_configured")
        self.assertNotIn("names.toml [methods]", self.config.stale())

    def test_membership_is_not_a_use(self):
        table = config.Table({"a": 1})
        self.assertIn("a", table)
        self.assertEqual(table.unused(), ["a"])
        self.assertEqual(table.get("a"), 1)
        self.assertEqual(table.unused(), [])


class RealConfiguration(unittest.TestCase):
    def test_every_generated_group_has_a_trait_named_after_its_module(self):
        from heygen_codegen.text import pascal

        for group in config.CONFIG.groups.values():
            self.assertEqual(group.trait_name, pascal(group.module) + "Api", group.module)


if __name__ == "__main__":
    unittest.main()
