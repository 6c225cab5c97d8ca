Just text, with { single braces } and % signs, and a lone } close.
Second line: 100% sure.
