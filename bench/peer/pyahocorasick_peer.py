#!/usr/bin/env python3
"""The whole job of a dictionary graph builder, written with pyahocorasick: the peer that
`kgraph build` is measured against (BENCHMARKS.md, "Against pyahocorasick").

Same inputs as `kgraph build --dictionaries DIR --corpus DIR`: every `*.toml` of the dictionary
directory (each spelling of each entity: name, name_zh, aliases) and every `*.txt`/`*.md` of the
corpus. Same job, one thread: load the dictionaries, build the automaton over lowercased
spellings, and for each document find the leftmost-longest matches whose Latin ends fall on word
boundaries (a rejected match does not hide a shorter or later one), group them by sentence, and
count the co-mentioned pairs of distinct entities. Prints what it found and the time of each phase.
"""

import argparse
import collections
import itertools
import os
import sys
import time
import tomllib

import ahocorasick

SENTENCE_ENDS = set("。！？!?\n")


def spellings(entity):
    yield entity.get("name", "")
    if entity.get("name_zh"):
        yield entity["name_zh"]
    yield from entity.get("aliases", [])


def load(directory):
    """The number of entities, and lowercased spelling -> entity numbers."""
    entities = 0
    by_spelling = collections.defaultdict(list)
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".toml"):
            continue
        with open(os.path.join(directory, name), "rb") as f:
            data = tomllib.load(f)
        for entity in data.get("entity", []):
            number = entities
            entities += 1
            for s in spellings(entity):
                s = s.strip().lower()
                if s and number not in by_spelling[s]:
                    by_spelling[s].append(number)
    return entities, by_spelling


def compile_automaton(by_spelling):
    automaton = ahocorasick.Automaton()
    for spelling, entities in by_spelling.items():
        automaton.add_word(spelling, (len(spelling), tuple(entities)))
    automaton.make_automaton()
    return automaton


def is_word_char(c):
    return c.isascii() and c.isalnum()


def matches(automaton, text):
    """Leftmost-longest matches on word boundaries: (start, end, entities)."""
    lowered = text.lower()
    found = []
    for end_index, (length, entities) in automaton.iter(lowered):
        end = end_index + 1
        start = end - length
        first, last = lowered[start], lowered[end - 1]
        if is_word_char(first) and start > 0 and is_word_char(lowered[start - 1]):
            continue
        if is_word_char(last) and end < len(lowered) and is_word_char(lowered[end]):
            continue
        found.append((start, end, entities))
    # Leftmost first, longest first among those that start at the same place; keep what does
    # not overlap what was kept.
    found.sort(key=lambda m: (m[0], -m[1]))
    kept = []
    reached = 0
    for m in found:
        if m[0] >= reached:
            kept.append(m)
            reached = m[1]
    return kept


def sentence_starts(text):
    """Where each sentence starts: after 。！？!? and line ends, and after a full stop followed by
    white space."""
    starts = [0]
    last = len(text) - 1
    for i, c in enumerate(text):
        if c in SENTENCE_ENDS or (c == "." and i < last and text[i + 1].isspace()):
            starts.append(i + 1)
    return starts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionaries", default="dictionaries")
    parser.add_argument("--corpus", default="seeds")
    args = parser.parse_args()

    t0 = time.perf_counter()
    entity_count, by_spelling = load(args.dictionaries)
    t_load = time.perf_counter()
    automaton = compile_automaton(by_spelling)
    t_compile = time.perf_counter()

    documents = 0
    mentions = 0
    sentences = 0
    pairs = collections.Counter()
    corpus_bytes = 0
    for name in sorted(os.listdir(args.corpus)):
        if not (name.endswith(".txt") or name.endswith(".md")):
            continue
        with open(os.path.join(args.corpus, name), encoding="utf-8", errors="replace") as f:
            text = f.read()
        documents += 1
        corpus_bytes += len(text.encode("utf-8"))
        starts = sentence_starts(text)
        by_sentence = collections.defaultdict(set)
        sentence = 0
        for start, _end, entities in matches(automaton, text):
            while sentence + 1 < len(starts) and starts[sentence + 1] <= start:
                sentence += 1
            mentions += 1
            by_sentence[sentence].update(entities)
        sentences += len(by_sentence)
        for entities in by_sentence.values():
            for a, b in itertools.combinations(sorted(entities), 2):
                pairs[(a, b)] += 1
    t_end = time.perf_counter()

    print("pyahocorasick peer, one thread")
    print(f"  dictionaries   {entity_count} entities, {len(by_spelling)} spellings")
    print(f"  corpus         {documents} documents, {corpus_bytes / 1e6:.1f} MB")
    print(f"  found          {mentions} mentions in {sentences} sentences, {len(pairs)} pairs")
    print(f"  load TOML      {t_load - t0:.2f} s")
    print(f"  compile        {t_compile - t_load:.2f} s")
    print(f"  match + pairs  {t_end - t_compile:.2f} s")
    print(f"  total          {t_end - t0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
