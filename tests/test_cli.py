"""The `python -m kb` contract of DESIGN.md, run as a person would run it."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import ROOT


def run_kb(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True, text=True, cwd=ROOT)


def test_validate_passes_and_reports_counts():
    """`validate` exits 0 on the shipped knowledge base and says what it checked."""
    result = run_kb("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: ") and "nodes" in result.stdout


def test_validate_fails_with_a_message_that_says_what_to_fix(tmp_path, monkeypatch):
    """A broken edge makes `validate` exit non-zero and name the edge and the missing node."""
    from kb import cli, loader

    for filename, _ in loader.DATA_FILES.values():
        (tmp_path / filename).write_text((loader.DATA_DIR / filename).read_text())
    edges = json.loads((tmp_path / "edges.json").read_text())
    edges[0]["target"] = "no_such_node"
    (tmp_path / "edges.json").write_text(json.dumps(edges))
    monkeypatch.setattr(loader, "DATA_DIR", tmp_path)
    assert cli.main(["validate"]) == 1


def test_export_json_has_the_documented_shape():
    """`export --format json` writes nodes, edges, variants, genes and references with their fields."""
    result = run_kb("export", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    node = data["nodes"][0]
    for field in (
        "id",
        "label",
        "kind",
        "genes",
        "compartment",
        "explanations",
        "causes",
        "consequences",
        "references",
    ):
        assert field in node
    assert set(node["explanations"]) == {"student", "clinician", "patient"}
    edge = data["edges"][0]
    for field in ("source", "target", "sign", "mechanism", "references"):
        assert field in edge
    assert {edge["sign"] for edge in data["edges"]} == {"activates", "inhibits"}
    variant = data["variants"][0]
    for field in ("id", "gene", "rsid", "hgvs", "significance", "grch37", "grch38", "implications"):
        assert field in variant
    assert set(variant["grch38"]) == {"chrom", "pos", "ref", "alt"}
    gene = data["genes"][0]
    assert set(gene["grch37"]) == {"chrom", "start", "end"}
    reference = data["references"][0]
    assert "citation" in reference and ("pmid" in reference or "doi" in reference)
    assert len(data["nodes"]) >= 45 and len(data["edges"]) >= 60


def test_export_graphml_is_a_signed_directed_graph():
    """GraphML export parses and carries every node and edge with its sign."""
    import networkx as nx

    result = run_kb("export", "--format", "graphml")
    assert result.returncode == 0
    ET.fromstring(result.stdout)
    graph = nx.parse_graphml(result.stdout)
    assert graph.is_directed()
    assert graph.has_edge("insulin", "INSR")
    assert {data["sign"] for _, _, data in graph.edges(data=True)} == {"activates", "inhibits"}


def test_export_cytoscape_is_cytoscape_js_elements():
    """Cytoscape export is elements JSON: nodes with data.id and positions, edges with source/target."""
    result = run_kb("export", "--format", "cytoscape")
    data = json.loads(result.stdout)
    nodes, edges = data["elements"]["nodes"], data["elements"]["edges"]
    ids = {node["data"]["id"] for node in nodes}
    assert "AKT2" in ids and all("position" in node for node in nodes)
    assert all(edge["data"]["source"] in ids and edge["data"]["target"] in ids for edge in edges)


def test_simulate_json_has_a_direction_for_every_node():
    """`simulate` maps every node id to up, down, unchanged or ambiguous."""
    result = run_kb("simulate", "--perturb", "INSR=loss")
    assert result.returncode == 0, result.stderr
    effects = json.loads(result.stdout)["effects"]
    assert len(effects) >= 45
    assert set(effects.values()) <= {"up", "down", "unchanged", "ambiguous"}
    assert effects["INSR"] == "down" and effects["glucose_uptake"] == "down"


@pytest.mark.parametrize(
    "args",
    [
        ("simulate", "--perturb", "NOTANODE=loss"),
        ("simulate", "--perturb", "INSR=broken"),
        ("simulate", "--perturb", "INSR"),
        ("export", "--format", "pdf"),
        ("nonsense",),
    ],
)
def test_bad_input_exits_2_with_one_line(args):
    """Bad input gets exit code 2 and one line on stderr, never a traceback."""
    result = run_kb(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_annotate_json_has_the_documented_fields():
    """`annotate` JSON: build, sample, records_read, warnings, and findings with the contract's fields."""
    result = run_kb("annotate", "tests/data/variants/hg38_chr_windows.vcf", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for key in ("build", "sample", "records_read", "warnings", "findings"):
        assert key in report
    assert report["build"] == "GRCh38" and report["sample"] == "NA12878"
    finding = report["findings"][0]
    for key in ("gene", "node", "chrom", "pos", "ref", "alt", "rsid", "genotype", "zygosity", "filter",
                "known_variant", "significance"):  # fmt: skip
        assert key in finding
    assert all(not f["chrom"].startswith("chr") for f in report["findings"])
    uncurated = [f for f in report["findings"] if f["known_variant"] is None]
    assert uncurated and all(f["significance"] == "uncertain" for f in uncurated)


def test_annotate_options_and_tsv():
    """--sample, --build, --include-filtered and --format tsv work together."""
    result = run_kb(
        "annotate", "tests/data/variants/multi_sample_b37.vcf", "--sample", "child", "--build", "GRCh37",
        "--include-filtered", "--format", "tsv",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.strip().splitlines()]
    assert rows[0][:3] == ["gene", "node", "chrom"]
    assert any("LowQual" in row for row in rows[1:])


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x89PNG\r\n\x1a\n" + bytes(100),
        b"<html><body>not a vcf</body></html>",
        b"\x1f\x8b\x08\x00garbage",
    ],
    ids=["empty", "png", "html", "broken-gzip"],
)
def test_annotate_bad_file_exits_2_with_one_line(tmp_path, content):
    """A bad file gets exit code 2 and one clear line on stderr."""
    path = tmp_path / "input.vcf"
    path.write_bytes(content)
    result = run_kb("annotate", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_annotate_missing_file_exits_2():
    """A path that does not exist is a clear error."""
    result = run_kb("annotate", "no/such/file.vcf")
    assert result.returncode == 2 and "no such file" in result.stderr


def test_uncurated_variant_carries_no_care_grade():
    """A variant absent from the knowledge base is 'uncertain' with care grade 'no_evidence' in the JSON."""
    result = run_kb("annotate", "tests/data/variants/hg38_chr_windows.vcf", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    uncurated = [f for f in findings if f["known_variant"] is None]
    assert uncurated and {(f["significance"], f["care_grade"]) for f in uncurated} == {
        ("uncertain", "no_evidence")
    }
    curated = {f["known_variant"]: f["care_grade"] for f in findings if f["known_variant"]}
    assert curated["PPARG_P12A"] == "guideline"


def test_annotate_messages_name_the_cli_options():
    """The CLI's warnings point to --sample and --include-filtered, not to the app's controls."""
    result = run_kb("annotate", "tests/data/variants/multi_sample_b37.vcf", "--sample", "child")
    warnings = json.loads(result.stdout)["warnings"]
    assert any("--include-filtered" in warning for warning in warnings)
    several = json.loads(run_kb("annotate", "tests/data/variants/multi_sample_b37.vcf").stdout)["warnings"]
    assert any("--sample" in warning for warning in several)
    assert not any("Choose another to change" in warning or "include them" in warning for warning in several)


def test_annotate_json_carries_the_build_account(tmp_path):
    """The JSON says how the build was decided: build_source from the closed set, build_decided, and what
    each signal said; an undecided build is said plainly and names --build."""
    from kb.variants.build import BUILD_SOURCES

    decided = json.loads(run_kb("annotate", "tests/data/variants/hg19_chr.vcf.gz").stdout)
    assert (decided["build"], decided["build_source"], decided["build_decided"]) == (
        "GRCh37",
        "contig_lengths",
        True,
    )
    assert decided["build_source"] in BUILD_SOURCES and len(decided["build_evidence"]) == 4
    plain = tmp_path / "plain.vcf"
    plain.write_text(
        "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n5\t1000\t.\tA\tG\t5\tPASS\t.\n"
    )
    undecided = json.loads(run_kb("annotate", str(plain)).stdout)
    assert (undecided["build_source"], undecided["build_decided"]) == ("assumed", False)
    assert any("--build" in warning for warning in undecided["warnings"])


def test_annotate_an_ncbi36_file_exits_2_naming_the_build(tmp_path):
    """An NCBI36 file gets exit 2 and one line that names NCBI36 and --build."""
    old = tmp_path / "old.vcf"
    old.write_text(
        "##fileformat=VCFv4.0\n##reference=NCBI36\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
    )
    result = run_kb("annotate", str(old))
    assert result.returncode == 2 and "NCBI36" in result.stderr and "--build" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
