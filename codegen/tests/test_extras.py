"""What the extra operations (`spec/extra-operations.json`) need beyond the catalog: shapes that ignore
limits, limits in docs, server-sent events, `anyOf` unions, the facts' notes, and the file itself."""

import json
import unittest
from unittest import mock

from heygen_codegen import schema
from heygen_codegen.build import plan, read_catalog
from heygen_codegen.config import CONFIG
from heygen_codegen.fixtures import fixture_for
from heygen_codegen.model import AnyOf, Models, limits_note
from heygen_codegen.paths import EXTRAS
from heygen_codegen.render.group import render_group
from heygen_codegen.render.items import render_any_of

from tests.fragment import OBJECT, catalog, op

CATALOG_URL = {"type": OBJECT, "required": ["type", "url"], "properties": {
    "type": {"type": "string", "description": "Input type discriminator"},
    "url": {"type": "string"},
}}
EXTRA_URL = {"type": OBJECT, "additionalProperties": False, "required": ["type", "url"], "properties": {
    "type": {"type": "string", "enum": ["url"]},
    "url": {"type": "string", "maxLength": 2048},
}}


def media(url):
    return {"oneOf": [url], "discriminator": {"propertyName": "type", "mapping": {"url": "#/x/AssetUrl"}}}


WORDS = {"type": OBJECT, "required": ["words"], "properties": {
    "words": {"type": "array", "items": {"type": OBJECT, "required": ["word"], "properties": {
        "word": {"type": "string"}}}},
}}

SSE_OP = op(
    "user_widget_events_get", "GET", "/v3/widgets/{widget_id}/events", summary="Stream Widget Events",
    path_params=["widget_id"], response_content_type="text/event-stream", response_schema=WORDS,
    sse={"data_event": {"data_schema": WORDS, "note": "(inferred) data frames carry no event: line"},
         "terminal_event": {"event_field": "end"}},
    source={"contradiction": "the guide says `ready`; the spec says `streaming`"},
)

ELEMENT_TAGGED = {"type": OBJECT, "required": ["id"], "properties": {
    "id": {"type": "string"}, "type": {"type": "string", "enum": ["avatar"]}, "avatar_id": {"type": "string"}}}
ELEMENT_OPEN = {"type": OBJECT, "required": ["id", "type"], "properties": {
    "id": {"type": "string"}, "type": {"type": "string"}}}
ELEMENT_CONTAINER = {"type": OBJECT, "required": ["id", "type"], "properties": {
    "id": {"type": "string"}, "type": {"type": "string"},
    "children": {"type": "array", "items": {"anyOf": [
        ELEMENT_TAGGED, ELEMENT_OPEN,
        {"type": OBJECT, "additionalProperties": True, "x-recursive-ref": "WidgetContainer"},
    ]}},
}}
ELEMENTS = {"anyOf": [ELEMENT_TAGGED, ELEMENT_OPEN, ELEMENT_CONTAINER]}
ANY_OF_CONFIG = {
    "WidgetPart": {"variants": ["Avatar", "Other", "Container"],
                   "types": ["WidgetAvatar", "WidgetPlaceholder", "WidgetContainer"]},
}


class Shapes(unittest.TestCase):
    def test_limits_closedness_and_a_tag_enum_do_not_change_the_shape(self):
        self.assertEqual(schema.shape_key(media(CATALOG_URL)), schema.shape_key(media(EXTRA_URL)))

    def test_a_property_named_like_a_limit_keyword_is_kept(self):
        with_format = {"type": OBJECT, "properties": {"format": {"type": "string"}}}
        self.assertNotEqual(schema.shape_key(with_format), schema.shape_key({"type": OBJECT, "properties": {}}))

    def test_the_extras_media_inputs_are_the_catalogs_types(self):
        models, operations = plan(read_catalog())
        by_name = {o.name: o for o in operations}
        project = next(f for f in models.types["CreateHyperframesRenderRequest"].fields if f.wire == "project")
        self.assertEqual(project.ty.name, "MediaInput")
        video = next(f for f in models.types["CreateFillerWordRemovalRequest"].fields if f.wire == "video")
        self.assertEqual(video.ty.name, "MediaReference")
        self.assertEqual(by_name["update_avatar_group"].returns, "AvatarGroup")


class Limits(unittest.TestCase):
    def test_lengths_and_ranges_as_a_sentence(self):
        self.assertEqual(limits_note({"maxLength": 512}), " At most 512 characters.")
        self.assertEqual(limits_note({"minLength": 1, "maxLength": 64}), " 1 to 64 characters.")
        self.assertEqual(limits_note({"minLength": 1}), " At least 1 character.")
        self.assertEqual(limits_note({"minimum": 1, "maximum": 240}), " From 1 to 240.")
        self.assertEqual(limits_note({"minimum": 0.0, "maximum": 1.0}), " From 0 to 1.")
        self.assertEqual(limits_note({"type": "string"}), "")


class Events(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        models, operations = plan(catalog() + [SSE_OP])
        cls.operation = next(o for o in operations if o.op["operation"] == "user_widget_events_get")
        cls.mod = render_group(CONFIG.groups["user"], operations, ["models"], models)

    def test_declared_as_an_event_stream_ending_with_the_terminal_event(self):
        self.assertEqual(self.operation.kind, "events")
        self.assertEqual(self.operation.returns, "EventStream<GetUserWidgetEventResponse>")
        self.assertIn('#[endpoint(GET "/v3/widgets/<widget_id>/events", end_event = "end")]', self.mod)
        self.assertIn("EventStream, IdempotencyKey, Page, Result, api, endpoint};", self.mod)

    def test_the_docs_say_how_it_ends_and_what_is_inferred(self):
        text = " ".join(line.strip("/ ") for line in self.mod.split("\n"))
        self.assertIn("The stream ends after the `end` event, which is not yielded", text)
        self.assertIn("Inferred, not documented: data frames carry no event: line.", text)
        self.assertIn("From HeyGen's documentation:", text)
        self.assertIn("The guide says `ready`; the spec says `streaming`.", text)

    def test_the_fixture_is_one_events_data(self):
        fixture = json.loads(fixture_for(self.operation))
        self.assertEqual(fixture["response"]["maximal"], {"words": [{"word": "example-word"}]})


class AnyOfUnions(unittest.TestCase):
    def build(self):
        models = Models()
        with mock.patch.dict(CONFIG.any_of, ANY_OF_CONFIG), \
                mock.patch.dict(CONFIG.type_renames, {"WidgetContainerChildren": "WidgetPart"}):
            ty = models.type_of(ELEMENTS, "WidgetPart")
        return models, models.types[ty.name]

    def test_branches_by_tag_then_by_a_property_of_their_own(self):
        models, union = self.build()
        self.assertIsInstance(union, AnyOf)
        self.assertEqual([(v.name, v.tag, v.marker) for v in union.variants],
                         [("Avatar", "avatar", None), ("Other", None, None), ("Container", None, "children")])
        children = next(f for f in models.types["WidgetContainer"].fields if f.wire == "children")
        self.assertEqual(children.ty.render(), "Vec<WidgetPart>")  # the recursion, not a second union

    def test_decoding_reads_the_tag_and_falls_back_to_the_open_branch(self):
        _, union = self.build()
        text = "\n".join(render_any_of(union))
        self.assertIn("#[serde(untagged)]", text)
        tagged = text.index('Some("avatar") => serde_json::from_value(value).map(Self::Avatar),')
        marked = text.index('_ if value.get("children").is_some() => serde_json::from_value(value).map(Self::Container),')
        fallback = text.index("_ => serde_json::from_value(value).map(Self::Other),")
        self.assertLess(tagged, marked)
        self.assertLess(marked, fallback)

    def test_a_closed_union_refuses_an_unknown_tag(self):
        closed = {"anyOf": [ELEMENT_TAGGED]}
        models = Models()
        with mock.patch.dict(CONFIG.any_of, {"Closed": {"variants": ["Avatar"], "types": ["ClosedAvatar"]}}):
            ty = models.type_of(closed, "Closed")
        text = "\n".join(render_any_of(models.types[ty.name]))
        self.assertIn('Some(other) => return Err(serde::de::Error::unknown_variant(other, &["avatar"])),', text)
        self.assertIn('None => return Err(serde::de::Error::missing_field("type")),', text)

    def test_an_unnamed_any_of_or_an_open_branch_without_a_property_of_its_own_fails(self):
        with self.assertRaises(SystemExit):
            Models().type_of(ELEMENTS, "Unnamed")
        twins = {"anyOf": [ELEMENT_OPEN, dict(ELEMENT_OPEN)]}
        with mock.patch.dict(CONFIG.any_of, {"Twins": {"variants": ["A", "B"], "types": ["TwinA", "TwinB"]}}), \
                self.assertRaises(SystemExit):
            Models().type_of(twins, "Twins")


class ExtrasFile(unittest.TestCase):
    def test_the_extras_follow_the_catalog_once_each(self):
        extras = json.loads(EXTRAS.read_text())
        self.assertEqual(len(extras), 21)
        models, operations = plan(read_catalog())
        names = [o.op["operation"] for o in operations]
        self.assertEqual(names[-21:], [e["operation"] for e in extras])
        idempotent = sorted(o.name for o in operations[-21:] if o.idempotent)
        self.assertEqual(idempotent, ["create_brand_glossary", "create_brand_kit", "create_filler_word_removal",
                                      "create_hyperframes_render"])


if __name__ == "__main__":
    unittest.main()
