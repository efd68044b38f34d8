"""Quote and speaker extraction for Indonesian and English news (``extract_quotes``).

Modules: ``marks`` finds quote spans, ``cues`` holds the speech verbs and attribution patterns,
``speakers`` reads and resolves speaker names, ``extract`` combines them.
"""

from .extract import extract_quotes

__all__ = ["extract_quotes"]
