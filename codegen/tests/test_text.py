"""The naming and doc-text helpers."""

import unittest

from heygen_codegen import text


class Naming(unittest.TestCase):
    def test_pascal(self):
        self.assertEqual(text.pascal("video_translation"), "VideoTranslation")
        self.assertEqual(text.pascal("ai-clipping"), "AiClipping")
        self.assertEqual(text.pascal("s2-pro"), "S2Pro")

    def test_singular(self):
        for plural, single in [("batches", "batch"), ("glossaries", "glossary"), ("videos", "video"),
                               ("status", "status"), ("addresses", "address"), ("wishes", "wish")]:
            self.assertEqual(text.singular(plural), single, plural)

    def test_plural(self):
        for single, plural in [("glossary", "glossaries"), ("video", "videos"), ("batch", "batches"),
                               ("status", "statuses"), ("key", "keys"), ("box", "boxes"), ("assets", "assets")]:
            self.assertEqual(text.plural(single), plural, single)

    def test_singular_name(self):
        self.assertEqual(text.singular_name("CreateVideoBatchRequestVideos"), "CreateVideoBatchRequestVideo")

    def test_ident_escapes_keywords(self):
        self.assertEqual(text.ident("type"), "r#type")
        self.assertEqual(text.ident("status"), "status")

    def test_snake(self):
        self.assertEqual(text.snake("AiClippingJob"), "ai_clipping_job")

    def test_variant_names(self):
        self.assertEqual(text.variant_name("in_progress"), "InProgress")
        self.assertEqual(text.variant_name("16:9"), "Ratio16x9")  # from names.toml [variants]
        with self.assertRaises(SystemExit):
            text.variant_name("2x")  # not an identifier, and not configured


class Docs(unittest.TestCase):
    def test_sentence(self):
        self.assertEqual(text.sentence("The ID"), "The ID.")
        self.assertEqual(text.sentence("Is it?"), "Is it?")

    def test_first_sentence(self):
        self.assertEqual(text.first_sentence("Sets the title. Shown in lists."), "Sets the title.")

    def test_clean_doc_code_spans_and_internal_paragraphs(self):
        doc = "Uses ``literal`` and <video_id>.\n\nSee movio/internal/file.py for details."
        self.assertEqual(text.clean_doc(doc), "Uses `literal` and `<video_id>`.")

    def test_clean_doc_joins_wrapped_lines_and_keeps_lists(self):
        doc = "First line\n  continued.\n- one\n- two"
        self.assertEqual(text.clean_doc(doc), "First line continued.\n\n- one\n- two")

    def test_doc_lines_wrap_to_the_width(self):
        words = " ".join(["word"] * 40)
        lines = text.doc_lines(words, indent="    ")
        self.assertTrue(all(len(line) <= 100 for line in lines))
        self.assertTrue(all(line.startswith("    /// ") for line in lines))
        self.assertEqual(" ".join(line[8:] for line in lines), words)

    def test_doc_lines_hang_list_items(self):
        lines = text.doc_lines("- " + " ".join(["item"] * 30), prefix="//!")
        self.assertTrue(lines[0].startswith("//! - item"))
        self.assertTrue(lines[1].startswith("//!   item"))

    def test_blank_lines_have_no_trailing_space(self):
        self.assertEqual(text.doc_lines("One.\n\nTwo."), ["/// One.", "///", "/// Two."])


if __name__ == "__main__":
    unittest.main()
