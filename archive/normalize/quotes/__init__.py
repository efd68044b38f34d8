"""Quote and speaker extraction for Indonesian and English news (``extract_quotes``).

Modules: ``marks`` finds quote spans, ``cues`` holds the speech verbs and attribution patterns,
``antecedents`` finds speakers outside a quote's sentence (the reported-speech sentence before it,
the subjects a pronoun points back to), ``organisations`` resolves "it" / "they" / "the company"
to a body named as a source, ``speakers`` reads and resolves speaker names, ``extract`` combines them.
"""

from .extract import extract_quotes

__all__ = ["extract_quotes"]
