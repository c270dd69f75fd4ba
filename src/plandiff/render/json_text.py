"""The one way plandiff writes JSON: UTF-8 text as it reads, hidden characters as escapes.

Arabic and every other printable character stay as they are; a bidirectional control, a zero-width
or invisible character (U+200B, U+200F, U+FEFF, ...), a control character or a lone surrogate is
written as its `\\uXXXX` escape, so the JSON text shows it while the data read back is unchanged.
"""

from __future__ import annotations

import json
import re
from typing import Any

from plandiff.core.hidden_characters import HIDDEN_CLASS

# Inside a JSON text these can only stand in strings (json.dumps escapes the C0 controls itself).
_SHOWN = HIDDEN_CLASS[:-1] + "\u2028\u2029\x7f-\x9f]"  # compiled when first used


def dumps(data: Any, **options: Any) -> str:
    """`json.dumps(data, ensure_ascii=False, **options)` with hidden characters escaped."""
    text = json.dumps(data, ensure_ascii=False, **options)
    return re.sub(_SHOWN, lambda match: json.dumps(match[0])[1:-1], text)
