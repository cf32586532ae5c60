"""Which genome build a person's file is on: one resolver for every kind of input, that weighs every signal
the file gives and says which one decided.

Signals, strongest first:

- `contig_lengths`: the lengths of the `##contig` lines (every chromosome but MT differs between builds);
- `header`: a build named in the header (`##reference=…hs37d5…`, `assembly=b37`, `##new_reference_genome=…`,
  a consumer file's "build 37" line);
- `chromosome_ends`: positions past one build's chromosome ends, over the whole file;
- `known_markers`: records at the GRCh37 or the GRCh38 position of a known marker (the curated variants and
  kb/data/build_markers.json), by position and alleles or by rsID.

The report's `build_source` is one of BUILD_SOURCES: the signal that decided, `chosen` when the person chose,
`assumed` when no signal decided and `conflicting` when signals disagree; `build_decided` is False for the last
two, and `build_evidence` lists what each signal said. A guess is never presented as detected.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, get_args

from kb.errors import InputError
from kb.genome import BUILDS, CHROMOSOME_LENGTHS, Build, normalise_chromosome
from kb.loader import raw_data
from kb.variants.options import CLI_OPTIONS, OptionNames

__all__ = [
    "BUILD_SOURCES",
    "SHORTER_END",
    "BUILD_SOURCE_LABELS",
    "BuildChoice",
    "BuildEvidence",
    "BuildResolution",
    "BuildSource",
    "choose_build",
    "header_build",
    "known_markers",
    "refuse_unreadable_build",
    "resolve_build",
]

BuildChoice = Literal["auto", "GRCh37", "GRCh38"]
BuildSource = Literal[
    "chosen", "contig_lengths", "header", "chromosome_ends", "known_markers", "assumed", "conflicting"
]
BUILD_SOURCES: tuple[str, ...] = get_args(BuildSource)
BUILD_SOURCE_LABELS: dict[str, str] = {
    "chosen": "chosen",
    "contig_lengths": "detected from the header's contig lengths",
    "header": "detected from the build the header names",
    "chromosome_ends": "detected: positions lie past the other build's chromosome ends",
    "known_markers": "detected from known markers' positions",
    "assumed": "not detected, assumed",
    "conflicting": "not detected: the file's signals disagree",
}
# Builds this project cannot read, named so that a file on one of them is refused clearly.
Unreadable = Literal["NCBI36", "T2T-CHM13"]
Verdict = Build | Unreadable | None

# NCBI36 (hg18) chromosome sizes, from UCSC's hg18 chromInfo table (as listed in PGEToolbox's chrlen_hg18.m).
NCBI36_LENGTHS = {
    "1": 247249719, "2": 242951149, "3": 199501827, "4": 191273063, "5": 180857866, "6": 170899992,
    "7": 158821424, "8": 146274826, "9": 140273252, "10": 135374737, "11": 134452384, "12": 132349534,
    "13": 114142980, "14": 106368585, "15": 100338915, "16": 88827254, "17": 78774742, "18": 76117153,
    "19": 63811651, "20": 62435964, "21": 46944323, "22": 49691432, "X": 154913754, "Y": 57772954,
}  # fmt: skip

# Header lines that name the reference, and the words that name a build in them. A lifted-over file's
# target build (new_reference_genome, targetRefGenome) outranks the reference it was called on.
_TARGET_KEYS = ("##new_reference_genome=", "##targetrefgenome=", "##liftover_target=")
_REFERENCE_KEYS = ("##reference=", "##assembly=", "##genome_build=", "##genome=", "##build=")
_BUILD_WORDS: tuple[tuple[Build | Unreadable, re.Pattern[str]], ...] = (
    ("T2T-CHM13", re.compile(r"chm13|t2t|\bhs1\b")),
    ("NCBI36", re.compile(r"ncbi ?36|hg18|\bb36\b|human_b36|hs36|build ?36|grch36")),
    ("GRCh38", re.compile(r"grch38|hg38|hs38|\bb38\b|build ?38|gca_000001405\.15|gca_000001405\.2[0-9]")),
    ("GRCh37", re.compile(r"grch37|hg19|hs37|\bb37\b|human_g1k_v37|build ?37|gca_000001405\.1\b")),
)


# Per chromosome, the shorter of its two builds' lengths: a position past it rules out one build.
SHORTER_END: dict[str, int] = {
    chrom: min(CHROMOSOME_LENGTHS[build][chrom] for build in BUILDS) for chrom in CHROMOSOME_LENGTHS["GRCh37"]
}


def choose_build(build: BuildChoice | str) -> Build | None:
    """The build asked for, or None for 'auto'; anything else is refused."""
    if build == "auto":
        return None
    if build not in BUILDS:
        raise InputError(f"build {build!r}: choose auto, GRCh37 or GRCh38")
    return build


def named_build(text: str) -> Build | Unreadable | None:
    """The build a piece of header text names, if it names exactly one."""
    lowered = text.lower()
    named = {build for build, words in _BUILD_WORDS if words.search(lowered)}
    return named.pop() if len(named) == 1 else None


@dataclass(frozen=True)
class Marker:
    """A known marker: its rsID and its (CHROM, POS, REF, ALT) on each build."""

    rsid: str | None
    grch37: tuple[str, int, str, str]
    grch38: tuple[str, int, str, str]


@dataclass(frozen=True)
class MarkerIndex:
    """Known markers by position on each build and by rsID."""

    at: dict[tuple[str, int], list[tuple[Build, Marker]]]
    by_rsid: dict[str, Marker]


@functools.cache
def known_markers() -> MarkerIndex:
    """The curated variants and the build markers of kb/data/build_markers.json, indexed once per process."""
    markers = []
    for entry in raw_data("variants.json") + raw_data("build_markers.json"):
        positions = [
            (entry[key]["chrom"], entry[key]["pos"], entry[key]["ref"], entry[key]["alt"])
            for key in ("grch37", "grch38")
        ]
        # A marker at the same place on both builds says nothing about the build.
        if positions[0][:2] != positions[1][:2]:
            markers.append(Marker(entry.get("rsid"), positions[0], positions[1]))
    at: dict[tuple[str, int], list[tuple[Build, Marker]]] = {}
    for marker in markers:
        at.setdefault(marker.grch37[:2], []).append(("GRCh37", marker))
        at.setdefault(marker.grch38[:2], []).append(("GRCh38", marker))
    return MarkerIndex(at=at, by_rsid={marker.rsid: marker for marker in markers if marker.rsid})


@dataclass
class BuildEvidence:
    """What one file shows about its build, gathered from its header and from every record read."""

    contigs: dict[str, int] = field(default_factory=dict)
    header_lines: list[str] = field(default_factory=list)
    # Per build: how many positions lie past its chromosome ends, and the first one seen.
    beyond: Counter[str] = field(default_factory=Counter)
    beyond_example: dict[str, str] = field(default_factory=dict)
    # Per build: how many known markers were seen at their position on it, and which.
    markers: Counter[str] = field(default_factory=Counter)
    marker_examples: dict[str, list[str]] = field(default_factory=dict)
    positions_checked: str = "every record"
    # Where known markers were looked for.
    marker_scope: str = "both builds' gene regions"
    # Free-text comment lines (a consumer file's '#' header), read when no '##' line names a build.
    notes: list[str] = field(default_factory=list)

    def see_position(self, chrom: str, pos: int, where: str, refuse: bool = True) -> bool:
        """Note a position past either build's end. One past both (no human GRCh37/38 file has one) is
        refused, or with `refuse` False (a raw-data row, independent of the others) answered False."""
        lengths37 = CHROMOSOME_LENGTHS["GRCh37"].get(chrom)
        if lengths37 is None:
            return True
        past = [build for build in BUILDS if pos > CHROMOSOME_LENGTHS[build][chrom]]
        if len(past) == 2:
            if not refuse:
                return False
            raise InputError(
                f"{where}: POS {pos} lies beyond the end of chromosome {chrom} on both GRCh37 and GRCh38; "
                "the file is not on either build"
            )
        if past:
            build = past[0]
            self.beyond[build] += 1
            self.beyond_example.setdefault(build, f"{chrom}:{pos}")
        return True

    def see_marker(self, chrom: str, pos: int, rsid: str | None, ref: str | None, alts: list[str]) -> None:
        """Note a record at a known marker's position on one build (alleles must agree), or its rsID there."""
        index = known_markers()
        for build, marker in index.at.get((chrom, pos), ()):
            place = marker.grch37 if build == "GRCh37" else marker.grch38
            same_alleles = ref is not None and ref == place[2] and (not alts or place[3] in alts)
            if same_alleles or (rsid is not None and rsid == marker.rsid):
                self.markers[build] += 1
                examples = self.marker_examples.setdefault(build, [])
                if len(examples) < 3:
                    examples.append(marker.rsid or f"{chrom}:{pos}")

    def see_rsid(self, rsid: str, chrom: str, pos: int) -> None:
        """Note a row whose rsID is a known marker's, by which build its position is on (consumer files)."""
        marker = known_markers().by_rsid.get(rsid)
        if marker is None:
            return
        for build, place in (("GRCh37", marker.grch37), ("GRCh38", marker.grch38)):
            if place[:2] == (chrom, pos):
                self.markers[build] += 1
                examples = self.marker_examples.setdefault(build, [])
                if len(examples) < 3:
                    examples.append(rsid)

    # Each signal's verdict and what it said.

    def contig_verdict(self) -> tuple[Verdict, str]:
        named = {chrom: length for chrom, length in self.contigs.items() if chrom in NCBI36_LENGTHS}
        if not named:
            return None, "contig lengths: the header gives none for chromosomes 1-22, X, Y"
        tables: dict[str, dict[str, int]] = {"GRCh37": CHROMOSOME_LENGTHS["GRCh37"]}
        tables |= {"GRCh38": CHROMOSOME_LENGTHS["GRCh38"], "NCBI36": NCBI36_LENGTHS}
        for build, lengths in tables.items():
            if all(lengths.get(chrom) == length for chrom, length in named.items()):
                return build, f"contig lengths: {len(named)} chromosome(s) have their {build} lengths"  # type: ignore[return-value]
        chrom, length = next(iter(named.items()))
        return None, f"contig lengths: match no build this app knows (chromosome {chrom} is {length:,} long)"

    def header_verdict(self) -> tuple[Verdict, str]:
        assembly = [
            f"assembly={found.group(1)}"
            for line in self.header_lines
            if line.startswith("##contig=")
            for found in [re.search(r"[<,]assembly=\"?([^,>\"]+)", line)]
            if found
        ]
        tiers = (
            [line for line in self.header_lines if line.lower().startswith(_TARGET_KEYS)],
            [line for line in self.header_lines if line.lower().startswith(_REFERENCE_KEYS)]
            + list(dict.fromkeys(assembly)),
            # The reference a tool was run with, as its command line in the header records it.
            [
                ref
                for line in self.header_lines
                if not line.startswith("##contig=")
                for ref in _tool_references(line)
            ],
            self.notes,
        )
        for lines in tiers:
            named = {named_build(line) for line in lines} - {None}
            if len(named) == 1:
                build = named.pop()
                line = next(line for line in lines if named_build(line) == build)
                return build, f"header: {_shorten(line.lstrip('# '))} names {build}"
            if len(named) > 1:
                return None, f"header: its lines name different builds ({', '.join(sorted(map(str, named)))})"
        return None, "header: names no build"

    def ends_verdict(self) -> tuple[Verdict, str]:
        scope = f"over {self.positions_checked}"
        counts = {build: self.beyond[build] for build in BUILDS}
        if not any(counts.values()):
            return None, f"chromosome ends: every position fits both builds ({scope})"
        if all(counts.values()):
            return None, (
                f"chromosome ends: {counts['GRCh37']} position(s) lie past GRCh37's ends and "
                f"{counts['GRCh38']} past GRCh38's ({scope})"
            )
        past = next(build for build in BUILDS if counts[build])
        other: Build = "GRCh38" if past == "GRCh37" else "GRCh37"
        return other, (
            f"chromosome ends: {counts[past]} position(s) lie past {past}'s chromosome ends "
            f"(e.g. {self.beyond_example[past]}), none past {other}'s ({scope})"
        )

    def marker_verdict(self) -> tuple[Verdict, str]:
        votes = {build: self.markers[build] for build in BUILDS}
        if not any(votes.values()):
            return (
                None,
                f"known markers: none found at either build's position (looked for in {self.marker_scope})",
            )
        said = ", ".join(
            f"{votes[build]} at their {build} position"
            + (f" ({', '.join(self.marker_examples[build])})" if votes[build] else "")
            for build in BUILDS
        )
        winner = max(BUILDS, key=lambda build: votes[build])
        loser: Build = "GRCh38" if winner == "GRCh37" else "GRCh37"
        # One stray coincidence must not outvote many agreeing markers, nor decide against as many.
        if votes[winner] >= 4 * votes[loser] and votes[winner] > votes[loser]:
            return winner, f"known markers: {said}"
        return None, f"known markers: {said}; too mixed to decide"


_TOOL_LINE = re.compile(r"^##[^=]*(commandline|options|cmd|vep)", re.I)
_TOOL_REFERENCE = re.compile(
    r"(?:reference_sequence|reffile|reference|--ref|\s-R)['\"]?\s*[:=\s]\s*['\"]?([^\s,'\"}\]>]+)", re.I
)


def _tool_references(line: str) -> list[str]:
    """The reference a tool's recorded command line names (GATK reference_sequence=, Platypus refFile, -R), or
    the whole line for annotators that name their database by build (SnpEff GRCh37.75, VEP assembly=)."""
    if not _TOOL_LINE.match(line):
        return []
    if re.match(r"^##(snpeffcmd|vep)", line, re.I):
        return [line]
    return [f"{line.split('=', 1)[0][2:]} reference {found}" for found in _TOOL_REFERENCE.findall(line)]


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class BuildResolution:
    """The build a file is read on, the signal that decided (or why none did), and what every signal said."""

    build: Build
    source: BuildSource
    decided: bool
    evidence: list[str]
    warnings: list[str]


_SIGNALS: tuple[tuple[BuildSource, str], ...] = (
    ("contig_lengths", "contig_verdict"),
    ("header", "header_verdict"),
    ("chromosome_ends", "ends_verdict"),
    ("known_markers", "marker_verdict"),
)


def resolve_build(
    evidence: BuildEvidence,
    chosen: Build | None,
    name: str,
    default: Build = "GRCh38",
    options: OptionNames = CLI_OPTIONS,
) -> BuildResolution:
    """The build to read on: the one chosen, else the one every deciding signal agrees on, else `default`
    marked as undecided. A file on NCBI36 or T2T-CHM13 is refused unless a build was chosen."""
    said: list[tuple[BuildSource, Verdict, str]] = []
    for source, method in _SIGNALS:
        verdict, text = getattr(evidence, method)()
        said.append((source, verdict, text))
    texts = [text for _, _, text in said]
    unreadable = [(source, verdict) for source, verdict, _ in said if verdict in ("NCBI36", "T2T-CHM13")]
    verdicts = {verdict for _, verdict, _ in said if verdict in BUILDS}
    if chosen is not None:
        warnings = [
            f"The file looks like {verdict} ({text}), but {chosen} was chosen with {options.build}; "
            f"positions are read as {chosen}."
            for _, verdict, text in said
            if verdict is not None and verdict != chosen
        ][:1]
        return BuildResolution(
            chosen, "chosen", True, [f"chosen with {options.build}: {chosen}", *texts], warnings
        )
    if unreadable:
        source, verdict = unreadable[0]
        text = next(text for s, _, text in said if s == source)
        raise _unreadable(name, str(verdict), text, options)
    if len(verdicts) == 1:
        build = verdicts.pop()
        source = next(source for source, verdict, _ in said if verdict == build)
        return BuildResolution(build, source, True, texts, [])
    if len(verdicts) > 1:
        first_source, first, _ = next(item for item in said if item[1] in BUILDS)
        build = first  # type: ignore[assignment]
        disagreeing = "; ".join(text for _, verdict, text in said if verdict in BUILDS)
        return BuildResolution(
            build,
            "conflicting",
            False,
            texts,
            [
                f"{name}: the file's build signals disagree ({disagreeing}). It is read as {build}, the "
                f"strongest signal's, but that is not certain: choose GRCh37 or GRCh38 with {options.build}."
            ],
        )
    return BuildResolution(
        default,
        "assumed",
        False,
        texts,
        [
            f"{name} does not show its genome build (no contig lengths, build name, position past a chromosome "
            f"end or known marker decides); {default} is assumed. Choose GRCh37 or GRCh38 with {options.build} if "
            "that is wrong."
        ],
    )


def header_build(evidence: BuildEvidence) -> Build | None:
    """The build the header alone decides (contig lengths or a build it names, not contradicting each
    other), before any record is read; None when it decides none."""
    said = {verdict for verdict, _ in (evidence.contig_verdict(), evidence.header_verdict())} - {None}
    return said.pop() if len(said) == 1 and said <= set(BUILDS) else None  # type: ignore[return-value]


def refuse_unreadable_build(
    evidence: BuildEvidence, chosen: Build | None, name: str, options: OptionNames = CLI_OPTIONS
) -> None:
    """Refuse at once a file whose header shows NCBI36 or T2T-CHM13, unless a build was chosen: its
    positions need not fit GRCh37/38's chromosomes, and the build is the message that helps."""
    if chosen is not None:
        return
    for verdict, text in (evidence.contig_verdict(), evidence.header_verdict()):
        if verdict in ("NCBI36", "T2T-CHM13"):
            raise _unreadable(name, verdict, text, options)


def _unreadable(name: str, verdict: str, text: str, options: OptionNames) -> InputError:
    return InputError(
        f"{name}: the file is on {verdict} ({text}); only GRCh37 and GRCh38 can be read. "
        f"Lift it over to GRCh38 first, or choose a build with {options.build} if the header is wrong"
    )


def evidence_from_header_lines(lines: list[str]) -> BuildEvidence:
    """Evidence from a VCF's '##' lines: contig lengths and the lines that may name a build."""
    evidence = BuildEvidence()
    for line in lines:
        if line.startswith("##contig=<"):
            contig_id = re.search(r"[<,]ID=([^,>]+)", line)
            length = re.search(r"[<,]length=(\d+)", line)
            if contig_id and length:
                evidence.contigs[normalise_chromosome(contig_id.group(1))] = int(length.group(1))
            if "assembly=" in line:
                evidence.header_lines.append(line)
        elif line.lower().startswith(_TARGET_KEYS + _REFERENCE_KEYS) or _TOOL_LINE.match(line):
            evidence.header_lines.append(line)
    return evidence
