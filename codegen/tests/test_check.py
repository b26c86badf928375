"""The command line on the real catalog: the checked-in files are what the generator writes."""

import subprocess
import sys
import unittest
from pathlib import Path

GENERATE = Path(__file__).resolve().parent.parent / "generate.py"


class Check(unittest.TestCase):
    def test_check_passes_on_the_checked_in_files(self):
        result = subprocess.run([sys.executable, str(GENERATE), "--check"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_report_lists_the_types(self):
        result = subprocess.run([sys.executable, str(GENERATE), "--report"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("TalkingVideo", result.stdout)
        self.assertIn("free-form fields", result.stdout)


if __name__ == "__main__":
    unittest.main()
