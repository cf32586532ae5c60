"""The command line: `python -m kb validate | export | simulate | annotate | dynamics`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from kb.errors import KnowledgeBaseError, ProjectError

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise SystemExit(_fail(f"{self.prog}: {message}"))


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _validate(_: argparse.Namespace) -> int:
    from kb.loader import DATA_DIR, read_knowledge_base
    from kb.validate import problems

    try:
        kb = read_knowledge_base(DATA_DIR)
    except KnowledgeBaseError as error:
        print(f"knowledge base does not match its schema:\n{error}", file=sys.stderr)
        return 1
    found = problems(kb)
    if found:
        print(f"knowledge base has {len(found)} problem(s):", file=sys.stderr)
        for line in found:
            print(f"  - {line}", file=sys.stderr)
        return 1
    print(
        f"ok: {len(kb.nodes)} nodes, {len(kb.edges)} edges, {len(kb.variants)} variants, "
        f"{len(kb.genes)} genes, {len(kb.references)} references"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from kb.export import export
    from kb.loader import load_knowledge_base

    sys.stdout.write(export(load_knowledge_base(), args.format))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from kb.schema import json_schema, records_source

    if args.records:
        sys.stdout.write(records_source())
        return 0
    sys.stdout.write(json.dumps(json_schema(), indent=2, sort_keys=True) + "\n")
    return 0


def _simulate(args: argparse.Namespace) -> int:
    from kb.simulate import parse_perturbation, simulate

    perturbations = dict(parse_perturbation(text) for text in args.perturb)
    result = simulate(perturbations)
    if args.format == "json":
        document = {
            "perturbations": result.perturbations,
            "effects": result.effects,
            "paths": result.paths,
            "feedback": [{"source": source, "target": target} for source, target in result.feedback],
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        sys.stdout.write("node\tdirection\tpath\n")
        for node, direction in sorted(result.effects.items()):
            explaining = result.paths.get(node, {})
            path = " | ".join(" > ".join(steps) for steps in explaining.values())
            sys.stdout.write(f"{node}\t{direction}\t{path}\n")
    return 0


def _annotate(args: argparse.Namespace) -> int:
    from kb.variants.annotate import annotate_path
    from kb.variants.report import findings_tsv, report_json

    report = annotate_path(
        args.file,
        build=args.build,
        sample=args.sample,
        include_filtered=args.include_filtered,
    )
    sys.stdout.write(report_json(report) if args.format == "json" else findings_tsv(report))
    return 0


def _dynamics(args: argparse.Namespace) -> int:
    from kb.dynamics.perturb import parse_scale
    from kb.dynamics.quiet import solver_output_silenced
    from kb.dynamics.report import document_tsv, dynamics_document, parse_doses

    doses = None if args.insulin is None else parse_doses(args.insulin)
    scales = dict(parse_scale(text) for text in args.scale)
    with solver_output_silenced():
        document = dynamics_document(args.model, args.state, doses, args.minutes, scales)
    sys.stdout.write(
        json.dumps(document, indent=2) + "\n" if args.format == "json" else document_tsv(document)
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m kb", description="Insulin Pathway Explorer knowledge base")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    commands.add_parser("validate", help="check the whole knowledge base").set_defaults(run=_validate)

    schema = commands.add_parser("schema", help="print the JSON schema of the data files")
    schema.add_argument(
        "--records",
        action="store_true",
        help="print kb/variants/records.py, the matcher's plain records instead",
    )
    schema.set_defaults(run=_schema)

    export_parser = commands.add_parser("export", help="write the whole knowledge base")
    export_parser.add_argument("--format", choices=("json", "graphml", "cytoscape"), default="json")
    export_parser.set_defaults(run=_export)

    simulate_parser = commands.add_parser("simulate", help="predict the effect of losses and gains")
    simulate_parser.add_argument("--perturb", action="append", required=True, metavar="NODE=loss|gain")
    simulate_parser.add_argument("--format", choices=("json", "tsv"), default="json")
    simulate_parser.set_defaults(run=_simulate)

    annotate_parser = commands.add_parser("annotate", help="find a person's variants in pathway genes")
    annotate_parser.add_argument("file")
    annotate_parser.add_argument("--build", choices=("auto", "GRCh37", "GRCh38"), default="auto")
    annotate_parser.add_argument("--sample", default=None)
    annotate_parser.add_argument("--include-filtered", action="store_true")
    annotate_parser.add_argument("--format", choices=("json", "tsv"), default="json")
    annotate_parser.set_defaults(run=_annotate)

    dynamics_parser = commands.add_parser("dynamics", help="run a published kinetic model of the pathway")
    dynamics_parser.add_argument("--model", choices=("adipocyte", "meal"), required=True)
    dynamics_parser.add_argument("--state", choices=("normal", "diabetic"), default="normal")
    dynamics_parser.add_argument(
        "--insulin", metavar="NM[,NM...]", help="insulin doses in nM (fat-cell model)"
    )
    dynamics_parser.add_argument("--minutes", type=float, help="minutes after insulin (fat cell) or the meal")
    dynamics_parser.add_argument("--scale", action="append", default=[], metavar="NODE=FACTOR")
    dynamics_parser.add_argument("--format", choices=("json", "tsv"), default="json")
    dynamics_parser.set_defaults(run=_dynamics)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; bad input exits 2 with one line on stderr, never a traceback."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except KnowledgeBaseError as error:
        print(f"knowledge base error: {error}", file=sys.stderr)
        return 1
    except ProjectError as error:
        return _fail(str(error).splitlines()[0] if str(error) else type(error).__name__)
    except BrokenPipeError:
        return 0
