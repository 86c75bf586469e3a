# Parley dump format, version 1.0: RDF quads as a stream of Cap'n Proto
# messages. docs/dump-format.md is the full specification (framing, checksum,
# validity rules, a worked example); this file is normative for the fields.
#
#   file     := zstd_frames(stream) | stream        (zstd detected by its magic 28 B5 2F FD)
#   stream   := signature header item* footer       (nothing may follow the footer)
#   signature:= 89 50 61 72 6C 65 79 E              ("\x89Parley" + E, 8 bytes)
#               E = 55 'U': every message is in the standard stream framing
#               E = 50 'P': every message is in the packed stream framing
#   header, item, footer := one message whose root is `Message` below, with
#               the union set to header | chunk or quadsWithTerms | footer.
#
# "Standard stream framing" is Cap'n Proto's serialization of one message:
# (segment count - 1 : UInt32 LE) (segment sizes in words : UInt32 LE each)
# (zero padding to 8 bytes) (segments). "Packed" applies Cap'n Proto's packing
# to those same bytes, message by message.
#
# Checksum: XXH3-64 (seed 0) of the stream bytes from the first byte of the
# signature to the last byte of the message just before the footer, as they
# appear after zstd decompression (so packed bytes for a packed dump).
#
# Evolution: fields, enumerants and union members are only ever added, with
# new ordinals, and existing ones never change meaning. A new minor version
# adds things an older reader may ignore without losing data; anything a
# reader must understand bumps the major version.

@0xcc5c3193644e616c;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("parley::schema::wire");

const formatMajor :UInt16 = 1;
const formatMinor :UInt16 = 0;

const signatureUnpacked :Data = 0x"89 50 61 72 6c 65 79 55";
const signaturePacked :Data = 0x"89 50 61 72 6c 65 79 50";

const unknownCount :UInt64 = 0xffffffffffffffff;
# Value of Header.quadCount / termCount when the producer does not know it.

struct Message {
  # The root of every message of the stream.
  union {
    header @0 :Header;
    # The first message, and only the first.

    chunk @1 :Chunk;
    # New terms with dump-local ids, and quads written as ids.

    quadsWithTerms @2 :QuadsWithTerms;
    # The producer-friendly form: quads with their terms written out.

    footer @3 :Footer;
    # The last message, and only the last.
  }
  # A reader skips members it does not know (added by a newer minor version);
  # they are still covered by the checksum and counted in
  # Footer.messageCount.
}

struct Header {
  formatMajor @0 :UInt16;
  # Must be 1 for this version. A reader rejects a major version it does not
  # know (0 is never valid: it means the field was not set).

  formatMinor @1 :UInt16;
  # 0 for this version. A reader accepts any minor version of its major.

  producer @2 :Text;
  # Free text naming the program that wrote the dump, e.g. "parley 0.1.0".

  quadCount @3 :UInt64 = 0xffffffffffffffff;
  # Total number of quads in the dump (both chunk forms), or unknownCount.
  # When known, it must equal Footer.quadCount.

  termCount @4 :UInt64 = 0xffffffffffffffff;
  # Total number of terms introduced by chunks, or unknownCount. When known,
  # it must equal Footer.termCount.

  prefixes @5 :List(Prefix);
  # Namespace prefixes for display (Turtle-style). They do not change the
  # meaning of any term: terms are always complete.

  quadOrder @6 :QuadOrder;
  # A promise about the order of the quads of `chunk` messages (not of
  # quadsWithTerms). Readers verify it.

  termOrder @7 :TermOrder;
  # A promise about the order of term ids. Readers verify it.
}

struct Prefix {
  name @0 :Text;
  # Without the colon; may be empty (the default prefix).

  iri @1 :Text;
}

enum QuadOrder {
  # `spog`: the quads of all chunks, taken as tuples of dump-local ids
  # (subject, predicate, object, graph), are strictly increasing in stream
  # order (so there are no duplicates). The others permute the tuple.
  unspecified @0;
  spog @1;
  posg @2;
  ospg @3;
  gspo @4;
}

enum TermOrder {
  unspecified @0;
  termKey @1;
  # Ids increase with the term-key order defined in docs/dump-format.md:
  # by kind (blank node < IRI < lang literal < xsd:string literal < typed
  # literal), then by the kind's text fields compared as unsigned bytes.
}

struct Chunk {
  # Dump-local term ids: 0 is the default graph. The terms that chunks
  # introduce get the ids 1, 2, 3, ... in stream order: terms[i] of this
  # chunk has id firstTermId + i. Every term is introduced once per dump.
  # Datatype IRIs of typed literals live in a separate, smaller id space
  # (ids 1, 2, 3, ... in stream order over all `datatypes` lists).
  #
  # Order of use within a chunk: datatypes, then terms, then quads. A term
  # may use any datatype id introduced so far (including by this chunk); a
  # quad may use any term id introduced so far (including by this chunk).
  #
  # Quads are stored by column: quad i is (subjects[i], predicates[i],
  # objects[i], graphs[i]). Columns compress far better than records (one
  # column holds runs of equal subjects, another a few predicates).

  firstTermId @0 :UInt64;
  # Must be 1 + the number of terms introduced by earlier chunks.

  terms @1 :List(Term);
  # The terms this chunk introduces. Never `defaultGraph`.

  firstDatatypeId @2 :UInt32;
  # Must be 1 + the number of datatypes introduced by earlier chunks.

  datatypes @3 :List(Text);
  # Datatype IRIs this chunk introduces. Never xsd:string or rdf:langString
  # (those literals have their own Term members). Each IRI once per dump.

  subjects @4 :List(UInt64);
  predicates @5 :List(UInt64);
  objects @6 :List(UInt64);
  # Equally long (possibly empty: a chunk may only introduce terms). Term
  # ids, never 0. Subjects must be IRIs or blank nodes, predicates IRIs.

  graphs @7 :List(UInt64);
  # Empty when every quad of the chunk is in the default graph; otherwise
  # as long as `subjects`, 0 for the default graph or the id of an IRI or
  # blank node.
}

struct Term {
  # One RDF 1.1 term. Text is UTF-8 without escapes (as in the RDF abstract
  # syntax, not N-Triples syntax); a lexical form may contain U+0000.
  union {
    defaultGraph @0 :Void;
    # Only in TermQuad.graph (an unset TermQuad.graph reads as this).

    iri @1 :Text;
    # An absolute IRI.

    blankNode @2 :Text;
    # The label without "_:". Labels are scoped to the dump.

    literal @3 :Text;
    # A literal of datatype xsd:string (the lexical form).

    langLiteral :group {
      # A literal of datatype rdf:langString.
      lexical @4 :Text;
      language @5 :Text;
      # BCP 47 tag, e.g. "en" or "pt-BR"; readers lower-case it.
    }

    typedLiteral :group {
      # A literal of any other datatype.
      lexical @6 :Text;
      datatype :union {
        id @7 :UInt32;
        # A datatype id from Chunk.datatypes (never 0). Only in chunks.

        iri @8 :Text;
        # The datatype IRI written out. Allowed in chunks too; required in
        # quadsWithTerms, which have no ids.
      }
    }
  }
}

struct QuadsWithTerms {
  # Quads that carry their terms: no ids, no state shared with other
  # messages. A producer may write a whole dump this way.
  quads @0 :List(TermQuad);
}

struct TermQuad {
  subject @0 :Term;
  predicate @1 :Term;
  object @2 :Term;
  graph @3 :Term;
  # Unset or `defaultGraph` for the default graph.
}

struct Footer {
  quadCount @0 :UInt64;
  # Quads in all chunk and quadsWithTerms messages.

  termCount @1 :UInt64;
  # Terms introduced by all chunks (the highest term id).

  messageCount @2 :UInt64;
  # Messages before the footer, the header included.

  checksumKind @3 :ChecksumKind;
  checksum @4 :UInt64;
  # See the top of this file.
}

enum ChecksumKind {
  none @0;
  # The producer did not compute a checksum (readers may insist on one).

  xxh3 @1;
  # XXH3-64 with seed 0.
}
