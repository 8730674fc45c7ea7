"""Renders the HTML report of the fixture set in headless Chromium and
checks the screenshot: a PNG of the window's size that is not blank.
Skipped (exit 77) when no chromium is on PATH."""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

WIDTH, HEIGHT = 1024, 1400


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def png_info(path):
    """(width, height, distinct byte values in the decompressed pixels)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError("not a PNG")
    pos, idat, width, height = 8, b"", None, None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    pixels = zlib.decompress(idat)
    return width, height, len(set(pixels))


class Render(unittest.TestCase):
    def test_screenshot(self):
        with tempfile.TemporaryDirectory() as tmp:
            page = os.path.join(tmp, "report.html")
            png = os.path.join(tmp, "shot.png")
            common.report("--output", page, *common.TARGETS, "--by", "team",
                          "--monthly")
            profile = os.path.join(tmp, "profile")
            proc = subprocess.run(
                [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--user-data-dir=" + profile,
                 "--screenshot=" + png,
                 f"--window-size={WIDTH},{HEIGHT}", "file://" + page],
                capture_output=True, text=True, timeout=120, check=False,
                stdin=subprocess.DEVNULL)
            self.assertTrue(os.path.exists(png),
                            f"no screenshot: {proc.stderr[-2000:]}")
            width, height, distinct = png_info(png)
            self.assertEqual((width, height), (WIDTH, HEIGHT))
            # A blank page decompresses to one or two byte values (filter
            # bytes and white); a report has text, colours and charts.
            self.assertGreater(distinct, 16)


if __name__ == "__main__":
    if chromium() is None:
        print("SKIP: chromium is not on PATH; the browser render test needs "
              "it (Debian: apt-get install chromium)")
        sys.exit(77)
    common.main()
