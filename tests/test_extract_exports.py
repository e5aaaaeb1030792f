"""PubMed exports split into abstracts, field by field, as the MEDLINE text format and PubMed XML define them
(NLM, "MEDLINE/PubMed Data Element (Field) Descriptions": a tag padded to four characters and "- ", continuation
lines indented by six spaces, a record starting at PMID; PubMed XML: PubmedArticle, MedlineCitation/PMID,
ArticleTitle, AbstractText with an optional Label). Each expected text is written by hand from the export."""

from __future__ import annotations

from analysis.extract import text_audit


def texts(tmp_path, name: str, content: str) -> list[tuple[str, str]]:
    """(study, text) of every abstract ``content`` holds as a file ``name``, or the problems if any."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert text_audit.prepare([str(path)], tmp_path / "out")[1] == []
    return [(study, text) for _, study, text in text_audit.sources(str(path))]


def problems(tmp_path, name: str, content: str) -> list[str]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return text_audit.prepare([str(path)], tmp_path / "out")[1]


def test_medline_fields_continue_on_indented_lines_and_other_fields_are_left_out(tmp_path):
    export = ("PMID- 101\n"
              "OWN - NLM\n"
              "TI  - A small trial - drug A\n"
              "      of two arms.\n"
              "AB  - Relapses: 9 of\n"
              "      14.\n"
              "FAU - Someone, A\n"
              "\n"
              "PMID- 102\n"
              "AB  - Only an abstract.\n")
    assert texts(tmp_path, "export.txt", export) == [
        ("pmid_101", "A small trial - drug A of two arms.\n\nRelapses: 9 of 14."), ("pmid_102", "Only an abstract.")]


def test_a_medline_export_is_known_by_its_first_field_after_a_byte_order_mark_and_blank_lines(tmp_path):
    assert texts(tmp_path, "notes.txt", "\ufeff\n\nPMID- 7\nTI  - Seven.\n") == [("pmid_7", "Seven.")]
    # "PMID-" later in a text does not make it an export
    assert texts(tmp_path, "plain.txt", "See PMID- 7\nTI  - Seven.\n") == [("plain", "See PMID- 7\nTI  - Seven.\n")]


def test_lines_before_the_first_record_are_not_part_of_any_abstract(tmp_path):
    export = "PMID- 5\nTI  - Five.\n"
    path = tmp_path / "export.txt"
    path.write_text(export, encoding="utf-8")
    # the same record behind a preamble is no longer an export: the file is one plain text
    assert texts(tmp_path, "preamble.txt", "Saved from PubMed\n" + export)[0][0] == "preamble"


def test_pubmed_xml_titles_and_labels_are_optional(tmp_path):
    export = ("<PubmedArticleSet>"
              "<PubmedArticle><MedlineCitation><PMID>11</PMID><Article>"
              "<Abstract><AbstractText>No label here.</AbstractText>"
              "<AbstractText Label=\"RESULTS\">A <b>bold</b> word.</AbstractText></Abstract>"
              "</Article></MedlineCitation></PubmedArticle>"
              "<PubmedArticle><MedlineCitation><PMID> 12 </PMID><Article><ArticleTitle>Only a title.</ArticleTitle>"
              "</Article></MedlineCitation></PubmedArticle>"
              "</PubmedArticleSet>")
    assert texts(tmp_path, "export.xml", export) == [("pmid_11", "No label here.\n\nRESULTS: A bold word."),
                                                     ("pmid_12", "Only a title.")]


def test_a_pubmed_xml_record_without_a_numeric_pmid_is_named_by_its_place(tmp_path):
    export = ("<PubmedArticleSet>"
              "<PubmedArticle><MedlineCitation><PMID>11</PMID></MedlineCitation></PubmedArticle>"
              "<PubmedArticle><MedlineCitation><PMID>x12</PMID></MedlineCitation></PubmedArticle>"
              "</PubmedArticleSet>")
    path = tmp_path / "export.xml"
    assert problems(tmp_path, "export.xml", export) == [
        f"{path}: a PubmedArticle without a numeric PMID (record 2)"]
    no_pmid = "<PubmedArticleSet><PubmedArticle><MedlineCitation/></PubmedArticle></PubmedArticleSet>"
    assert problems(tmp_path, "export.xml", no_pmid) == [f"{path}: a PubmedArticle without a numeric PMID (record 1)"]


def test_xml_that_does_not_parse_is_one_line_naming_the_place(tmp_path):
    path = tmp_path / "broken.xml"
    assert problems(tmp_path, "broken.xml", "<PubmedArticleSet><PubmedArticle>") == [
        f"{path}: not PubMed XML (no element found: line 1, column 33)"]
