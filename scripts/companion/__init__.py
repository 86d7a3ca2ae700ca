"""Build the research companion to Bregvadze (2025) from the YAML data in data/.

The data flows one way: load (files → documents with line numbers) → schema check →
model (typed, frozen) → cross-reference check → render (pages as Markdown strings) → write.
"""

__version__ = "0.2.0"
