"""Reading the catalog's schemas: union tags, merged unions, free-form objects, shapes."""

import unittest

from heygen_codegen import schema


def union(*variants, mapping):
    return {
        "oneOf": list(variants),
        "discriminator": {"propertyName": "type", "mapping": {k: f"#/components/schemas/{v}" for k, v in mapping.items()}},
    }


URL = {"type": "object", "properties": {"type": {"type": "string", "enum": ["url"]}, "url": {"type": "string"}}}
ASSET = {"type": "object", "properties": {"type": {"type": "string", "description": "Must be 'asset_id'"},
                                          "asset_id": {"type": "string"}}}
BASE64 = {"type": "object", "properties": {"type": {"type": "string"}, "data": {"type": "string"}}}


class Unions(unittest.TestCase):
    def test_tags_from_enum_description_and_the_key_left(self):
        s = union(URL, ASSET, BASE64, mapping={"url": "AssetUrl", "asset_id": "AssetId", "base64": "AssetBase64"})
        self.assertEqual(schema.union_tags(s), ["url", "asset_id", "base64"])
        self.assertEqual(schema.union_schema_names(s), ["AssetUrl", "AssetId", "AssetBase64"])

    def test_tag_from_a_property_named_like_the_key(self):
        own = {"type": "object", "properties": {"type": {"type": "string"}, "url": {"type": "string"}}}
        s = union(own, ASSET, mapping={"url": "AssetUrl", "asset_id": "AssetId"})
        self.assertEqual(schema.union_tags(s), ["url", "asset_id"])

    def test_unknown_tags_fail(self):
        anon = {"type": "object", "properties": {"type": {"type": "string"}}}
        with self.assertRaises(SystemExit):
            schema.union_tags(union(anon, dict(anon), mapping={"a": "A", "b": "B"}))

    def test_merged_union(self):
        a = {"type": "object", "properties": {"type": {"type": "string", "enum": ["a"]}, "x": {"type": "string"}}}
        b = {"type": "object", "properties": {"type": {"type": "string", "enum": ["b"]}, "x": {"type": "string", "description": "doc"}}}
        self.assertTrue(schema.is_merged_union(union(a, b, mapping={"a": "A", "b": "B"})))
        self.assertFalse(schema.is_merged_union(union(URL, ASSET, mapping={"url": "U", "asset_id": "I"})))


class Shapes(unittest.TestCase):
    def test_free_form(self):
        self.assertTrue(schema.is_free_form({"type": "object"}))
        self.assertTrue(schema.is_free_form({"type": "object", "properties": {}}))
        self.assertFalse(schema.is_free_form({"type": "object", "properties": {"a": {"type": "string"}}}))
        self.assertFalse(schema.is_free_form({"type": "string"}))

    def test_shape_ignores_docs_and_own_nullability(self):
        a = {"type": "object", "description": "A", "nullable": True, "properties": {"x": {"type": "string", "example": "e"}}}
        b = {"type": "object", "properties": {"x": {"type": "string", "description": "other"}}}
        self.assertEqual(schema.shape_key(a), schema.shape_key(b))
        c = {"type": "object", "properties": {"x": {"type": "integer"}}}
        self.assertNotEqual(schema.shape_key(a), schema.shape_key(c))

    def test_batch_page(self):
        page = {"type": "object", "properties": {"items": {"type": "array"}, "has_more": {"type": "boolean"}}}
        self.assertTrue(schema.is_batch_page(page))
        self.assertFalse(schema.is_batch_page({"type": "array"}))
        self.assertFalse(schema.is_batch_page(None))


if __name__ == "__main__":
    unittest.main()
