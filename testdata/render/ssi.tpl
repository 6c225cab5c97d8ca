{# pongo2's ssi: a file as text, or parsed as a template; names stay inside the engine's sources. #}[{% ssi "_raw.txt" %}][{% ssi "_item.html" parsed %}]
