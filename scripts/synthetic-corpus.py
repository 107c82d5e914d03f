#!/usr/bin/env python3
"""Writes N synthetic documents {id, title, text} (150 Zipf-distributed words over a 50,000-word vocabulary, ~1.1 KB
each) as JSON lines, seeded, for measuring `memento corpus index`: scripts/synthetic-corpus.py 100000 corpus.jsonl"""
import itertools, json, random, sys

count, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(1)
vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 10))) for _ in range(50000)]
cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocab))))
with open(out, "w") as f:
    for i in range(count):
        words = rng.choices(vocab, cum_weights=cumulative, k=150)
        f.write(json.dumps({"id": f"d{i}", "title": " ".join(words[:4]), "text": " ".join(words)}) + "\n")
