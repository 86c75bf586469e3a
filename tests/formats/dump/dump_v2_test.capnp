# A NEWER copy of schema/dump.capnp, as a future Parley might have it: the
# same format with fields, a message kind and an enumerant added (see the
# "# v2" comments). dump_compat_test.cc writes dumps with it and checks that
# the current reader loads them. Only for tests.
@0x8b44110e50fccbb1;  # its own id: a copy must not reuse dump.capnp's

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("parley::schema::testv2");

const formatMajor :UInt16 = 1;
const formatMinor :UInt16 = 0;

const signatureUnpacked :Data = 0x"89 50 61 72 6c 65 79 55";
const signaturePacked :Data = 0x"89 50 61 72 6c 65 79 50";

const unknownCount :UInt64 = 0xffffffffffffffff;

struct Message {
  union {
    header @0 :Header;
    chunk @1 :Chunk;
    quadsWithTerms @2 :QuadsWithTerms;
    footer @3 :Footer;
    comment @4 :Text;  # v2: a new message kind
  }
}

struct Header {
  formatMajor @0 :UInt16;
  formatMinor @1 :UInt16;
  producer @2 :Text;
  quadCount @3 :UInt64 = 0xffffffffffffffff;
  termCount @4 :UInt64 = 0xffffffffffffffff;
  prefixes @5 :List(Prefix);
  quadOrder @6 :QuadOrder;
  termOrder @7 :TermOrder;
  extraNote @8 :Text;  # v2
}

struct Prefix {
  name @0 :Text;
  iri @1 :Text;
}

enum QuadOrder {
  unspecified @0;
  spog @1;
  posg @2;
  ospg @3;
  gspo @4;
  spogReverse @5;  # v2
}

enum TermOrder {
  unspecified @0;
  termKey @1;
}

struct Chunk {

  firstTermId @0 :UInt64;
  terms @1 :List(Term);
  firstDatatypeId @2 :UInt32;
  datatypes @3 :List(Text);
  subjects @4 :List(UInt64);
  predicates @5 :List(UInt64);
  objects @6 :List(UInt64);
  graphs @7 :List(UInt64);
  weights @8 :List(Float64);  # v2: a fifth column
}

struct Term {
  union {
    defaultGraph @0 :Void;
    iri @1 :Text;
    blankNode @2 :Text;
    literal @3 :Text;
    langLiteral :group {
      lexical @4 :Text;
      language @5 :Text;
    }
    typedLiteral :group {
      lexical @6 :Text;
      datatype :union {
        id @7 :UInt32;
        iri @8 :Text;
      }
    }
  }
  annotation @9 :Text;  # v2: Term grows a third pointer
}

struct QuadsWithTerms {
  quads @0 :List(TermQuad);
}

struct TermQuad {
  subject @0 :Term;
  predicate @1 :Term;
  object @2 :Term;
  graph @3 :Term;
  confidence @4 :Float32;  # v2: TermQuad grows a data word
}

struct Footer {
  quadCount @0 :UInt64;
  termCount @1 :UInt64;
  messageCount @2 :UInt64;
  checksumKind @3 :ChecksumKind;
  checksum @4 :UInt64;
  writtenAt @5 :UInt64;  # v2
}

enum ChecksumKind {
  none @0;
  xxh3 @1;
}
