#!/usr/bin/env python3
"""Checks of the negotiation vocabulary and its shapes against their users.

Usage: schema_test.py vocabulary|shapes|cli PARLEY SOURCE_DIR GENERATOR

PARLEY is the built `parley` binary, SOURCE_DIR the repository, GENERATOR
../shared/peers/gen_negotiations.py (its queries/ folder beside it is read
too). Turtle and TriG are read through `parley load` + `parley export
--format nquads`, so this script needs nothing but the standard library.

vocabulary  schema/vocabulary/negotiation.ttl: every class has an English
            label and a comment; every property an English label, a comment,
            one domain and one range (a declared class, or rdfs:Resource;
            for literal-valued properties an XSD datatype, rdfs:Literal or
            rdf:langString); every ex: name used by the sample
            (schema/sample/*.trig), by the generator's data (run at a small
            scale), by the generator's peer queries, by the example queries
            (examples/queries/*.rq) and by the shapes is declared; the data
            uses properties as their ranges say (IRIs for class ranges,
            literals of the range's datatype for XSD ranges); the class
            hierarchy repeated in the shapes is the vocabulary's.
shapes      schema/shapes/negotiation.ttl, with `parley validate`: the sample
            and generated data conform (with the file and with the shapes
            built into the binary); and each of a list of small violations
            added to the sample is reported with the expected focus node and
            constraint component, so every kind of constraint the shapes use
            is seen to bite.
cli         `parley validate`, `parley load --strict` and `parley query
            --strict` on bad input: a missing database or shapes file,
            unsupported or malformed shapes, a bad --format (exit 2); a
            violating strict load or update changes nothing.

Exit 0 when everything holds, 1 with one line per problem, 77 (skipped) when
the generator is missing.
"""
import os
import re
import subprocess
import sys
import tempfile

EX = "http://example.org/neg#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"

TERM = r'(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)'
QUAD = re.compile(r"^" + TERM + " " + TERM + " " + TERM + "(?: " + TERM + ")? \\.$")
EX_IRI = re.compile(r"<" + re.escape(EX) + r"([^>]+)>")

problems = []


def problem(text):
    problems.append(text)
    print("FAIL: " + text)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def parse_nquads(text, where):
    quads = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = QUAD.match(line)
        if not m:
            raise SystemExit(f"{where}:{number}: not an N-Quads line: {line}")
        quads.append(m.groups())
    return quads


class Parley:
    def __init__(self, binary, scratch):
        self.binary = binary
        self.scratch = scratch
        self.count = 0

    def fresh_db(self, files):
        self.count += 1
        db = os.path.join(self.scratch, f"db{self.count}")
        out = run([self.binary, "load", db] + files)
        if out.returncode != 0:
            raise SystemExit(f"parley load {' '.join(files)} failed: {out.stderr}")
        return db

    def read(self, files):
        """The quads of `files` (any format parley loads), as tuples of terms."""
        db = self.fresh_db(files)
        out = run([self.binary, "export", db, "--format", "nquads"])
        if out.returncode != 0:
            raise SystemExit(f"parley export failed: {out.stderr}")
        return parse_nquads(out.stdout, " ".join(files))

    def validate(self, db, shapes=None, fmt="text"):
        args = [self.binary, "validate", db, "--format", fmt]
        if shapes:
            args += ["--shapes", shapes]
        return run(args)


def iri(term):
    return term[1:-1] if term.startswith("<") else None


def literal_datatype(term):
    """The datatype IRI of a literal term (rdf:langString for tagged ones)."""
    m = re.match(r'^"(?:[^"\\]|\\.)*"(@[A-Za-z0-9-]+|\^\^<([^>]*)>)?$', term)
    if not m:
        return None
    if m.group(1) is None:
        return XSD + "string"
    if m.group(1).startswith("@"):
        return RDF + "langString"
    return m.group(2)


def ex_names_in(text):
    return set(EX_IRI.findall(text))


def ex_names_in_query(text, where):
    """ex: names in a SPARQL query: <neg#X> and, when ex: is bound to neg#, ex:X."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    names = ex_names_in(body)
    prefix = re.search(r"PREFIX\s+ex:\s*<([^>]*)>", body, re.IGNORECASE)
    if prefix and prefix.group(1) == EX:
        # Strings may contain "ex:" too; queries here do not.
        names |= set(re.findall(r"(?<![\w:])ex:([A-Za-z_][\w-]*)", body))
    elif "ex:" in body and prefix is None:
        problem(f"{where}: uses ex: without declaring it")
    return names


# --------------------------------------------------------------------------
# vocabulary
# --------------------------------------------------------------------------
def check_vocabulary(parley, src, generator):
    vocab_file = os.path.join(src, "schema/vocabulary/negotiation.ttl")
    vocab = parley.read([vocab_file])
    by_subject = {}
    for s, p, o, _g in vocab:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)

    def values(name, prop):
        return by_subject.get(f"<{EX}{name}>", {}).get(f"<{prop}>", [])

    classes, properties, individuals = set(), set(), set()
    for s, p, o, _g in vocab:
        name = s[len(EX) + 1:-1] if s.startswith("<" + EX) else None
        if name is None or p != f"<{RDF}type>":
            continue
        if o == f"<{RDFS}Class>":
            classes.add(name)
        elif o == f"<{RDF}Property>":
            properties.add(name)
        else:
            individuals.add(name)
    declared = classes | properties | individuals
    print(f"vocabulary: {len(classes)} classes, {len(properties)} properties, "
          f"{len(individuals)} individuals")

    # Every ex: subject of the vocabulary is declared; nothing is both.
    for s in by_subject:
        if s.startswith("<" + EX) and s[len(EX) + 1:-1] not in declared:
            problem(f"vocabulary: {s} is described but has no rdf:type")
    for name in classes & properties:
        problem(f"vocabulary: ex:{name} is both a class and a property")

    def has_english(name, prop):
        return any(v.endswith("@en") for v in values(name, prop))

    for name in sorted(declared):
        if not has_english(name, RDFS + "label"):
            problem(f"vocabulary: ex:{name} has no English rdfs:label")
        if not has_english(name, RDFS + "comment"):
            problem(f"vocabulary: ex:{name} has no English rdfs:comment")
    for name in sorted(individuals):
        for t in values(name, RDF + "type"):
            if not (t.startswith("<" + EX) and t[len(EX) + 1:-1] in classes):
                problem(f"vocabulary: individual ex:{name} has an undeclared type {t}")

    literal_ranges = {XSD + t for t in ("string", "decimal", "integer", "boolean", "date",
                                         "dateTime", "gYear", "double", "anyURI")}
    literal_ranges |= {RDFS + "Literal", RDF + "langString"}

    def is_class(term):
        return term == f"<{RDFS}Resource>" or (
            term.startswith("<" + EX) and term[len(EX) + 1:-1] in classes)

    domain_of, range_of = {}, {}
    for name in sorted(properties):
        domains, ranges = values(name, RDFS + "domain"), values(name, RDFS + "range")
        if len(domains) != 1:
            problem(f"vocabulary: property ex:{name} has {len(domains)} rdfs:domain (wanted 1)")
        if len(ranges) != 1:
            problem(f"vocabulary: property ex:{name} has {len(ranges)} rdfs:range (wanted 1)")
        for d in domains:
            if not is_class(d):
                problem(f"vocabulary: the domain {d} of ex:{name} is not a declared class")
            domain_of[name] = d
        for r in ranges:
            if not (is_class(r) or iri(r) in literal_ranges):
                problem(f"vocabulary: the range {r} of ex:{name} is neither a declared class "
                        f"nor a literal type")
            range_of[name] = iri(r)
    vocab_subclass = set()
    for name in sorted(classes):
        for parent in values(name, RDFS + "subClassOf"):
            if not is_class(parent):
                problem(f"vocabulary: ex:{name} rdfs:subClassOf {parent}, not a declared class")
            vocab_subclass.add((name, parent))

    # Every ex: name the users of the vocabulary write is declared.
    def require_declared(names, where):
        missing = sorted(n for n in names if n not in declared)
        for n in missing:
            problem(f"{where} uses ex:{n}, which schema/vocabulary/negotiation.ttl does not declare")
        return len(names)

    samples = sorted(os.path.join(src, "schema/sample", f)
                     for f in os.listdir(os.path.join(src, "schema/sample"))
                     if f.endswith((".trig", ".ttl", ".nt", ".nq")))
    sample_quads = []
    for sample in samples:
        quads = parley.read([sample])
        sample_quads += quads
        n = require_declared(ex_names_in("\n".join(" ".join(t for t in q if t) for q in quads)),
                             os.path.relpath(sample, src))
        print(f"{os.path.relpath(sample, src)}: {len(quads)} quads, {n} ex: names")

    generated = run([sys.executable, generator, "--scale", "3", "--graphs"])
    if generated.returncode != 0:
        raise SystemExit(f"{generator} failed: {generated.stderr}")
    generated_quads = parse_nquads(generated.stdout, "generator output")
    n = require_declared(ex_names_in(generated.stdout), "the generator's data (--scale 3)")
    print(f"generator: {len(generated_quads)} quads, {n} ex: names")

    query_files = []
    for folder in (os.path.join(src, "examples/queries"),
                   os.path.join(os.path.dirname(generator), "queries")):
        if os.path.isdir(folder):
            query_files += sorted(os.path.join(folder, f) for f in os.listdir(folder)
                                  if f.endswith(".rq"))
    for query in query_files:
        with open(query, encoding="utf-8") as f:
            require_declared(ex_names_in_query(f.read(), query), query)
    print(f"queries: {len(query_files)} files")

    shapes_file = os.path.join(src, "schema/shapes/negotiation.ttl")
    shapes = parley.read([shapes_file])
    n = require_declared(ex_names_in("\n".join(" ".join(t for t in q if t) for q in shapes)),
                         "schema/shapes/negotiation.ttl")
    print(f"shapes: {len(shapes)} triples, {n} ex: names")

    # The class hierarchy the shapes repeat is the vocabulary's.
    shapes_subclass = {(s[len(EX) + 1:-1], o) for s, p, o, _g in shapes
                       if p == f"<{RDFS}subClassOf>" and s.startswith("<" + EX)}
    for name, parent in sorted(vocab_subclass - shapes_subclass):
        problem(f"shapes: ex:{name} rdfs:subClassOf {parent} is in the vocabulary, not in the shapes")
    for name, parent in sorted(shapes_subclass - vocab_subclass):
        problem(f"shapes: ex:{name} rdfs:subClassOf {parent} is in the shapes, not in the vocabulary")

    # The data uses each property as its range says.
    seen = set()
    for where, quads in (("the sample", sample_quads), ("the generator's data", generated_quads)):
        for s, p, o, _g in quads:
            name = p[len(EX) + 1:-1] if p.startswith("<" + EX) else None
            if name not in range_of or (where, name, o[:1], literal_datatype(o)) in seen:
                continue
            seen.add((where, name, o[:1], literal_datatype(o)))
            rng = range_of[name]
            if rng in literal_ranges:
                dt = literal_datatype(o)
                if dt is None:
                    problem(f"{where}: ex:{name} (range <{rng}>) has the non-literal value {o}")
                elif rng not in (RDFS + "Literal", dt):
                    problem(f"{where}: ex:{name} (range <{rng}>) has a <{dt}> value: {o}")
            elif o.startswith('"'):
                problem(f"{where}: ex:{name} (range <{rng}>) has the literal value {o}")


# --------------------------------------------------------------------------
# shapes
# --------------------------------------------------------------------------
PREFIXES = """@prefix ex: <http://example.org/neg#> .
@prefix d: <http://example.org/data/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
D = "http://example.org/data/"

# (what is broken, TriG added to the sample, focus node, constraint component)
VIOLATIONS = [
    ("a participant that is not a person (sh:class)",
     f"<{D}meeting/beijing-2019-02-14> ex:participant <{D}country/US> .",
     f"{D}meeting/beijing-2019-02-14", "ClassConstraintComponent"),
    ("a meeting date that is a string (sh:datatype)",
     f"<{D}x/m> a ex:Meeting ; ex:partOf <{D}negotiation/us-china-2019> ; "
     f"ex:participant <{D}person/xi> ; ex:date \"15 February\" .",
     f"{D}x/m", "DatatypeConstraintComponent"),
    ("a source that is a literal (sh:nodeKind)",
     f"<{D}statement/kudlow-vibe> ex:reportedBy \"Fox\" .",
     f"{D}statement/kudlow-vibe", "NodeKindConstraintComponent"),
    ("a tariff threat without a rate (sh:minCount)",
     f"<{D}x/t> a ex:TariffThreat ; ex:imposedBy <{D}country/US> ; ex:target <{D}country/CN> ; "
     f"ex:coversUSD 1.0 ; ex:effectiveDate \"2019-03-01\"^^xsd:date .",
     f"{D}x/t", "MinCountConstraintComponent"),
    ("a person representing two countries (sh:maxCount)",
     f"<{D}person/xi> ex:represents <{D}country/US> .",
     f"{D}person/xi", "MaxCountConstraintComponent"),
    ("a commitment status outside the list (sh:in)",
     f"<{D}x/c> a ex:Commitment ; ex:madeBy <{D}country/CN> ; ex:madeTo <{D}country/US> ; "
     f"ex:subject \"soybeans\" ; ex:status \"promised\" ; ex:reportedBy <{D}news/wsj> .",
     f"{D}x/c", "InConstraintComponent"),
    ("a statement channel outside the list (sh:in)",
     f"<{D}statement/kudlow> ex:channel ex:blog .",
     f"{D}statement/kudlow", "InConstraintComponent"),
    ("an ISO code in lower case (sh:pattern)",
     f"<{D}x/country> a ex:Country ; rdfs:label \"Atlantis\"@en ; ex:isoCode \"at\" .",
     f"{D}x/country", "PatternConstraintComponent"),
    ("a Twitter handle without its @ (sh:pattern with sh:flags)",
     f"<{D}org/us-treasury> ex:twitterHandle \"USTreasury\" .",
     f"{D}org/us-treasury", "PatternConstraintComponent"),
    ("a tariff rate above 100% (sh:maxInclusive)",
     f"<{D}tariff/us-china-200bn> ex:currentRate 250.0 .",
     f"{D}tariff/us-china-200bn", "MaxInclusiveConstraintComponent"),
    ("a negative tariff rate (sh:minInclusive)",
     f"<{D}x/t> a ex:TariffThreat ; ex:imposedBy <{D}country/US> ; ex:target <{D}country/CN> ; "
     f"ex:rate -5.0 ; ex:coversUSD 1.0 ; ex:effectiveDate \"2019-03-01\"^^xsd:date .",
     f"{D}x/t", "MinInclusiveConstraintComponent"),
    ("a tariff covering no imports (sh:minExclusive)",
     f"<{D}x/t> a ex:TariffThreat ; ex:imposedBy <{D}country/US> ; ex:target <{D}country/CN> ; "
     f"ex:rate 5.0 ; ex:coversUSD 0.0 ; ex:effectiveDate \"2019-03-01\"^^xsd:date .",
     f"{D}x/t", "MinExclusiveConstraintComponent"),
    ("a growth of 100% (sh:maxExclusive)",
     f"<{D}country/US> ex:gdpGrowthPercent 100.0 .",
     f"{D}country/US", "MaxExclusiveConstraintComponent"),
    ("an empty label (sh:minLength)",
     f"<{D}x/org> a ex:Organization ; rdfs:label \"\" .",
     f"{D}x/org", "MinLengthConstraintComponent"),
    ("a role of 101 characters (sh:maxLength)",
     f"<{D}person/hirson> ex:role \"{'x' * 101}\" .",
     f"{D}person/hirson", "MaxLengthConstraintComponent"),
    ("a negotiator's name in French (sh:languageIn)",
     f"<{D}person/liu-he> rdfs:label \"Liu He (fr)\"@fr .",
     f"{D}person/liu-he", "LanguageInConstraintComponent"),
    ("two English names of a country (sh:uniqueLang)",
     f"<{D}country/CN> rdfs:label \"People's Republic of China\"@en .",
     f"{D}country/CN", "UniqueLangConstraintComponent"),
    ("a news organisation not typed ex:Organization (sh:hasValue)",
     f"<{D}x/news> a ex:NewsOrganization ; rdfs:label \"Daily\" .",
     f"{D}x/news", "HasValueConstraintComponent"),
    ("a statement part of a negotiation (inverse path)",
     f"<{D}statement/hirson> ex:partOf <{D}negotiation/us-china-2019> .",
     f"{D}negotiation/us-china-2019", "ClassConstraintComponent"),
    ("a meeting in two countries (sequence path)",
     f"<{D}meeting/beijing-2019-02-14> ex:heldIn <{D}city/washington> .",
     f"{D}meeting/beijing-2019-02-14", "MaxCountConstraintComponent"),
    ("a statement with neither quote nor summary (alternative path)",
     f"<{D}x/s> a ex:Statement ; ex:speaker <{D}person/xi> ; ex:reportedBy <{D}news/scmp> .",
     f"{D}x/s", "MinCountConstraintComponent"),
    ("a quote on something that is not a statement (sh:targetSubjectsOf)",
     f"<{D}person/xi> ex:quote \"Hello\"@en .",
     f"{D}person/xi", "ClassConstraintComponent"),
    ("a source without a name (sh:targetObjectsOf)",
     f"<{D}statement/scmp-unnamed> ex:reportedBy <{D}x/nobody> .",
     f"{D}x/nobody", "MinCountConstraintComponent"),
    ("China a party of something that is not a negotiation (sh:targetNode)",
     f"<{D}meeting/beijing-2019-02-15> ex:party <{D}country/CN> .",
     f"{D}country/CN", "ClassConstraintComponent"),
]


def results_of(report_nt):
    """(focus node IRI, component local name) of every sh:ValidationResult."""
    props = {}
    for s, p, o, _g in parse_nquads(report_nt, "report"):
        props.setdefault(s, {})[p] = o
    found = set()
    for node in props.values():
        focus = node.get(f"<{SH}focusNode>")
        component = node.get(f"<{SH}sourceConstraintComponent>")
        if focus and component:
            found.add((iri(focus) or focus, iri(component)[len(SH):]))
    return found


def check_shapes(parley, src, generator):
    shapes = os.path.join(src, "schema/shapes/negotiation.ttl")
    sample = os.path.join(src, "schema/sample/trade-talks-2019-02-15.trig")
    def expect_conforms(db, what):
        for shape_args in (shapes, None):
            out = parley.validate(db, shape_args)
            which = "the shapes file" if shape_args else "the built-in shapes"
            if out.returncode != 0:
                problem(f"{what} does not conform to {which}:\n{out.stdout}{out.stderr}")
            else:
                print(f"{what} conforms to {which}: {out.stdout.strip().splitlines()[-1]}")

    expect_conforms(parley.fresh_db([sample]), "the sample")
    generated = os.path.join(parley.scratch, "generated.nq")
    with open(generated, "w", encoding="utf-8") as f:
        out = run([sys.executable, generator, "--scale", "20", "--graphs"])
        if out.returncode != 0:
            raise SystemExit(f"{generator} failed: {out.stderr}")
        f.write(out.stdout)
    expect_conforms(parley.fresh_db([generated]), "generated data (--scale 20 --graphs)")

    for number, (what, trig, focus, component) in enumerate(VIOLATIONS):
        extra = os.path.join(parley.scratch, f"violation{number}.trig")
        with open(extra, "w", encoding="utf-8") as f:
            f.write(PREFIXES + trig + "\n")
        db = parley.fresh_db([sample, extra])
        out = parley.validate(db, shapes, fmt="ntriples")
        if out.returncode != 1:
            problem(f"{what}: validate exited {out.returncode}, expected 1: {out.stderr}")
            continue
        found = results_of(out.stdout)
        if (focus, component) not in found:
            problem(f"{what}: no {component} result for <{focus}>; found {sorted(found)}")
        else:
            print(f"caught: {what}")


def check_command_line(parley, src):
    """parley validate's and parley load --strict's bad-input paths and exit codes."""
    sample = os.path.join(src, "schema/sample/trade-talks-2019-02-15.trig")
    db = parley.fresh_db([sample])

    def expect(args, code, fragment, what):
        out = run([parley.binary] + args)
        if out.returncode != code:
            problem(f"{what}: exit {out.returncode}, expected {code}: {out.stderr}")
        elif fragment not in out.stderr + out.stdout:
            problem(f"{what}: no '{fragment}' in: {out.stderr}{out.stdout}")
        else:
            print(f"ok: {what}")
        return out

    missing = os.path.join(parley.scratch, "no-such-db")
    expect(["validate", missing], 1, "no-such-db", "validate of a missing database")
    if os.path.exists(missing):
        problem("validate created the missing database")
    expect(["validate", db, "--shapes", os.path.join(parley.scratch, "none.ttl")], 1, "none.ttl",
           "validate with a missing shapes file")
    bad_shapes = os.path.join(parley.scratch, "bad-shapes.ttl")
    with open(bad_shapes, "w", encoding="utf-8") as f:
        f.write("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                "<http://example.org/S> sh:targetNode <http://example.org/a> ; sh:closed true .\n")
    expect(["validate", db, "--shapes", bad_shapes], 1, "sh:closed is not supported",
           "validate with an unsupported constraint")
    broken = os.path.join(parley.scratch, "broken.ttl")
    with open(broken, "w", encoding="utf-8") as f:
        f.write("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path .\n")
    expect(["validate", db, "--shapes", broken], 1, "broken.ttl:2:", "validate with a syntax error")
    expect(["validate", db, "--format", "yaml"], 2, "yaml", "validate with a bad --format")
    out = expect(["validate", db, "--format", "turtle"], 0, "sh:conforms true",
                 "validate --format turtle of the sample")

    # Strict loads: a violating file loads nothing; a conforming one loads.
    before = run([parley.binary, "export", db, "--format", "nquads"]).stdout
    violating = os.path.join(parley.scratch, "violating.ttl")
    with open(violating, "w", encoding="utf-8") as f:
        f.write(PREFIXES + "<http://example.org/data/person/nobody> a ex:Person ; "
                "ex:represents <http://example.org/data/person/xi> .\n")
    expect(["load", db, violating, "--strict"], 1, "strict mode: the change breaks the shapes",
           "strict load of a violating file")
    if run([parley.binary, "export", db, "--format", "nquads"]).stdout != before:
        problem("a rejected strict load changed the database")
    insert = ("PREFIX ex: <http://example.org/neg#> "
              "INSERT DATA { <http://example.org/data/person/nobody> a ex:Person }")
    expect(["query", db, "-e", insert, "--strict"], 1, "strict mode: the change breaks the shapes",
           "strict update that adds a violation")
    if run([parley.binary, "export", db, "--format", "nquads"]).stdout != before:
        problem("a rejected strict update changed the database")
    expect(["query", db, "-e", "ASK {}", "--strict"], 2, "apply to update requests",
           "--strict on a query")
    expect(["load", db, violating], 0, "loaded", "the same load without --strict")
    expect(["validate", db], 1, "does not conform", "validate after a violating load")


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("vocabulary", "shapes", "cli"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, binary, src, generator = sys.argv[1:]
    if not os.path.isfile(generator):
        print(f"SKIP: no generator at {generator} (set PARLEY_PEERS_DIR)")
        return 77
    with tempfile.TemporaryDirectory(prefix="parley-schema-test-") as scratch:
        parley = Parley(os.path.abspath(binary), scratch)
        if mode == "vocabulary":
            check_vocabulary(parley, os.path.abspath(src), os.path.abspath(generator))
        elif mode == "cli":
            check_command_line(parley, os.path.abspath(src))
        else:
            check_shapes(parley, os.path.abspath(src), os.path.abspath(generator))
    if problems:
        print(f"{len(problems)} problems")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
