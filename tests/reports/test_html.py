"""The HTML report: well formed, self-contained, one SVG per chart asked
for, text alternatives on every chart, the same figures as the JSON, and
hostile team names escaped."""
import json
import os
import re
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402


def html_report(*args, cwd=common.DATA, extracts=None):
    extracts = common.EXTRACTS if extracts is None else extracts
    return common.run(*common.PERIOD, "--format", "html", *args, *extracts,
                      cwd=cwd).stdout


def present_indicators(*args):
    """Indicators whose extract was given: the ones that get charts."""
    doc = json.loads(common.report("--format", "json", *args).stdout)
    return [i for i in doc["indicators"] if i["numerator"] is not None], doc


def charts(group, *args):
    """Charts expected for a breakdown: one per indicator with a figure in
    it (data quality has no breakdowns, ethnicity none by month)."""
    doc = json.loads(common.report("--format", "json", "--monthly", "--by",
                                   "team", *args).stdout)
    return sum(1 for i in doc["indicators"]
               if any(c["numerator"] is not None for c in i[group]))


class SelfContained(unittest.TestCase):
    def check_page(self, doc):
        p = common.parse_html(doc)
        self.assertEqual(p.errors, [])
        self.assertTrue(doc.startswith("<!DOCTYPE html>"))
        low = doc.lower()
        self.assertNotIn("<script", low)
        self.assertNotIn("http:", low)
        self.assertNotIn("https:", low)
        for bad in ("<link", "<img", "<iframe", "<object", "@import",
                    "url(", " src=", "javascript:", " on"):
            if bad == " on":
                self.assertIsNone(re.search(r"<[^>]*\son\w+\s*=", low), bad)
            else:
                self.assertNotIn(bad, low)
        return p

    def test_plain(self):
        p = self.check_page(html_report(*common.TARGETS))
        self.assertEqual(len(p.svgs), 0)

    def test_monthly_and_teams(self):
        present, _ = present_indicators()
        p = self.check_page(html_report(*common.TARGETS, "--monthly",
                                        "--by", "team"))
        self.assertEqual(len(p.svgs), charts("by_month", *common.TARGETS) +
                         charts("by_team", *common.TARGETS))
        self.assertLessEqual(len(p.svgs), 2 * len(present))

    def test_one_svg_per_chart(self):
        months, teams = charts("by_month"), charts("by_team")
        for args, want in ((["--monthly"], months), (["--by", "team"], teams),
                           (["--monthly", "--by", "team"], months + teams)):
            p = self.check_page(html_report(*args))
            self.assertEqual(len(p.svgs), want, args)

    def test_missing_extract_gets_no_chart(self):
        doc = html_report("--monthly", extracts=["assessments.csv"])
        p = self.check_page(doc)
        # the nine assessment indicators and ia_per_10k
        self.assertEqual(len(p.svgs), 10)
        self.assertIn("Not charted, because their extract was not given",
                      doc)

    def test_text_alternatives(self):
        p = self.check_page(html_report(*common.TARGETS, "--monthly",
                                        "--by", "team"))
        for svg in p.svgs:
            self.assertEqual(svg["attrs"].get("role"), "img")
            self.assertTrue(svg["attrs"].get("aria-label"))
            self.assertEqual(svg["first"], "title")
            self.assertTrue(svg["title"])
            self.assertTrue(svg["desc"])
            self.assertIn("viewbox", svg["attrs"])

    def test_headline(self):
        doc = html_report(*common.TARGETS)
        text = re.sub(r"\s+", " ", "".join(common.parse_html(doc).text))
        self.assertIn("3 of 11 targets met", text)
        self.assertIn("3 amber", text)
        self.assertIn("4 not met", text)
        self.assertIn("1 no data", text)

    def test_print_and_phone_rules(self):
        doc = html_report()
        self.assertIn("@media print", doc)
        self.assertIn("size:A4", doc)
        self.assertIn('name="viewport"', doc)
        self.assertIn("@media (max-width:", doc)


class SameFigures(unittest.TestCase):
    def test_rag_table_matches_json(self):
        _, doc = present_indicators(*common.TARGETS)
        page = common.parse_html(html_report(*common.TARGETS))
        rows = {r[0]: r for r in page.rows if len(r) >= 5}
        words = {"met": "Met", "not_met": "Not met", "amber": "Amber",
                 "no_data": "No data", None: "No target"}
        for ind in doc["indicators"]:
            row = rows[ind["label"]]
            if ind["value"] is None:
                self.assertEqual(row[1], "no data", ind["id"])
            elif ind["unit"] == "percent":
                self.assertEqual(row[1], f"{ind['value']:.1f}%", ind["id"])
                self.assertEqual(row[2], "%s of %s" % (
                    format(ind["numerator"], "g"),
                    format(ind["denominator"], "g")), ind["id"])
            elif ind["unit"] in ("rate_per_10k", "average"):
                self.assertEqual(row[1], f"{ind['value']:.1f}", ind["id"])
                self.assertEqual(row[2], "%s / %s" % (
                    format(ind["numerator"], ",g"),
                    format(ind["denominator"], ",g")), ind["id"])
            else:
                self.assertEqual(row[1], f"{ind['value']:,.0f}", ind["id"])
            self.assertEqual(row[-1], words[ind.get("status")], ind["id"])

    def test_month_desc_matches_json(self):
        _, doc = present_indicators("--monthly")
        page = common.parse_html(html_report("--monthly"))
        descs = {s["title"]: s["desc"] for s in page.svgs}
        ia = next(i for i in doc["indicators"] if i["id"] == "ia_timeliness")
        desc = descs[ia["label"] + ", by month"]
        for m in ia["by_month"]:
            if m["value"] is not None:
                self.assertIn(f"{m['value']:.1f}%", desc)

    def test_team_chart_worst_first(self):
        page = common.parse_html(html_report(*common.TARGETS, "--by",
                                             "team"))
        descs = {s["title"]: s["desc"] for s in page.svgs}
        # ia_timeliness >= 70: North 50, South 50 (tie: name order), East 100
        d = descs["Initial assessments completed within timescale, by team, "
                  "worst first"]
        self.assertLess(d.index("North"), d.index("South"))
        self.assertLess(d.index("South"), d.index("East"))
        # ca_timeliness >= 80: South 0% worst, North 100%, East no data last
        d = descs["Core assessments completed within timescale, by team, "
                  "worst first"]
        self.assertLess(d.index("South"), d.index("North"))
        self.assertLess(d.index("North"), d.index("East: no data"))


class FrontDoor(unittest.TestCase):
    """Rates per 10,000 and averages: one decimal, no % sign, "n / d";
    notes under the table; charts on their own axis."""

    def page(self, *args):
        return html_report(*common.FRONT_DOOR_ARGS, *args,
                           cwd=common.FRONT_DOOR,
                           extracts=common.FRONT_DOOR_EXTRACTS)

    def test_units_and_notes(self):
        doc = self.page("--monthly", "--by", "team")
        p = common.parse_html(doc)
        self.assertEqual(p.errors, [])
        rows = {r[0]: r for r in p.rows if len(r) >= 5}
        rate = rows["Initial assessments per 10,000 children"]
        self.assertEqual(rate[1:3], ["6.0", "3 / 5,000"])
        mean = rows["Average caseload per allocated worker"]
        self.assertEqual(mean[1:3], ["2.5", "5 / 2"])
        self.assertEqual(rows["Largest caseload of one worker"][1], "3")
        self.assertIn("at least 3", rate[3])
        self.assertNotIn("%", rate[3])
        self.assertIn("Number of Referrals in Last 12 Months", doc)
        self.assertIn("Per 10,000", doc)
        self.assertIn(">Average<", doc)


class Hostile(unittest.TestCase):
    """Team names from a case system can hold markup; the page must show
    them as text."""

    def page(self, *args):
        return html_report("--by", "team", "--monthly", "--thresholds",
                           "thresholds.csv", *args, cwd=common.HOSTILE,
                           extracts=["assessments.csv"])

    def test_well_formed_and_escaped(self):
        doc = self.page()
        p = common.parse_html(doc)
        self.assertEqual(p.errors, [])
        low = doc.lower()
        self.assertNotIn("<script", low)
        self.assertNotIn("<svg onload", low)
        self.assertNotIn("<b>src", low)
        self.assertNotIn("<i>label", low)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", doc)
        self.assertIn("&lt;/svg&gt;&lt;svg onload=alert(2)&gt;", doc)
        self.assertIn("&quot;&amp;&#39;", doc)
        text = "".join(p.text)
        for team in ("<script>alert(1)</script>", "</svg><svg onload="
                     "alert(2)>", "\"&'", "=cmd|' /C calc'!A0",
                     "Ünïcödé team ✓"):
            self.assertIn(team, text)
        # One chart per indicator with data, whatever the names hold.
        self.assertEqual(len(p.svgs), 2 * 10)  # with ia_per_10k

    def test_reasons_hide_values(self):
        """Grouped rejection reasons replace quoted values by '...'."""
        doc = html_report(cwd=common.DATA)
        self.assertIn("start_date &#39;...&#39; is not a valid date", doc)
        self.assertNotIn("2021-02-30", doc)


if __name__ == "__main__":
    common.main()
