"""The simulator's table: what each route does to its collection, read off the vendored spec."""

import unittest

from heygen_codegen import simulator
from heygen_codegen.build import plan, read_catalog


class Table(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        _, operations = plan(read_catalog())
        cls.by_name = {entry["name"]: entry for entry in simulator.entries(operations)}

    def test_roles_follow_the_routes(self):
        roles = {name: self.by_name[name]["role"] for name in (
            "create_hyperframes_render", "list_hyperframes_renders", "get_hyperframes_render",
            "delete_hyperframes_render", "update_brand_kit", "stop_video_agent_session",
            "list_video_statuses",
        )}
        self.assertEqual(roles, {
            "create_hyperframes_render": "create", "list_hyperframes_renders": "list",
            "get_hyperframes_render": "get", "delete_hyperframes_render": "delete",
            "update_brand_kit": "update", "stop_video_agent_session": "other",
            "list_video_statuses": "other",
        })

    def test_a_create_names_the_field_its_id_comes_back_in(self):
        self.assertEqual(self.by_name["create_video_translation"]["created_field"], "video_translation_ids")
        self.assertEqual(self.by_name["create_hyperframes_render"]["created_field"], "render_id")
        # An answer the spec leaves open is `202` with the example's `id`.
        clipping = self.by_name["create_ai_clipping_job"]
        self.assertEqual((clipping["created_field"], clipping["status"]), ("id", 202))
        # A voice design answers previews, not a voice: nothing to name later.
        self.assertIsNone(self.by_name["design_voices"]["created_field"])

    def test_statuses_events_and_made_videos(self):
        render = self.by_name["get_hyperframes_render"]["statuses"]
        self.assertEqual((render["starting"], render["running"], render["succeeded"], render["failed"]),
                         ("queued", "rendering", "completed", "failed"))
        self.assertEqual(self.by_name["create_video_translation"]["events"], "video_translate")
        self.assertIsNone(self.by_name["create_lipsync"]["events"])
        self.assertEqual(self.by_name["create_video_agent_session"]["video_field"], "video_id")
        self.assertIsNone(self.by_name["create_video"]["video_field"])
        # A brand kit is created `loading`, the one value its create answer allows.
        self.assertEqual(self.by_name["create_brand_kit"]["statuses"]["succeeded"], "loading")
